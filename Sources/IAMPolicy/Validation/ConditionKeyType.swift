/// The type of a condition key as the Service Authorization Reference and the global condition keys page
/// give it (`String`, `ARN`, `Numeric`, `Date`, `Bool`, `IPAddress`, `Binary`, and `ArrayOf...` for a
/// multivalued key), and which condition operators can compare it.
public struct ConditionKeyType: Sendable, Hashable, CustomStringConvertible {
    public enum Base: String, Sendable, Hashable, CaseIterable {
        case string = "String"
        case arn = "ARN"
        case numeric = "Numeric"
        case date = "Date"
        case bool = "Bool"
        case ipAddress = "IPAddress"
        case binary = "Binary"
    }

    public var base: Base
    /// A multivalued key (`ArrayOfString`...), compared with `ForAnyValue` / `ForAllValues`.
    public var isArray: Bool

    public init(_ base: Base, isArray: Bool = false) {
        self.base = base
        self.isArray = isArray
    }

    /// Reads a catalog type name: `String`, `ArrayOfARN`...
    public init?(catalogName: String) {
        let isArray = catalogName.hasPrefix("ArrayOf")
        guard let base = Base(rawValue: isArray ? String(catalogName.dropFirst("ArrayOf".count)) : catalogName) else { return nil }
        self.init(base, isArray: isArray)
    }

    public var description: String { isArray ? "ArrayOf\(base.rawValue)" : base.rawValue }

    /// Whether an operator of this family can compare the key. String operators compare ARN keys too
    /// ("works with ARN operators and string operators" on the global condition keys page); `Null` tests
    /// any key.
    public func accepts(_ op: ConditionOperator.Base) -> Bool {
        guard let family = op.family else { return true }
        return family == base || (family == .string && base == .arn)
    }
}

extension ConditionKeyType.Base {
    /// The operators that compare keys of this type, for help notes.
    var operatorsPhrase: String {
        switch self {
        case .string: "a string operator (`StringEquals`, `StringLike`...)"
        case .arn: "an ARN operator (`ArnEquals`, `ArnLike`...) or a string operator"
        case .numeric: "a numeric operator (`NumericEquals`, `NumericLessThan`...)"
        case .date: "a date operator (`DateGreaterThan`, `DateLessThan`...)"
        case .bool: "`Bool`"
        case .ipAddress: "`IpAddress` or `NotIpAddress`"
        case .binary: "`BinaryEquals`"
        }
    }
}

extension ConditionOperator.Base {
    /// The type of value the operator compares; nil for `Null`, which only tests whether a key is present.
    public var family: ConditionKeyType.Base? {
        switch self {
        case .stringEquals, .stringNotEquals, .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase, .stringLike, .stringNotLike:
            .string
        case .numericEquals, .numericNotEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan,
             .numericGreaterThanEquals:
            .numeric
        case .dateEquals, .dateNotEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            .date
        case .bool: .bool
        case .binaryEquals: .binary
        case .ipAddress, .notIpAddress: .ipAddress
        case .arnEquals, .arnLike, .arnNotEquals, .arnNotLike: .arn
        case .null: nil
        }
    }
}
