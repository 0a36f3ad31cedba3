import Foundation
import QuizBank
import QuizEngine
import QuizFrontend
import Testing

/// `verify` after a drill: each option's evidence (outcome, request or steps, trace), lettered as shown.
@Suite("verify on a drill, in-process")
struct DrillVerifyTests {
    static let drill = Question(id: "drill-conditions-professional-4-1", level: .professional, topics: ["conditions"], stem: "Which?",
                                options: (0..<4).map { AnswerOption(text: "request \($0)", why: "why \($0)") }, key: .options([2]))
    static let bankQuestion = Question(id: "bank-one", level: .associate, topics: ["sts"], stem: "Which?",
                                       options: (0..<4).map { AnswerOption(text: "bank \($0)", why: "why \($0)") }, key: .options([0]))

    /// Option i of the drill: allowed for the key, implicitly denied for the others, each with a trace line naming it.
    static func evidence(_ question: Question) -> (title: String, options: [OptionEvidence])? {
        guard question.id.hasPrefix("drill-") else { return nil }
        return ("drill \(question.id): each option's request evaluated",
                question.options.indices.map { i in
                    OptionEvidence(outcome: i == 2 ? "allowed" : "implicitDeny", right: i == 2,
                                   context: ["request: option \(i)"], trace: ["  identity policy `p`, statement 1: trace of \(i)"])
                })
    }

    @Test("the options in the order shown, each with its verdict and trace; a bank question keeps its own verify")
    func traces() throws {
        var random = SeededRandom(seed: 3)
        let session = QuizSession(questions: [Self.drill, Self.bankQuestion], random: &random)
        let shown = session.questions[0]
        let key = try #require(shown.order.firstIndex(of: 2))
        let letter = String(AnswerInput.label(key))
        let screen = ScriptedTerminal([.line(letter), "verify", "a", "verify", "q"])
        var loop = QuizLoop(session: session, terminal: screen.terminal)
        loop.onVerify = { presented in ["bank verification of \(presented.question.id)"] }
        loop.verifyWith(evidence: Self.evidence) { $0.id.hasPrefix("drill-") }
        loop.run(intro: "iamquiz drill: test.")
        let text = screen.output
        #expect(text.contains("drill drill-conditions-professional-4-1: each option's request evaluated"), "\(text)")
        #expect(text.contains("Option \(letter): allowed, so it is right."))
        #expect(text.contains("request: option 2\n") && text.contains("trace of 2"))
        for display in shown.order.indices where display != key {
            let bankIndex = shown.order[display]
            #expect(text.contains("Option \(AnswerInput.label(display)): implicitDeny, so it is wrong."))
            #expect(text.contains("trace of \(bankIndex)"))
        }
        // Nothing of the evidence before the answer is committed.
        let before = text.components(separatedBy: "Your answer").first ?? ""
        #expect(!before.contains("trace of"))
        #expect(text.contains("bank verification of bank-one"))
    }
}
