import IAMPolicy

// Case (b): one large policy set of 1,000 statements with wildcards and conditions, generated
// deterministically (a fixed-seed SplitMix64), spread over identity policies, a permissions boundary,
// two levels of SCPs and a resource-based policy.

/// SplitMix64: small, fast, and the same sequence on every platform.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
}

enum LargePolicySet {
    static let account = "111122223333"
    static let regions = ["eu-west-1", "eu-central-1", "us-east-1", "us-west-2", "ap-southeast-2"]

    struct Service {
        var name: String
        var actions: [String]
        /// Resource patterns; `#` is replaced by a number, `@` by a region.
        var resources: [String]
    }

    static let services: [Service] = [
        Service(name: "s3", actions: ["GetObject", "PutObject", "ListBucket", "DeleteObject", "GetObjectTagging", "PutObjectAcl"],
                resources: ["arn:aws:s3:::bucket-#/*", "arn:aws:s3:::bucket-#", "arn:aws:s3:::bucket-#/logs/*", "arn:aws:s3:::bucket-*-#/*"]),
        Service(name: "dynamodb", actions: ["GetItem", "PutItem", "Query", "Scan", "UpdateItem", "DeleteItem"],
                resources: ["arn:aws:dynamodb:@:111122223333:table/table-#", "arn:aws:dynamodb:*:111122223333:table/table-#*",
                            "arn:aws:dynamodb:@:111122223333:table/table-#/index/*"]),
        Service(name: "ec2", actions: ["StartInstances", "StopInstances", "RunInstances", "DescribeInstances", "CreateTags"],
                resources: ["arn:aws:ec2:@:111122223333:instance/*", "arn:aws:ec2:*:111122223333:volume/vol-#*", "*"]),
        Service(name: "lambda", actions: ["InvokeFunction", "GetFunction", "UpdateFunctionCode"],
                resources: ["arn:aws:lambda:@:111122223333:function:fn-#", "arn:aws:lambda:@:111122223333:function:fn-#:*"]),
        Service(name: "sqs", actions: ["SendMessage", "ReceiveMessage", "DeleteMessage"],
                resources: ["arn:aws:sqs:@:111122223333:queue-#", "arn:aws:sqs:*:111122223333:queue-#-?lq"]),
        Service(name: "kms", actions: ["Decrypt", "Encrypt", "GenerateDataKey"],
                resources: ["arn:aws:kms:@:111122223333:key/*", "arn:aws:kms:@:111122223333:alias/app-#"]),
        Service(name: "logs", actions: ["PutLogEvents", "CreateLogStream", "GetLogEvents"],
                resources: ["arn:aws:logs:@:111122223333:log-group:/app/#:*", "arn:aws:logs:*:111122223333:log-group:*"]),
        Service(name: "sns", actions: ["Publish", "Subscribe"],
                resources: ["arn:aws:sns:@:111122223333:topic-#"]),
    ]

    static func quoted(_ values: [String]) -> String {
        values.count == 1 ? "\"\(values[0])\"" : "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }

    static func action(_ service: Service, _ rng: inout SplitMix64) -> String {
        let name = rng.pick(service.actions)
        switch rng.below(10) {
        case 0: return "\(service.name):*"
        case 1, 2: return "\(service.name):\(name.prefix(3))*"
        case 3: return "\(service.name):*\(name.suffix(4))"
        case 4: return "\(service.name):\(name.prefix(2))?\(name.dropFirst(3))"
        default: return "\(service.name):\(name)"
        }
    }

    static func resource(_ service: Service, _ rng: inout SplitMix64) -> String {
        var text = rng.pick(service.resources)
        text = text.split(separator: "#", omittingEmptySubsequences: false).joined(separator: String(rng.below(40)))
        text = text.split(separator: "@", omittingEmptySubsequences: false).joined(separator: rng.pick(regions))
        return text
    }

    /// A condition block: zero, one or two clauses that the requests below satisfy or not.
    static func condition(_ rng: inout SplitMix64, deny: Bool) -> String {
        if deny {
            // Denies that do not apply to the benchmark's requests, so every statement is still examined.
            return rng.pick([
                #""Condition": {"Bool": {"aws:SecureTransport": "false"}}"#,
                #""Condition": {"StringEquals": {"aws:RequestedRegion": "ap-east-1"}}"#,
                #""Condition": {"NotIpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.0.2.0/24"]}}"#,
                #""Condition": {"StringLike": {"aws:PrincipalTag/team": "contractor-*"}}"#,
            ])
        }
        let clauses = [
            #""StringEquals": {"aws:RequestedRegion": ["eu-west-1", "eu-central-1"]}"#,
            #""StringLike": {"aws:PrincipalTag/team": ["team-*", "platform"]}"#,
            #""IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.0.2.0/24"]}"#,
            #""Bool": {"aws:SecureTransport": "true"}"#,
            #""NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}"#,
            #""DateGreaterThan": {"aws:CurrentTime": "2024-01-01T00:00:00Z"}"#,
            #""ArnLike": {"aws:SourceArn": "arn:aws:sns:*:111122223333:topic-*"}"#,
            #""StringNotEquals": {"aws:PrincipalTag/env": "sandbox"}"#,
            #""ForAnyValue:StringLike": {"aws:TagKeys": ["cost-*", "owner"]}"#,
            #""StringEqualsIgnoreCase": {"aws:PrincipalTag/Department": "ENGINEERING"}"#,
        ]
        switch rng.below(10) {
        case 0..<4: return ""
        case 4..<8: return "\"Condition\": {\(rng.pick(clauses))}"
        default:
            let first = rng.below(clauses.count)
            let second = (first + 1 + rng.below(clauses.count - 1)) % clauses.count
            return "\"Condition\": {\(clauses[first]), \(clauses[second])}"
        }
    }

    static func statement(_ index: Int, _ rng: inout SplitMix64, principal: Bool) -> String {
        let deny = rng.chance(10)
        let service = rng.pick(services)
        let actions = (0..<(1 + rng.below(3))).map { _ in action(service, &rng) }
        let resources = (0..<(1 + rng.below(2))).map { _ in resource(service, &rng) }
        var members = [
            "\"Sid\": \"S\(index)\"",
            "\"Effect\": \"\(deny ? "Deny" : "Allow")\"",
        ]
        if principal {
            members.append(rng.chance(50) ? #""Principal": {"AWS": "arn:aws:iam::111122223333:root"}"#
                                          : #""Principal": {"AWS": ["arn:aws:iam::444455556666:root", "arn:aws:iam::111122223333:role/App"]}"#)
        }
        members.append("\"Action\": \(quoted(actions))")
        members.append("\"Resource\": \(quoted(resources))")
        let condition = condition(&rng, deny: deny)
        if !condition.isEmpty { members.append(condition) }
        return "    {" + members.joined(separator: ", ") + "}"
    }

    static func policy(statements: Range<Int>, _ rng: inout SplitMix64, principal: Bool = false, leading: [String] = []) -> String {
        let body = leading + statements.map { statement($0, &rng, principal: principal) }
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n" + body.joined(separator: ",\n") + "\n  ]\n}"
    }

    /// The requests: one per service and a few more; the context carries every key the conditions use.
    static func requests() -> [RequestSpec] {
        var rng = SplitMix64(state: 0x1A2B_3C4D_5E6F_7788)
        // 6 identity policies of 125 statements: 750.
        let identity = (0..<6).map { policy(statements: ($0 * 125)..<($0 * 125 + 125), &rng) }
        // A boundary: one broad Allow on the services used, then 99 generated statements: 100.
        let boundary = policy(statements: 750..<849, &rng, leading: [
            #"    {"Sid": "Services", "Effect": "Allow", "Action": ["s3:*", "dynamodb:*", "ec2:*", "lambda:*", "sqs:*", "kms:*", "logs:*", "sns:*"], "Resource": "*"}"#,
        ])
        // Two SCP levels of 50 statements each (each opens with FullAWSAccess): 100.
        let fullAccess = #"    {"Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*"}"#
        let scp1 = policy(statements: 849..<898, &rng, leading: [fullAccess])
        let scp2 = policy(statements: 898..<947, &rng, leading: [fullAccess])
        // A resource-based policy of 50 statements with principals (used for the resource's service).
        let resourcePolicy = policy(statements: 947..<997, &rng, principal: true)
        // 750 + 100 + 100 + 50 = 1,000 statements.

        let context: [RequestSpec.ContextKey] = [
            .init(name: "aws:SecureTransport", type: .boolean, values: ["true"]),
            .init(name: "aws:RequestedRegion", type: .string, values: ["eu-west-1"]),
            .init(name: "aws:SourceIp", type: .ip, values: ["10.1.2.3"]),
            .init(name: "aws:MultiFactorAuthAge", type: .numeric, values: ["120"]),
            .init(name: "aws:CurrentTime", type: .date, values: ["2025-06-01T12:00:00Z"]),
            .init(name: "aws:SourceArn", type: .string, values: ["arn:aws:sns:eu-west-1:111122223333:topic-7"]),
            .init(name: "aws:PrincipalTag/team", type: .string, values: ["team-payments"]),
            .init(name: "aws:PrincipalTag/env", type: .string, values: ["production"]),
            .init(name: "aws:PrincipalTag/Department", type: .string, values: ["Engineering"]),
            .init(name: "aws:TagKeys", type: .stringList, values: ["owner", "cost-center", "project"]),
        ]
        let targets: [(action: String, resource: String)] = [
            ("s3:GetObject", "arn:aws:s3:::bucket-7/reports/2025/06/01.csv"),
            ("s3:PutObject", "arn:aws:s3:::bucket-12/logs/app.log"),
            ("dynamodb:GetItem", "arn:aws:dynamodb:eu-west-1:111122223333:table/table-3"),
            ("dynamodb:Query", "arn:aws:dynamodb:eu-west-1:111122223333:table/table-21/index/by-date"),
            ("ec2:StartInstances", "arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0"),
            ("lambda:InvokeFunction", "arn:aws:lambda:eu-west-1:111122223333:function:fn-5"),
            ("sqs:SendMessage", "arn:aws:sqs:eu-west-1:111122223333:queue-9"),
            ("kms:Decrypt", "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
            ("logs:PutLogEvents", "arn:aws:logs:eu-west-1:111122223333:log-group:/app/14:log-stream:web-1"),
            ("iam:PassRole", "arn:aws:iam::111122223333:role/App"),
        ]
        return targets.map { target in
            RequestSpec(name: "large-\(target.action)", summary: "1,000 statements", caller: "arn:aws:iam::111122223333:role/App",
                        action: target.action, resource: target.resource, resourceOwner: account, context: context,
                        identity: identity, boundary: [boundary], scps: [[scp1], [scp2]], resourcePolicy: resourcePolicy,
                        expected: nil)
        }
    }
}
