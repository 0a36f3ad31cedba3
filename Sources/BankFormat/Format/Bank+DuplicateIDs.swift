import Diagnostics

extension Bank {
    /// E002: ids used by more than one question, across all files. The check that spans files: `--bank`
    /// loading runs it, and so does `BankCompiler` on the built-in bank at build time.
    package func duplicateIDs() -> [Diagnostic] {
        var first: [String: Question] = [:]
        var found: [Diagnostic] = []
        for question in questions where !question.id.isEmpty {
            if let earlier = first[question.id] {
                let line = question.position.location?.line ?? 1
                let where_ = earlier.position.location.map { "\(earlier.position.file):\($0.line)" } ?? earlier.position.file
                found.append(Diagnostic(.error, code: BankCode.duplicateID, "duplicate question id `\(question.id)`",
                                        file: question.position.file,
                                        range: SourceRange(line: line, column: 4, length: question.id.unicodeScalars.count),
                                        help: "first used at \(where_); ids must be unique across the bank"))
            } else {
                first[question.id] = question
            }
        }
        return found
    }
}
