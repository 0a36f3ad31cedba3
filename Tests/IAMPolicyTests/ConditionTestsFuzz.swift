import Diagnostics
import Testing
import TestSupport
@testable import IAMPolicy

@Suite("condition fuzzing")
struct ConditionFuzzTests {}

private typealias SplitMix64 = TestRandom

private let fuzzAlphabet: [Character] = Array("0123456789abcdefABCDEFxyzTZtz:.-/+=*?${}, ") + ["é", "\u{301}", "\n", "\u{1B}", "🙂", "ß"]

/// Text that is often almost a number, a date, an address, base64 or an ARN.
private func fuzzText(_ rng: inout SplitMix64) -> String {
    let seeds = ["10", "-1.5e3", "2024-01-01", "2024-02-29T23:59:59.123456789+05:30", "1700000000", "203.0.113.0/24",
                 "2001:db8::/64", "::ffff:1.2.3.4", "QUJD", "QmluYXJ5==", "true", "FALSE", "arn:aws:iam::1:role/*", "*", "?", ""]
    var text = rng.below(3) == 0 ? "" : seeds[rng.below(seeds.count)]
    for _ in 0..<rng.below(12) {
        let c = fuzzAlphabet[rng.below(fuzzAlphabet.count)]
        if rng.below(2) == 0 { text.append(c) } else { text.insert(c, at: text.startIndex) }
    }
    return text
}

// reference_policies_elements_condition_operators.html (every operator, with ...IfExists) and
// reference_policies_condition-single-vs-multi-valued-context-keys.html (both set operators): random
// policy and request values never crash the evaluator or `validate`, and the documented invariants hold.
extension ConditionFuzzTests {
    @Test("fuzz: random values for every operator never crash; IfExists and missing-key rules hold")
    func fuzzEveryOperator() {
        var rng = SplitMix64(state: 0x1A2B_3C4D)
        let qualifiers: [ConditionOperator.SetQualifier?] = [nil, .forAllValues, .forAnyValue]
        let types = ContextKeyType.allCases
        var evaluations = 0
        for base in ConditionOperator.Base.allCases {
            for qualifier in qualifiers {
                for ifExists in [false, true] {
                    if base == .null, qualifier != nil || ifExists { continue }
                    let op = ConditionOperator(base: base, qualifier: qualifier, ifExists: ifExists)
                    for _ in 0..<60 {
                        let policy = (0..<rng.below(4)).map { _ in fuzzText(&rng) }
                        let clause = ConditionClause(op: op, operatorText: "", key: "fuzz:Key", values: policy,
                                                     range: SourceRange(line: 1, column: 1))
                        _ = ConditionEvaluator.validate(clause)
                        var context = RequestContext()
                        let present = rng.below(4) != 0
                        if present {
                            let type = types[rng.below(types.count)]
                            let count = type.isList ? rng.below(5) : 1
                            context["FUZZ:key"] = ContextValue(type: type, values: (0..<count).map { _ in fuzzText(&rng) })
                        }
                        let outcome = ConditionEvaluator.evaluate(clause, values: policy.map { PolicyValue($0) }, context: context)
                        evaluations += 1
                        #expect(!outcome.detail.isEmpty)
                        #expect(outcome.keyMissing == !present)
                        #expect(!outcome.detail.unicodeScalars.contains { $0.value < 0x20 })
                        if !present {
                            // The missing-key rules of the operators page and the set-operator page.
                            let expected: Bool
                            if base == .null {
                                expected = policy.contains { $0.lowercased() == "true" }
                            } else if ifExists {
                                expected = true
                            } else if let qualifier {
                                expected = qualifier == .forAllValues
                            } else {
                                expected = base.isNegated
                            }
                            #expect(outcome.satisfied == expected, "\(op) \(policy): \(outcome.detail)")
                        }
                    }
                }
            }
        }
        #expect(evaluations > 5000)
    }
}

// reference_policies_condition-logic-multiple-context-keys-or-values.html: a negated operator is the NOR of
// the values its positive counterpart ORs, so for one string request value the two always disagree.
extension ConditionFuzzTests {
    @Test("fuzz: string and ARN operators and their negations are complementary on one value")
    func fuzzNegationsAreComplementary() {
        var rng = SplitMix64(state: 42)
        let pairs: [(ConditionOperator.Base, ConditionOperator.Base)] = [
            (.stringEquals, .stringNotEquals), (.stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase),
            (.stringLike, .stringNotLike), (.arnEquals, .arnNotEquals), (.arnLike, .arnNotLike),
        ]
        for _ in 0..<2000 {
            let (positive, negative) = pairs[rng.below(pairs.count)]
            let policy = (0..<(1 + rng.below(3))).map { _ in fuzzText(&rng) }
            let context = RequestContext(["k": .string(fuzzText(&rng))])
            let values = policy.map { PolicyValue($0) }
            let yes = ConditionEvaluator.evaluate(ConditionClause(op: ConditionOperator(base: positive), operatorText: positive.rawValue,
                                                                  key: "k", values: policy, range: SourceRange(line: 1, column: 1)),
                                                  values: values, context: context)
            let no = ConditionEvaluator.evaluate(ConditionClause(op: ConditionOperator(base: negative), operatorText: negative.rawValue,
                                                                 key: "k", values: policy, range: SourceRange(line: 1, column: 1)),
                                                 values: values, context: context)
            #expect(yes.satisfied != no.satisfied, "\(positive) \(policy) vs \(context.keys)")
        }
    }
}

// reference_policies_elements_condition_operators.html, "IP address condition operators": random addresses
// lie in their own /32 or /128 and in /0, and a number written two ways compares equal.
extension ConditionFuzzTests {
    @Test("fuzz: random IPv4 and IPv6 addresses are in their own range and in /0")
    func fuzzAddresses() {
        var rng = SplitMix64(state: 7)
        for _ in 0..<500 {
            let v4 = (0..<4).map { _ in String(rng.below(256)) }.joined(separator: ".")
            let v6 = (0..<8).map { _ in String(rng.below(65536), radix: 16) }.joined(separator: ":")
            for (address, all) in [(v4, "0.0.0.0/0"), (v6, "::/0")] {
                #expect(evaluateCondition("IpAddress", [address], requestValue(address, .ip)).satisfied, "\(address)")
                #expect(evaluateCondition("IpAddress", [all], requestValue(address, .ip)).satisfied, "\(address)")
                #expect(!evaluateCondition("NotIpAddress", [address], requestValue(address, .ip)).satisfied, "\(address)")
            }
            let n = rng.below(1_000_000)
            #expect(evaluateCondition("NumericEquals", ["\(n)"], requestValue("\(n).000", .numeric)).satisfied)
            #expect(evaluateCondition("NumericLessThan", ["\(n + 1)"], requestValue("\(n)", .numeric)).satisfied)
        }
    }
}

// reference_policies_elements_condition_operators.html, "String condition operators" (StringLike `*` and
// `?`) and "ARN condition operators" (components checked separately): the allocation-free fast path
// agrees with the linear-time `WildcardPattern` on random patterns and texts.
extension ConditionFuzzTests {
    @Test("fuzz: the fast glob agrees with WildcardPattern for StringLike and ArnLike")
    func fuzzGlobAgreesWithWildcardPattern() {
        var rng = SplitMix64(state: 2024)
        let patternAlphabet: [PatternToken] = [.literal("a"), .literal("b"), .literal(":"), .literal("é"), .literal("🙂"), .anyRun, .anyRun, .anyOne]
        let textAlphabet: [Character] = ["a", "b", ":", "é", "🙂"]
        var matched = 0, arnMatched = 0
        for _ in 0..<20_000 {
            let tokens = (0..<rng.below(12)).map { _ in patternAlphabet[rng.below(patternAlphabet.count)] }
            let text = String((0..<rng.below(12)).map { _ in textAlphabet[rng.below(textAlphabet.count)] })
            guard ConditionGlob.isFast(tokens) else { continue }
            let expected = WildcardPattern(tokens: tokens, caseInsensitive: false).matches(text)
            #expect(ConditionGlob.matches(tokens, text) == expected, "\(PatternToken.text(tokens)) vs \(text)")
            if expected { matched += 1 }

            var bounded = Set<Int>()
            var colons = 0
            for (i, token) in tokens.enumerated() {
                if token == .literal(":") { colons += 1 } else if token == .anyRun || token == .anyOne, colons < 5 { bounded.insert(i) }
            }
            let arnExpected = WildcardPattern(tokens: tokens, caseInsensitive: false, colonBounded: bounded).matches(text)
            #expect(ConditionGlob.matchesARN(tokens, text) == arnExpected, "ARN \(PatternToken.text(tokens)) vs \(text)")
            if arnExpected { arnMatched += 1 }
        }
        // Enough of both outcomes to mean something.
        #expect(matched > 500 && arnMatched > 500, "\(matched) \(arnMatched)")
    }
}
