import Foundation
import Testing

/// Issue 13, exams: on a real terminal (libedit on a pseudo-terminal) the exam asks before it is submitted
/// or left, comes back with `resume`, shows its time left at the prompt and ends on time by itself.
@Suite("The exam on a pseudo-terminal: confirmation, resume, the live clock",
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "`script` (util-linux) is not installed"))
struct ExamTerminalEndToEndTests {
    static let single = IAMQuizBinary.fixtures.appendingPathComponent("single-answers.iqb").path
    static let twoAnswers = IAMQuizBinary.fixtures.appendingPathComponent("two-answers.iqb").path

    @Test("an idle exam ends on time without a key pressed: the prompt counts down, then the exam is graded")
    func idleExamEndsOnTime() throws {
        let env = try freshHome().merging(["NO_COLOR": "1"]) { $1 }
        let session = try PseudoTerminalSession(
            shellCommand: "\(IAMQuizBinary.url.path) exam --bank \(Self.twoAnswers) --seed 1 --minutes 0.05", environment: env)
        #expect(session.waitFor("left] Answer (choose 2): "), "no live prompt; screen:\n\(session.text)")
        #expect(session.waitFor("Score: 100/1000"), "the exam did not end by itself; screen:\n\(session.text)")
        session.finish()
        #expect(session.text.contains("[0:03 left] Answer (choose 2): "), "\(session.text)")
        #expect(session.text.contains("Time is up."))
        #expect(session.process.terminationStatus == 0)
        let resume = try IAMQuizBinary.run(["resume", "--bank", Self.twoAnswers], environment: env)
        #expect(resume.stdout.contains("Nothing to resume"), "graded and closed: \(resume.stdout)")
    }

    @Test("finish and q ask first on a terminal; an exam left with q comes back with resume, answers and flags kept")
    func quitAndResume() throws {
        let env = try freshHome().merging(["NO_COLOR": "1"]) { $1 }
        let exam = try PseudoTerminalSession(
            shellCommand: "\(IAMQuizBinary.url.path) exam --bank \(Self.single) --seed 2 --count 2 --minutes 30", environment: env)
        #expect(exam.waitFor("left] Answer: "), "screen:\n\(exam.text)")
        exam.type("a\r")
        #expect(exam.waitFor("Question 2 of 2"), "screen:\n\(exam.text)")
        exam.type("flag\r")
        #expect(exam.waitFor("Flagged."))
        exam.type("finish\r")
        #expect(exam.waitFor("Submit the exam? 1 unanswered, 1 flagged. [y/N] "), "screen:\n\(exam.text)")
        exam.type("n\r")
        #expect(exam.waitFor("The exam goes on."))
        exam.type("q\r")
        #expect(exam.waitFor("Leave the exam? Answers and time are saved; `iamquiz resume` continues it. [y/N] "))
        exam.type("y\r")
        #expect(exam.waitFor("Exam left: 1 of 2 answered, 1 flagged"), "screen:\n\(exam.text)")
        exam.finish()
        #expect(exam.process.terminationStatus == 0)
        #expect(!exam.text.contains("Score:"), "left ungraded")

        let resumed = try PseudoTerminalSession(
            shellCommand: "\(IAMQuizBinary.url.path) resume --bank \(Self.single)", environment: env)
        #expect(resumed.waitFor("iamquiz resume: the saa-c03 exam of "), "screen:\n\(resumed.text)")
        #expect(resumed.waitFor("1 of 2 answered so far, "), "screen:\n\(resumed.text)")
        // The clock stopped while the exam was left: what remains of the 30 minutes, rounded up.
        #expect(resumed.text.range(of: #"answered so far, (29:\d\d|30:00) left\."#, options: .regularExpression) != nil,
                "screen:\n\(resumed.text)")
        #expect(resumed.waitFor("left] Answer: "))
        resumed.type("list\r")
        #expect(resumed.waitFor("2. unanswered · flagged"), "screen:\n\(resumed.text)")
        resumed.type("finish\r")
        #expect(resumed.waitFor("Submit the exam? 1 unanswered, 1 flagged. [y/N] "))
        resumed.type("y\r")
        #expect(resumed.waitFor("Score: "), "screen:\n\(resumed.text)")
        resumed.finish()
        #expect(resumed.text.contains("1. answered"))
        let again = try IAMQuizBinary.run(["resume", "--bank", Self.single], environment: env)
        #expect(again.stdout.contains("Nothing to resume"), "\(again.stdout)")
    }
}

/// Issue 13, exam blueprints from the command line: listing, printing, choosing by level, an instructor's file.
@Suite("Exam blueprints end to end")
struct BlueprintEndToEndTests {
    static let twoAnswers = IAMQuizBinary.fixtures.appendingPathComponent("two-answers.iqb").path

    @Test("--blueprint list shows the three built-in formats; --show-blueprint prints one to copy")
    func listAndShow() throws {
        let list = try IAMQuizBinary.run(["exam", "--blueprint", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("sap-c02  75 questions, 180 minutes, professional, pass mark 750"), "\(list.stdout)")
        #expect(list.stdout.contains("saa-c03  65 questions, 130 minutes, associate, pass mark 720"))
        #expect(list.stdout.contains("scs-c02  65 questions, 170 minutes, professional, pass mark 750"))
        let shown = try IAMQuizBinary.run(["exam", "--show-blueprint", "scs-c02"])
        #expect(shown.stdout.hasPrefix("# SCS-C02"))
        #expect(shown.stdout.contains("minutes: 170"))
        let typo = try IAMQuizBinary.run(["exam", "--blueprint", "sap-c2"])
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("error: no blueprint `sap-c2`; did you mean `sap-c02`?"), "\(typo.stderr)")
    }

    @Test("--level professional alone takes the sap-c02 format; --count and --minutes override it")
    func levelPicksBlueprint() throws {
        let env = try freshHome()
        let run = try IAMQuizBinary.run(["exam", "--level", "professional", "--count", "3", "--seed", "5"], input: "finish\n",
                                        environment: env)
        #expect(run.stdout.contains("iamquiz exam sap-c02 (AWS Certified Solutions Architect - Professional (SAP-C02)): "
            + "3 questions (professional), 180 minutes, pass mark 750, seed 5."), "\(run.stdout)")
        #expect(run.stdout.contains("(pass mark 750)"))
        let full = try IAMQuizBinary.run(["exam", "--blueprint", "sap-c02", "--minutes", "0"], input: "q\n", environment: env)
        #expect(full.stdout.contains("75 questions (professional), no time limit"), "\(full.stdout)")
        #expect(full.stdout.contains("Exam left: 0 of 75 answered"))
    }

    @Test("an instructor's file: used when clean; its problems at file:line:col with exit 1")
    func instructorFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("iamquiz-blueprint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let good = folder.appendingPathComponent("mine.blueprint")
        try "name: mine\nquestions: 1\nminutes: 2\nlevel: associate\nweights:\n  sts: 100\n".write(to: good, atomically: true, encoding: .utf8)
        let run = try IAMQuizBinary.run(["exam", "--blueprint", good.path, "--bank", Self.twoAnswers, "--seed", "1"],
                                        input: "finish\n", environment: try freshHome())
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("iamquiz exam mine: 1 question (associate), 2 minutes, pass mark 720"), "\(run.stdout)")
        let bad = folder.appendingPathComponent("bad.blueprint")
        try "name: bad\nquestions: 1\nminutes: 2\nlevel: associate\nweights:\n  st: 60\n  sts: 30\n".write(to: bad, atomically: true, encoding: .utf8)
        let refused = try IAMQuizBinary.run(["exam", "--blueprint", bad.path, "--bank", Self.twoAnswers], environment: try freshHome())
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("bad.blueprint:5:1: error[X006]: the weights add up to 90, not 100"), "\(refused.stderr)")
        #expect(!refused.stdout.contains("Question 1"))
    }
}

/// Issue 13: `resume` and an exam left before its end, with piped input.
@Suite("Exams left and resumed, end to end")
struct ExamResumeEndToEndTests {
    static let twoAnswers = IAMQuizBinary.fixtures.appendingPathComponent("two-answers.iqb").path

    @Test("piped: q and the end of input leave the exam saved, exit 0; resume continues it to the grade")
    func pipedLeaveAndResume() throws {
        let env = try freshHome()
        let left = try IAMQuizBinary.run(["exam", "--bank", Self.twoAnswers, "--seed", "1", "--minutes", "5"], input: "flag\n",
                                         environment: env)
        #expect(left.status == 0)
        #expect(left.stdout.contains("Exam left: 0 of 1 answered, 1 flagged, "), "\(left.stdout)")
        let resumed = try IAMQuizBinary.run(["resume", "--bank", Self.twoAnswers], input: "list\nfinish\n", environment: env)
        #expect(resumed.stdout.contains("iamquiz resume: the saa-c03 exam of "), "\(resumed.stdout)")
        #expect(resumed.stdout.contains("1. unanswered · flagged"))
        #expect(resumed.stdout.contains("Score: 100/1000"))
    }

    /// The store is edited with the sqlite3 tool to stand for an exam killed after its time ran out (the exam
    /// itself ends on time, so no run leaves one behind otherwise).
    @Test("an exam whose time had run out when it was left is graded on resume, saying so",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "sqlite3 is not installed"))
    func expiredExamIsGraded() throws {
        let env = try freshHome()
        _ = try IAMQuizBinary.run(["exam", "--bank", Self.twoAnswers, "--seed", "1", "--minutes", "1"], input: "q\n", environment: env)
        let database = URL(fileURLWithPath: env["IAMQUIZ_HOME"] ?? "").appendingPathComponent("profiles/default/progress.sqlite").path
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [database, "UPDATE sessions SET elapsed_seconds = 61"]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        let resumed = try IAMQuizBinary.run(["resume", "--bank", Self.twoAnswers], environment: env)
        #expect(resumed.stdout.contains("its time ran out before it was left, so it is graded as it stood."), "\(resumed.stdout)")
        #expect(resumed.stdout.contains("Time is up.\n"))
        #expect(resumed.stdout.contains("Score: 100/1000"))
        #expect(!resumed.stdout.contains("Answer (choose 2)"), "not reopened")
        #expect(try IAMQuizBinary.run(["resume"], environment: env).stdout.contains("Nothing to resume"))
    }
}
