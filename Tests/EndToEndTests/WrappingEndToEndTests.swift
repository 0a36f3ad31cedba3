import Foundation
import Testing

/// What a screen of output must look like at a width: no line wider than the width but a lone URL or ARN
/// that is wider by itself, and every AWS documentation link of the bank whole on one line.
struct WrappedScreen {
    let text: String
    let width: Int
    /// Lines to leave out: the line reader's prompts echoed with what was typed (not iamquiz's layout).
    var typed: [String] = []

    /// The lines, without colour codes or carriage returns.
    var lines: [String] {
        let plain = text.replacingOccurrences(of: #"\x{1B}\[[0-9;?]*[A-Za-z]"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: "\r", with: "")
        return plain.components(separatedBy: "\n")
    }

    /// Lines wider than the width that are not a lone link (the output here is ASCII or one column a character).
    var tooWide: [String] {
        lines.filter { line in
            guard line.count > width else { return false }
            if typed.contains(where: { line.hasSuffix(": " + $0) }) { return false }
            let word = line.trimmingCharacters(in: .whitespaces)
            let isLink = word.range(of: #"^[(`"']*(https?://|arn:)\S+$"#, options: .regularExpression) != nil
            return !isLink
        }
    }

    /// The `https://docs.aws.amazon.com` links in the output that are not whole links of the built-in bank.
    func brokenLinks(bank: Set<String>) -> [String] {
        WrappingEndToEndTests.links(in: text).filter { !bank.contains($0) }
    }
}

@Suite("iamquiz end to end: every screen wraps at the width, links whole")
struct WrappingEndToEndTests {
    static let widths = [60, 160]
    static let verifiedBank = IAMQuizBinary.fixtures.appendingPathComponent("verified-bank").path

    /// The AWS documentation links in `text`, each up to the next space.
    static func links(in text: String) -> [String] {
        let pattern = try? NSRegularExpression(pattern: #"https://docs\.aws\.amazon\.com\S*"#)
        let range = NSRange(text.startIndex..., in: text)
        return (pattern?.matches(in: text, range: range) ?? []).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    /// Every documentation link written in the built-in bank's files.
    static let bankLinks: Set<String> = {
        let folder = IAMQuizBinary.packageRoot.appendingPathComponent("QuestionBank")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var found = Set<String>()
        for file in files where file.hasSuffix(".iqb") {
            let text = (try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)) ?? ""
            found.formUnion(links(in: text))
        }
        return found
    }()

    static func run(_ arguments: [String], width: Int, input: String = "", environment: [String: String] = [:]) throws
        -> IAMQuizBinary.Output {
        try IAMQuizBinary.run(arguments, input: input, environment: environment.merging(["COLUMNS": "\(width)"]) { $1 })
    }

    @Test("quiz feedback of the built-in bank: lines within the width, its See links whole", arguments: widths)
    func quizFeedback(width: Int) throws {
        // Enough answers for several questions (a refused count re-prompts), then q before the last one.
        let typed = ["a", "ab", "abc", "q"]
        let input = Array(repeating: "a\nab\nabc\n", count: 6).joined() + "q\n"
        let run = try Self.run(["--count", "20", "--seed", "5"], width: width, input: input, environment: try freshHome())
        let screen = WrappedScreen(text: run.stdout, width: width, typed: typed)
        #expect(screen.lines.count > 40, "\(run.stdout)")
        #expect(screen.tooWide.isEmpty, "\(screen.tooWide)")
        #expect(!Self.links(in: run.stdout).isEmpty, "no link to check:\n\(run.stdout)")
        #expect(screen.brokenLinks(bank: Self.bankLinks).isEmpty, "\(screen.brokenLinks(bank: Self.bankLinks))")
        // Prose keeps a readable measure on a wide terminal: options and explanations within 100 columns.
        for line in screen.lines where line.hasPrefix("Explanation: ") || line.range(of: #"^  [A-F]\. "#, options: .regularExpression) != nil {
            #expect(line.count <= min(width, 100), "\(line)")
        }
    }

    @Test("verify after an answer: the trace wraps under its nodes, ARNs whole", arguments: widths)
    func verifyTrace(width: Int) throws {
        let typed = ["a b", "verify", ""]
        let run = try Self.run(["--bank", Self.verifiedBank, "--seed", "1"], width: width, input: "a b\nverify\n\n",
                               environment: try freshHome())
        #expect(run.stdout.contains("Option A"), "\(run.stdout)")
        let screen = WrappedScreen(text: run.stdout, width: width, typed: typed)
        #expect(screen.tooWide.isEmpty, "\(screen.tooWide)")
        #expect(run.stdout.contains("https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html"))
        if width == 60 {
            // A trace node that does not fit continues two columns under itself.
            let lines = screen.lines
            let continued = lines.indices.dropLast().contains { i in
                let lead = lines[i].prefix(while: { $0 == " " }).count
                // Children are 4 columns in; 2 is a continuation.
                return lead >= 4 && lines[i + 1].prefix(while: { $0 == " " }).count == lead + 2
            }
            #expect(continued, "\(run.stdout)")
        }
    }

    @Test("scenario run --explain, stats, simulate and the sandbox banner stay within the width", arguments: widths)
    func commands(width: Int) throws {
        let home = try freshHome()
        _ = try Self.run(["--count", "6", "--seed", "5"], width: width, input: Array(repeating: "a\nab\n", count: 6).joined() + "q\n",
                         environment: home)
        let policy = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:*","Resource":"*"}]}"#
        let runs: [(String, [String], String, [String])] = [
            ("scenario run", ["scenario", "run", "--explain", "confused-deputy", "abac-growing-teams"], "", []),
            ("stats", ["stats"], "", []),
            ("simulate", ["simulate", "--output", "text", "--explain", "--policy-input-list", policy, "--action-names", "dynamodb:GetItem",
                          "--resource-arns", "arn:aws:dynamodb:us-east-1:111122223333:table/Orders-with-a-rather-long-table-name"], "", []),
            ("sandbox", ["sandbox", "confused-deputy"], "help\nwhoami\nexit\n", ["help", "whoami", "exit"]),
        ]
        for (name, arguments, input, typed) in runs {
            let run = try Self.run(arguments, width: width, input: input, environment: home)
            #expect(run.status == 0, "\(name): \(run.stderr)")
            let screen = WrappedScreen(text: run.stdout, width: width, typed: typed)
            #expect(screen.lines.count > 3, "\(name): \(run.stdout)")
            #expect(screen.tooWide.isEmpty, "\(name) at \(width): \(screen.tooWide)")
        }
    }

    @Test("stats: a row whose last column does not fit goes on under the row, never mid-word")
    func statsRows() throws {
        let home = try freshHome()
        _ = try Self.run(["--count", "3", "--seed", "5"], width: 80, input: "a\nab\na\nab\na\nab\nq\n", environment: home)
        let narrow = try Self.run(["stats"], width: 60, environment: home).stdout
        let wide = try Self.run(["stats"], width: 160, environment: home).stdout
        let row = try #require(wide.components(separatedBy: "\n").first { $0.hasPrefix("  abac ") && $0.contains("seen ") })
        let start = try #require(row.range(of: "seen ")).lowerBound
        let seen = String(row[start...])
        #expect(narrow.contains("\n    " + seen + "\n"), "\(narrow)")
    }
}

@Suite("iamquiz end to end on a pseudo-terminal: the quiz at 60 and 160 columns",
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "`script` (util-linux) is not installed"))
struct WrappingTerminalEndToEndTests {
    static let sentence = "The vendor's application assumes the customer's VendorReader role. Which of these attempts succeed?"

    @Test("the terminal's own width (stty cols) lays out the question, the feedback and the trace", arguments: [60, 160])
    func quizOnTerminal(columns: Int) throws {
        let quiz = "\(IAMQuizBinary.url.path) --bank \(WrappingEndToEndTests.verifiedBank) --seed 1"
        let session = try PseudoTerminalSession(shellCommand: "stty cols \(columns); exec \(quiz)", environment: ["NO_COLOR": "1"])
        #expect(session.waitFor("Your answer (choose 2)"), "screen:\n\(session.text)")
        session.type("a b\r")
        #expect(session.waitFor("verify"), "screen:\n\(session.text)")
        session.type("verify\r")
        #expect(session.waitFor("Option B"), "screen:\n\(session.text)")
        session.type("\r")
        #expect(session.waitFor("Score:"), "screen:\n\(session.text)")
        session.finish()
        // What iamquiz laid out: everything but the lines the line editor drew (prompts and typed text).
        let screen = WrappedScreen(text: session.text, width: columns)
        let laidOut = screen.lines.filter { !$0.contains("Your answer") && !$0.contains("Enter for") }
        let tooWide = laidOut.filter { $0.count > columns && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("https://") }
        #expect(tooWide.isEmpty, "\(tooWide)")
        #expect(screen.lines.contains { $0.contains("https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html") })
        // 60 columns split the stem's first sentence; 160 keep it on one line (prose stops at 100).
        #expect(screen.lines.contains(Self.sentence) == (columns == 160), "\(session.text)")
    }
}
