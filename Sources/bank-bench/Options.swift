import Foundation

/// The command line of `bank-bench`.
///
///     bank-bench --iamquiz PATH [--baseline BANK_BENCH] [--runs N] [--output FILE] [--source DIR]
///                [--questions N] [--first-questions N] [--keep DIR]
///     bank-bench --parse FILE [--runs N]
///
/// The second form is what a baseline build runs for the first: it times only the parser of its own commit
/// on the file the first one generated, and prints the result as one JSON line.
struct Options {
    /// The `iamquiz` release binary whose `check` and start-up are timed.
    var iamquiz: String?
    /// The baseline's `bank-bench`, with the baseline's `iamquiz` beside it (`make bench-banks BASELINE=...`).
    var baseline: String?
    /// Timed runs of each figure, after one warm-up run that is not counted.
    var runs = 7
    var output: String?
    /// The bank folder repeated into the generated banks (the built-in bank's sources by default).
    var source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("QuestionBank").path
    /// Questions of the bank that is parsed and checked.
    var questions = 5_000
    /// Questions of the bank that `--bank` starts a quiz on.
    var firstQuestions = 1_000
    /// A folder where the generated banks and the profiles stay, rather than a temporary one.
    var keep: String?
    /// With `--parse FILE`: time the parser alone on FILE.
    var parseOnly: String?

    static let usage = """
        usage: bank-bench --iamquiz PATH [--baseline BANK_BENCH] [--runs N] [--output FILE] [--source DIR]
                          [--questions N] [--first-questions N] [--keep DIR]
               bank-bench --parse FILE [--runs N]
        """

    /// Reads the arguments; prints the usage and exits with status 2 on a mistake.
    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var iterator = arguments.makeIterator()
        func value(_ name: String) -> String {
            guard let value = iterator.next() else { fail("\(name) needs a value") }
            return value
        }
        func number(_ name: String) -> Int {
            let text = value(name)
            guard let number = Int(text), number > 0 else { fail("\(name) needs a positive whole number, not `\(text)`") }
            return number
        }
        while let argument = iterator.next() {
            switch argument {
            case "--iamquiz": options.iamquiz = value(argument)
            case "--baseline": options.baseline = value(argument)
            case "--runs": options.runs = number(argument)
            case "--output": options.output = value(argument)
            case "--source": options.source = value(argument)
            case "--questions": options.questions = number(argument)
            case "--first-questions": options.firstQuestions = number(argument)
            case "--keep": options.keep = value(argument)
            case "--parse": options.parseOnly = value(argument)
            case "-h", "--help":
                print(usage)
                exit(0)
            default: fail("unknown argument `\(argument)`")
            }
        }
        if options.parseOnly == nil, options.iamquiz == nil { fail("--iamquiz PATH is required") }
        return options
    }
}

/// Prints `error: message` and the usage, and exits with status 2.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n\(Options.usage)\n".utf8))
    exit(2)
}

/// Prints `error: message` and exits with status 1: the benchmark cannot go on.
func stop(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(1)
}
