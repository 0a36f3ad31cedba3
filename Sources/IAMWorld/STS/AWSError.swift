import Foundation
import IAMPolicy

/// An error as AWS reports it: a code such as `AccessDenied` and a message.
public struct AWSError: Error, Sendable, CustomStringConvertible {
    public var code: String
    public var message: String
    /// The policy evaluation behind an `AccessDenied`, for the trace.
    public var evaluation: EvaluationResult?

    public init(_ code: String, _ message: String, evaluation: EvaluationResult? = nil) {
        self.code = code
        self.message = message
        self.evaluation = evaluation
    }

    public var description: String { "\(code): \(message)" }

    static func validation(_ message: String) -> AWSError { AWSError("ValidationError", message) }

    static func expired() -> AWSError { AWSError("ExpiredToken", "The security token included in the request is expired") }
}
