import Testing
@testable import QuizEngine

@Suite("Answer input")
struct AnswerInputTests {
    // Rule: letters in any case, separated by spaces, commas or nothing; repeats collapse; sorted.
    @Test(arguments: [
        ("b", [1]), ("B", [1]), ("a c", [0, 2]), ("a,c", [0, 2]), ("ac", [0, 2]), ("A, C", [0, 2]),
        (" c a ", [0, 2]), ("aa", [0]), ("d;b", [1, 3]), ("a+b", [0, 1]),
    ])
    func accepted(_ typed: String, _ expected: [Int]) {
        #expect(AnswerInput.parse(typed, optionCount: 4) == .success(expected))
    }

    // Rule: anything else is refused with a reason, and nothing is graded.
    @Test(arguments: [
        ("", AnswerInput.Problem.empty), (" , ", .empty), ("1", .unexpected("1")), ("a!", .unexpected("!")),
        ("e", .noSuchOption("E", last: "D")), ("é", .unexpected("é")),
    ])
    func refused(_ typed: String, _ problem: AnswerInput.Problem) {
        #expect(AnswerInput.parse(typed, optionCount: 4) == .failure(problem))
    }

    @Test("problems read as one line without control characters")
    func problemText() {
        let text = AnswerInput.Problem.unexpected("\u{1B}").description
        #expect(!text.contains("\u{1B}"))
        #expect(AnswerInput.Problem.noSuchOption("E", last: "D").description == "there is no option E; the options are A to D")
    }
}

@Suite("Seeded random numbers")
struct SeededRandomTests {
    @Test("SplitMix64 matches its reference output, so --seed gives the same quiz everywhere")
    func referenceVector() {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        var random = SeededRandom(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("a shuffle is a permutation, reproducible for a seed, and different seeds differ")
    func shuffle() {
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42), c = SeededRandom(seed: 43)
        var x = Array(0..<20), y = Array(0..<20), z = Array(0..<20)
        a.shuffle(&x)
        b.shuffle(&y)
        c.shuffle(&z)
        #expect(x == y)
        #expect(x != z)
        #expect(x.sorted() == Array(0..<20))
    }

    @Test("below(n) stays in range and reaches every value")
    func below() {
        var random = SeededRandom(seed: 1)
        var seen = Set<Int>()
        for _ in 0..<1000 {
            let v = random.below(5)
            #expect((0..<5).contains(v))
            seen.insert(v)
        }
        #expect(seen.count == 5)
    }
}
