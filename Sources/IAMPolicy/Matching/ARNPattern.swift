import Synchronization

/// An ARN pattern as in `Resource`, `ArnLike` and principal ARNs: case-sensitive, with `*` and `?`
/// matched within the colon-separated segments of the ARN.
///
/// The rule (IAM JSON policy elements: Resource, "Using wildcards in resource ARNs"): wildcards match
/// within a segment; a `*` that is the last character of a segment may expand beyond the colon. The
/// first five segments (`arn`, partition, service, region, account) are segments; everything after
/// the fifth colon is the resource, in which `*` and `?` match any character, colons included.
public struct ARNPattern: Sendable {
    /// The pattern as written (built from the tokens only when asked, e.g. for a trace).
    public var text: String { writtenText ?? PatternToken.text(tokens) }
    private let writtenText: String?
    private let tokens: [PatternToken]
    private let pattern: WildcardPattern
    /// The pattern as matched (for `PatternList`).
    var wildcard: WildcardPattern { pattern }

    public init(_ text: String) {
        self.init(tokens: PatternToken.parse(text), text: text)
    }

    /// A pattern from tokens (after variable expansion, where `${*}` became a literal `*`).
    public init(tokens: [PatternToken], text: String? = nil) {
        writtenText = text
        self.tokens = text == nil ? tokens : []
        let bounded = Self.colonBounded(tokens, segmentEndingStarCrosses: true)
        pattern = WildcardPattern(tokens: tokens, caseInsensitive: false, colonBounded: bounded)
    }

    /// The wildcard tokens that may not match `:`: in the first five segments (`arn`, partition, service,
    /// region, account) every `?`, and every `*` unless `segmentEndingStarCrosses` and it ends its segment
    /// (the `Resource` rule; the ARN condition operators keep every wildcard inside its segment).
    static func colonBounded(_ tokens: [PatternToken], segmentEndingStarCrosses: Bool) -> Set<Int> {
        var bounded = Set<Int>()
        var colons = 0
        for (i, token) in tokens.enumerated() {
            switch token {
            case .literal(let s):
                if s == ":" { colons += 1 }
            case .anyRun:
                let endsSegment = i + 1 == tokens.count || tokens[i + 1] == .literal(":")
                if colons < 5, !(segmentEndingStarCrosses && endsSegment) { bounded.insert(i) }
            case .anyOne:
                if colons < 5 { bounded.insert(i) }
            }
        }
        return bounded
    }

    public func matches(_ arn: String) -> Bool {
        pattern.matches(arn)
    }
}

/// The parts of an ARN: `arn:partition:service:region:account:resource`.
public struct ARN: Sendable, Hashable {
    public var partition: String
    public var service: String
    public var region: String
    public var account: String
    public var resource: String

    /// Parses an ARN; nil when the text does not have the six parts.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        partition = String(parts[1])
        service = String(parts[2])
        region = String(parts[3])
        account = String(parts[4])
        resource = String(parts[5])
    }

    public var text: String { "arn:\(partition):\(service):\(region):\(account):\(resource)" }
}

/// The ARN pattern of a `Resource` with variables, for the values it was last expanded with.
typealias CompiledTemplateCache = TemplateCache<ARNPattern>

/// What was last built from some templates' variable values (an ARN pattern, a condition's values):
/// building costs far more than checking the values again, and one principal's requests resolve to the
/// same values.
final class TemplateCache<Built: Sendable>: Sendable {
    private let last = Mutex<(values: [[String]], built: Built)?>(nil)

    /// What `build` makes of the templates' values in `context` (one array per template), built again only
    /// when the values changed; nil when a variable cannot be resolved.
    func built(from templates: some Collection<PolicyTemplate>, in context: RequestContext,
               _ build: ([[String]]) -> Built) -> Built? {
        let hit = last.withLock { last -> Built? in
            guard let last, last.values.count == templates.count,
                  zip(templates, last.values).allSatisfy({ $0.resolves(in: context, to: $1) }) else { return nil }
            return last.built
        }
        if let hit { return hit }
        var values: [[String]] = []
        for template in templates {
            guard let resolved = template.resolve(in: context) else { return nil }
            values.append(resolved)
        }
        let built = build(values)
        last.withLock { $0 = (values, built) }
        return built
    }
}
