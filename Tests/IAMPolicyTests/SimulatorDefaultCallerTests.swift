import Testing
import TestSupport
@testable import IAMPolicy

/// Issue 10: without `--caller-arn`, AWS's simulator judges a request within the resource's own account
/// ("If the ResourceOwner parameter is not specified, then the owner of the resources and the resource policy
/// defaults to the account of the identity provided in CallerArn", SimulateCustomPolicy,
/// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html). iamquiz gave every
/// request an example account, so a plain `dynamodb:*` policy was "cross-account" and denied.
@Suite("Simulator: the default caller")
struct SimulatorDefaultCallerTests {
    static let allowDynamo = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:*","Resource":"*"}]}"#

    /// One identity policy, the actions and the resources; no caller.
    func input(_ policy: String, _ actions: [String], _ resources: [String]) -> SimulationInput {
        var input = SimulationInput()
        input.identityPolicies = [PolicyDocument(id: "PolicyInputList.1", text: policy)]
        input.actions = actions
        input.resources = resources
        return input
    }

    func decisions(_ input: SimulationInput) throws -> [Decision] {
        let prepared = try Simulator.prepare(input).get()
        return Simulator.run(prepared).map(\.result.decision)
    }

    @Test("the plain call: an identity policy and a resource ARN of some account is allowed, as AWS's simulator says")
    func plainCall() throws {
        let input = input(Self.allowDynamo, ["dynamodb:GetItem"],
                          ["arn:aws:dynamodb:us-east-1:111122223333:table/Orders", "arn:aws:dynamodb:us-east-1:444455556666:table/Other"])
        #expect(try decisions(input) == [.allowed, .allowed])
    }

    @Test("a caller given in another account keeps cross-account reasoning")
    func explicitCallerElsewhere() throws {
        var input = input(Self.allowDynamo, ["dynamodb:GetItem"], ["arn:aws:dynamodb:us-east-1:111122223333:table/Orders"])
        input.callerARN = "arn:aws:iam::444455556666:user/carol"
        #expect(try decisions(input) == [.implicitDeny])
    }

    @Test("--resource-owner puts the default caller in that account")
    func ownerGiven() throws {
        var input = input(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}]}"#,
                          ["s3:GetObject"], ["arn:aws:s3:::bucket/key"])
        input.resourceOwner = "111122223333"
        #expect(try decisions(input) == [.allowed])
    }

    /// The property: for random policy sets with no caller-specific element (no user names, no principal
    /// naming a user or role, no variables), naming a user of the resource's account as the caller never
    /// changes a decision.
    @Test("a user of the resource's account as --caller-arn never changes the decision (2,000 random sets)")
    func callerOfTheAccountChangesNothing() throws {
        var rng = TestRandom(seed: 0x1A_2B_3C)
        func pick<T>(_ values: [T]) -> T { values[rng.below(values.count)] }
        let actions = ["s3:GetObject", "s3:PutObject", "dynamodb:GetItem", "kms:Decrypt", "sqs:SendMessage"]
        let resources = ["arn:aws:s3:::b/x", "arn:aws:dynamodb:us-east-1:111122223333:table/t",
                         "arn:aws:dynamodb:us-east-1:444455556666:table/t", "arn:aws:kms:us-east-1:111122223333:key/k",
                         "arn:aws:sqs:us-east-1:444455556666:q", "*"]
        let actionPatterns = ["*", "s3:*", "s3:Get*", "dynamodb:*", "kms:Decrypt", "sqs:*", "dynamodb:GetItem"]
        let resourcePatterns = ["*", "arn:aws:s3:::b/*", "arn:aws:dynamodb:*:*:table/t", "arn:aws:kms:*:111122223333:key/*", "arn:aws:sqs:*:*:q"]
        let principals = [#""*""#, #"{"AWS": "*"}"#, #"{"AWS": "arn:aws:iam::111122223333:root"}"#,
                          #"{"AWS": "444455556666"}"#, #"{"Service": "ec2.amazonaws.com"}"#]
        let conditions = ["", #","Condition":{"StringEquals":{"test:k":"v"}}"#, #","Condition":{"Bool":{"aws:SecureTransport":"true"}}"#]
        func statement(_ withPrincipal: Bool) -> String {
            let effect = rng.below(4) == 0 ? "Deny" : "Allow"
            let principal = withPrincipal ? #","Principal":"# + pick(principals) : ""
            return #"{"Effect":"\#(effect)"\#(principal),"Action":"\#(pick(actionPatterns))","Resource":"\#(pick(resourcePatterns))"\#(pick(conditions))}"#
        }
        func policy(_ withPrincipal: Bool = false) -> String {
            #"{"Version":"2012-10-17","Statement":["# + (0...rng.below(2)).map { _ in statement(withPrincipal) }.joined(separator: ",") + "]}"
        }
        var compared = 0
        for round in 0..<2_000 {
            var input = SimulationInput()
            input.identityPolicies = (0..<rng.below(3)).enumerated().map { PolicyDocument(id: "PolicyInputList.\($0.offset + 1)", text: policy()) }
            if rng.below(3) == 0 { input.boundaryPolicies = [PolicyDocument(id: "Boundary.1", text: policy())] }
            if rng.below(4) == 0 { input.scps = [PolicyDocument(id: "SCP.1", text: policy())] }
            if rng.below(2) == 0 { input.resourcePolicy = PolicyDocument(id: "ResourcePolicy", text: policy(true)) }
            if rng.below(4) == 0 { input.endpointPolicy = PolicyDocument(id: "VpcEndpointPolicy", text: policy(true)) }
            if rng.below(4) == 0 { input.resourceOwner = pick(["111122223333", "444455556666"]) }
            if rng.below(2) == 0 { input.contextEntries = [ContextEntry(name: "test:k", values: ["v"], type: .string)] }
            input.actions = [pick(actions)]
            input.resources = [pick(resources)]
            let account = input.resourceOwner ?? Simulator.account(of: input.resources[0]) ?? SimulationInput.defaultAccount
            var named = input
            named.callerARN = "arn:aws:iam::\(account):user/tester"
            let plain = try decisions(input), withCaller = try decisions(named)
            #expect(plain == withCaller, "round \(round): \(input.actions) \(input.resources) owner \(input.resourceOwner ?? "-")")
            compared += 1
        }
        #expect(compared == 2_000)
    }
}
