import Foundation
import QuizBank
import QuizEngine
import QuizFrontend
import TerminalUI

/// One step of what a test's learner does at the prompts.
enum Keystroke: ExpressibleByStringLiteral {
    /// A line typed and Enter.
    case line(String)
    /// Ctrl-D: the end of input.
    case endOfInput
    /// Ctrl-C (or Ctrl-\\): the interrupt flag goes up and the read returns `.interrupted`.
    case interrupt
    /// SIGTERM or SIGHUP arriving at the prompt: both flags go up and the read returns `.interrupted`.
    case stopSignal(Int32)
    /// Time passes (seconds) before the next step; not a read of its own.
    case wait(Double)

    init(stringLiteral text: String) { self = .line(text) }
}

/// A terminal for in-process tests: it plays `script` at the prompts, collects everything written, keeps a
/// clock that only ``Keystroke/wait(_:)`` moves, and raises the interrupt flags the script asks for.
///
/// A read with a live prompt (an exam's) that waits past the prompt's time limit returns `.timeUp` at
/// once, as the real readers wake up when the time runs out; with `wakesUp` false the terminal plays a
/// reader that cannot, which returns the next line late. `interactive` plays a learner at a terminal.
///
/// Prompts and typed lines are written to the output the way `PlainLineReader(echo: true)` writes them
/// for the binary with piped input (the prompt, then the line, or a newline at the end of input), so a
/// transcript here reads like the binary's standard output. When the script runs out, input has ended.
final class ScriptedTerminal: LineReader, InterruptFlags {
    private(set) var output = ""
    private(set) var prompts: [String] = []
    private var script: [Keystroke]
    private let width: Int
    /// Seconds on the clock.
    private(set) var now: Double = 1000
    private(set) var wasInterrupted = false
    private(set) var stopSignal: Int32?
    private let interactive: Bool
    private let wakesUp: Bool

    init(_ script: [Keystroke], width: Int = 80, interactive: Bool = false, wakesUp: Bool = true) {
        self.script = script
        self.width = width
        self.interactive = interactive
        self.wakesUp = wakesUp
    }

    /// The keystrokes of lines typed as a test writes them for piped input: `"a\nbd\n"`.
    static func typed(_ text: String) -> [Keystroke] {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { .line(String($0)) }
    }

    /// The texts the loop sent to the pager (they are written to ``output`` too, as a pager shows them).
    private(set) var paged: [String] = []

    var terminal: Terminal {
        Terminal(write: { self.output += $0 }, color: false, width: width, reader: self, clock: { self.now }, interrupts: self,
                 page: { self.paged.append($0); self.output += $0 }, isInteractive: interactive)
    }

    func reset() { wasInterrupted = false }

    func readLine(prompt: String) -> LineReadResult {
        prompts.append(prompt)
        output += prompt
        while case .wait(let seconds)? = script.first {
            now += seconds
            script.removeFirst()
        }
        return nextResult()
    }

    func readLine(live: LivePrompt) -> LiveReadResult {
        guard wakesUp else { return .input(readLine(prompt: live.text())) }
        let prompt = live.text()
        prompts.append(prompt)
        output += prompt
        while case .wait(let seconds)? = script.first {
            now += seconds
            script.removeFirst()
            if live.isOver {
                output += "\n"
                return .timeUp
            }
        }
        return .input(nextResult())
    }

    private func nextResult() -> LineReadResult {
        guard !script.isEmpty else {
            output += "\n"
            return .endOfInput
        }
        switch script.removeFirst() {
        case .line(let text):
            output += TextSanitizer.clean(text) + "\n"
            return .line(text)
        case .endOfInput, .wait:
            output += "\n"
            return .endOfInput
        case .interrupt:
            wasInterrupted = true
            output += "\n"
            return .interrupted
        case .stopSignal(let signal):
            wasInterrupted = true
            stopSignal = signal
            output += "\n"
            return .interrupted
        }
    }
}

/// The banks of the end-to-end tests, shared so both kinds of test ask the same questions.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("EndToEndTests/Fixtures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static let single = path("single-answers.iqb")
    static let twoAnswers = path("two-answers.iqb")
    static let verifiedBank = path("verified-bank")
}

/// Questions chosen and shuffled as `iamquiz` chooses them for `--bank PATH --seed SEED --count N`, on
/// an empty progress store (the built-in bank without a path).
struct Prepared {
    var bank: BankAndScenarios
    var questions: [Question]
    var random: SeededRandom

    init(bank paths: [String] = [], seed: UInt64, count: Int = 10) {
        bank = BankAndScenarios.load(paths: paths)
        random = SeededRandom(seed: seed)
        questions = QuestionSelector.selectForPractice(from: bank.loaded.bank, filter: QuizFilter(count: count), cards: [:],
                                                       now: Date(), random: &random).questions
    }

    /// The practice quiz of these questions.
    mutating func quiz() -> QuizSession {
        QuizSession(questions: questions, random: &random)
    }

    /// The exam of these questions, with `minutes` (nil: no limit).
    mutating func exam(minutes: Double? = 130) -> ExamSession {
        ExamSession(questions: questions, random: &random, timeLimit: minutes.map { $0 * 60 })
    }
}

extension PresentedQuestion {
    /// The letters of the right options as shown, lowercase: `"ac"`.
    var rightLetters: String {
        String(order.indices.filter { question.key.indices.contains(order[$0]) }.map { AnswerInput.label($0) }).lowercased()
    }

    /// The letters of the wrong options as shown, lowercase.
    var wrongLetters: String {
        String(order.indices.filter { !question.key.indices.contains(order[$0]) }.map { AnswerInput.label($0) }).lowercased()
    }
}

/// A value a closure can change.
final class Box<Value> {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// A progress store in a fresh temporary folder.
func temporaryStore() throws -> ProgressStore {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-frontend-\(UUID().uuidString)")
    return try ProgressStore.open(at: folder.appendingPathComponent("progress.sqlite"))
}

extension String {
    /// The number of times `needle` occurs.
    func occurrences(of needle: String) -> Int {
        components(separatedBy: needle).count - 1
    }
}
