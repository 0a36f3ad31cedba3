import IAMPolicy
import QuizEngine

/// A service the drills use: four of its actions, the names of its resources, and how to write a resource and
/// the pattern that covers a container's resources.
struct DrillService: Sendable {
    var actions: [String]
    var containers: [String]
    /// A resource in a container; `item` picks among the container's items (an S3 object key).
    var resource: @Sendable (_ container: String, _ item: Int) -> String
    /// The pattern a statement writes for every resource of a container.
    var pattern: @Sendable (_ container: String) -> String

    static let account = "111122223333"

    static let s3 = DrillService(
        actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectTagging"],
        containers: ["reports", "invoices", "media-archive", "build-artifacts"],
        resource: { "arn:aws:s3:::\($0)/\(["2026/q1.csv", "2026/q2.csv", "summary.pdf"][$1 % 3])" },
        pattern: { "arn:aws:s3:::\($0)/*" })

    static let dynamodb = DrillService(
        actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"],
        containers: ["Orders", "Customers", "Invoices", "Sessions"],
        resource: { container, _ in "arn:aws:dynamodb:us-east-1:\(account):table/\(container)" },
        pattern: { "arn:aws:dynamodb:us-east-1:\(account):table/\($0)" })

    static let sqs = DrillService(
        actions: ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:PurgeQueue"],
        containers: ["orders-queue", "billing-queue", "audit-queue", "email-queue"],
        resource: { container, _ in "arn:aws:sqs:us-east-1:\(account):\(container)" },
        pattern: { "arn:aws:sqs:us-east-1:\(account):\($0)" })

    static let all = [s3, dynamodb, sqs]

    /// The service's prefix (`s3`).
    var prefix: String { String(actions[0].prefix { $0 != ":" }) }

    /// A container's name as a word of a statement id: `media-archive` gives `MediaArchive`.
    static func sidWord(_ name: String) -> String {
        name.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The action without its prefix (`GetObject`), for statement ids.
    static func verb(_ action: String) -> String {
        String(action.split(separator: ":").last ?? Substring(action))
    }
}

/// The callers of the drills.
struct DrillPerson: Sendable {
    var name: String

    static let all = ["Alice", "Bob", "Carol", "Dmitri", "Erin", "Farah"].map(DrillPerson.init)

    /// The IAM user of the person.
    var userARN: String { "arn:aws:iam::\(DrillService.account):user/\(name.lowercased())" }

    /// The person's session of `role`.
    func sessionARN(role: String) -> String {
        "arn:aws:sts::\(DrillService.account):assumed-role/\(role)/\(name.lowercased())"
    }
}

/// What every family draws first: a service, a caller, some of the service's actions, two containers and one
/// resource in each (the first is the one the policies are about), so that requests differ in one part.
struct DrillCast {
    var service: DrillService
    var person: DrillPerson
    var actions: [String]
    var containers: [String]
    var item: Int
    var resources: [String]

    init(random: inout SeededRandom, actionCount: Int = 4) {
        service = random.pick(DrillService.all)
        person = random.pick(DrillPerson.all)
        actions = random.sample(service.actions, actionCount)
        containers = random.sample(service.containers, 2)
        item = random.below(3)
        resources = containers.map { [service, item] in service.resource($0, item) }
    }

    /// Every action on every resource, by the caller `callerARN` (the person's user by default).
    func requests(callerARN: String? = nil) -> [DrillRequest] {
        actions.flatMap { action in
            resources.map { DrillRequest(principal: person.name, callerARN: callerARN ?? person.userARN, action: action, resource: $0) }
        }
    }
}

extension SeededRandom {
    /// One of `items`, drawn uniformly.
    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// `count` of `items` in a random order.
    mutating func sample<T>(_ items: [T], _ count: Int) -> [T] {
        var copy = items
        shuffle(&copy)
        return Array(copy.prefix(count))
    }

    /// True with probability 1/2.
    mutating func coin() -> Bool {
        below(2) == 0
    }
}
