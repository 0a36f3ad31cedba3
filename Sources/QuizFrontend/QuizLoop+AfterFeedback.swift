import Diagnostics
import QuizEngine
import TerminalUI

/// What the quiz offers once an answer's feedback is on screen: the pause before the next question (on a
/// terminal), the learner's own rating of the answer, and the commands that act on the question answered
/// last (`verify`, `explain`, `flag`), which the answer prompt of the next question also takes.
extension QuizLoop {
    /// Says whether a missed question comes back, then, on a terminal, waits before the next question so the
    /// feedback can be read: Enter goes on, a rating or a command acts on the question just answered, `q` (or
    /// Ctrl-D, Ctrl-C) leaves. Returns false when the learner leaves. With piped input nothing is read here,
    /// so scripts run straight through.
    mutating func afterFeedback(_ answer: GradedAnswer) -> Bool {
        if !answer.isCorrect, let before = session.turnsBeforeRepeat(of: answer.position) {
            say(style.dim(before == 0 ? "It comes back next, its options in a new order."
                : "It comes back after \(counted(before, "other question")), its options in a new order."))
        }
        guard terminal.isInteractive else { return true }
        let words = (session.isFinished ? "Enter for the score" : "Enter for the next question")
            + (answer.isCorrect ? " · guess, again, hard, good, easy to rate" : "") + " · verify, explain, flag · q to leave"
        let hint = TextWrapper.wrap(words, width: terminal.width, indent: "", subsequentIndent: "").joined(separator: "\n")
        say(style.dim(hint))
        while !terminal.interrupts.wasInterrupted {
            guard case .line(let line) = terminal.reader.readLine(prompt: "> ") else { return false }
            let word = line.trimmingCharacters(in: .whitespaces).lowercased()
            switch word {
            case "":
                return true
            case "q", "quit", "exit":
                return false
            case "flag", "f":
                toggleFlag(answer.presented)
            case "verify", "v":
                _ = verifyLast()
            case "explain", "e":
                _ = explainLast()
            case "?", "h", "help":
                say(Self.pauseHelp)
            default:
                if let choice = RatingChoice(word: word) {
                    rate(choice)
                } else {
                    say(style.yellow("`\(TextSanitizer.clean(word))` is not a command here; ? lists them."))
                    continue
                }
            }
            say(style.dim(hint))
        }
        return false
    }

    /// The help of the pause after the feedback.
    static let pauseHelp = """
        Enter    the next question (or the score after the last one)
        guess    your right answer was a guess: it comes back soon (the score keeps it right)
        again, hard, good, easy
                 rate your answer yourself, in place of the automatic rating (a wrong answer stays again)
        verify   run the question's scenario, with its trace
        explain  show the explanation again
        flag     flag or unflag the question: `iamquiz review` brings flagged questions back
        q        end the quiz and show the score; `iamquiz resume` continues it
        """

    /// Applies the learner's rating to the answer given last, or says why it cannot apply.
    func rate(_ choice: RatingChoice) {
        guard let lastGraded else {
            say(style.yellow("Answer a question first: a rating applies to the answer given last."))
            return
        }
        switch choice.applied(correct: lastGraded.isCorrect) {
        case .failure(let refusal):
            say(style.yellow("Not rated: \(refusal)."))
        case .success(let applied):
            do {
                try onRate?(choice)
            } catch let refusal as RatingChoice.Refusal {
                say(style.yellow("Not rated: \(refusal)."))
                return
            } catch {
                say(style.red("error: the rating could not be saved: \(TextSanitizer.clean(String(describing: error)))"))
                return
            }
            if applied.guessed {
                say("Marked as a guess: scheduled as again, so it comes back soon; the score still counts it right.")
            } else if !lastGraded.isCorrect {
                say("It stays rated again.")
            } else {
                say("Rated \(applied.rating.name)" + (applied.rating == .again ? ": it comes back soon." : "."))
            }
        }
    }

    /// Flags or unflags `presented`, saving the flag first.
    mutating func toggleFlag(_ presented: PresentedQuestion) {
        let id = presented.question.id
        let flag = !flagged.contains(id)
        do {
            try onFlag?(presented, flag)
        } catch {
            say(style.red("error: the flag could not be saved: \(TextSanitizer.clean(String(describing: error)))"))
            return
        }
        if flag { flagged.insert(id) } else { flagged.remove(id) }
        say(flag ? "Flagged: `iamquiz review` brings it back until you unflag it." : "Flag removed.")
    }

    /// Runs the scenario of the question answered last; false when there is none to run (said why).
    func verifyLast() -> Bool {
        guard let lastPresented else {
            say(style.yellow("`verify` runs the scenario of the question you answered last; answer one first."))
            return false
        }
        guard let lines = onVerify?(lastPresented) else {
            say(style.yellow("The question you answered last has no scenario to run."))
            return false
        }
        page(lines)
        return true
    }

    /// Shows the feedback of the question answered last again; false when none was answered yet.
    func explainLast() -> Bool {
        guard let lastFeedback else {
            say(style.yellow("`explain` shows the explanation of the question you answered last; answer one first."))
            return false
        }
        say(style.dim("The previous question, again:"))
        showFeedback(lastFeedback)
        return true
    }
}
