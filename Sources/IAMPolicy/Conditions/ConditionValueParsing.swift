// Parsing of the typed values that condition operators compare: numbers, dates, IP ranges, base64 and
// booleans. Standard library only, and no allocation for the common cases: every parser reads the UTF-8
// bytes of the text in place.
//
// See https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
import Diagnostics

extension String {
    /// Runs `body` over the UTF-8 bytes of the string without copying them (for native strings).
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}

extension String {
    /// Equality of the UTF-8 bytes (code points, no Unicode canonical equivalence, unlike `==`).
    @inline(__always)
    func bytesEqual(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return withUTF8Bytes { a in
            other.withUTF8Bytes { b in
                for k in 0..<a.count where a[k] != b[k] { return false }
                return true
            }
        }
    }
}

@inline(__always)
private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

// MARK: - Numbers

/// An exact decimal number (`NumericEquals` and friends): "integer or decimal value", optionally with a
/// sign and a JSON exponent. Compared exactly, so `10` equals `10.0` and no binary rounding creeps in.
struct DecimalNumber: Sendable {
    /// The first 19 significant digits, padded with zeros to 19 digits (0 for zero).
    private var lead: UInt64
    /// Significant digits after the first 19 (values 0...9), without trailing zeros; almost always empty.
    private var tail: [UInt8]
    /// The value is `0.d1d2d3... × 10^exponent`.
    private var exponent: Int
    private var negative: Bool

    private static let leadDigits = 19

    init?(_ text: String) {
        guard let parsed = text.withUTF8Bytes({ Self.parse($0) }) else { return nil }
        self = parsed
    }

    private init(lead: UInt64, tail: [UInt8], exponent: Int, negative: Bool) {
        self.lead = lead
        self.tail = tail
        self.exponent = exponent
        self.negative = negative
    }

    private var isZero: Bool { lead == 0 }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> DecimalNumber? {
        var i = 0
        let n = b.count
        var negative = false
        if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
            negative = b[i] == UInt8(ascii: "-")
            i += 1
        }
        let intStart = i
        while i < n, isDigit(b[i]) { i += 1 }
        let intEnd = i
        var fracStart = i, fracEnd = i
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            fracStart = i
            while i < n, isDigit(b[i]) { i += 1 }
            fracEnd = i
        }
        guard intEnd > intStart || fracEnd > fracStart else { return nil }
        var exp10 = 0
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < n, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
                expNegative = b[i] == UInt8(ascii: "-")
                i += 1
            }
            let expStart = i
            while i < n, isDigit(b[i]) {
                exp10 = exp10 * 10 + Int(b[i] - 0x30)
                // Far beyond any meaningful value: refuse rather than overflow.
                if exp10 > 100_000 { return nil }
                i += 1
            }
            guard i > expStart else { return nil }
            if expNegative { exp10 = -exp10 }
        }
        guard i == n else { return nil }

        // Significant digits: integer part then fraction, leading zeros dropped.
        var lead: UInt64 = 0
        var leadCount = 0
        var tail: [UInt8] = []
        var exponent = intEnd - intStart
        var seenNonZero = false
        func take(_ j: Int) {
            let d = b[j] - 0x30
            if !seenNonZero {
                if d == 0 { exponent -= 1; return }
                seenNonZero = true
            }
            if leadCount < leadDigits {
                lead = lead * 10 + UInt64(d)
                leadCount += 1
            } else {
                tail.append(d)
            }
        }
        for j in intStart..<intEnd { take(j) }
        for j in fracStart..<fracEnd { take(j) }
        if !seenNonZero { return DecimalNumber(lead: 0, tail: [], exponent: 0, negative: false) }
        while leadCount < leadDigits {
            lead *= 10
            leadCount += 1
        }
        while tail.last == 0 { tail.removeLast() }
        return DecimalNumber(lead: lead, tail: tail, exponent: exponent + exp10, negative: negative)
    }

    /// -1, 0 or 1 as `self` is less than, equal to or greater than `other`.
    func compare(_ other: DecimalNumber) -> Int {
        let lhsSign = isZero ? 0 : (negative ? -1 : 1)
        let rhsSign = other.isZero ? 0 : (other.negative ? -1 : 1)
        if lhsSign != rhsSign { return lhsSign < rhsSign ? -1 : 1 }
        if lhsSign == 0 { return 0 }
        let magnitude = Self.compareMagnitude(self, other)
        return lhsSign < 0 ? -magnitude : magnitude
    }

    private static func compareMagnitude(_ a: DecimalNumber, _ b: DecimalNumber) -> Int {
        if a.exponent != b.exponent { return a.exponent < b.exponent ? -1 : 1 }
        if a.lead != b.lead { return a.lead < b.lead ? -1 : 1 }
        let common = min(a.tail.count, b.tail.count)
        for k in 0..<common where a.tail[k] != b.tail[k] {
            return a.tail[k] < b.tail[k] ? -1 : 1
        }
        if a.tail.count == b.tail.count { return 0 }
        return a.tail.count < b.tail.count ? -1 : 1
    }
}

// MARK: - Dates

/// An instant: seconds since 1970-01-01T00:00:00Z and nanoseconds within the second.
struct Instant: Sendable, Hashable, Comparable {
    var seconds: Int64
    var nanos: Int32

    static func < (lhs: Instant, rhs: Instant) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }

    /// -1, 0 or 1 as `self` is before, at or after `other`.
    func compare(_ other: Instant) -> Int {
        self < other ? -1 : (self == other ? 0 : 1)
    }

    /// Parses a date as IAM accepts it: epoch (UNIX) seconds as an integer, or the W3C profile of ISO 8601
    /// (`2024-01`, `2024-01-01`, `2024-01-01T12:00Z`, `2024-01-01T12:00:00Z`, `2024-01-01T12:00:00.123+02:00`).
    ///
    /// An all-digit text is epoch seconds, never a bare year. A time without a zone designator is read as
    /// UTC; offsets may be written `+hh:mm`, `+hhmm` or `+hh`.
    init?(_ text: String) {
        guard let parsed = text.withUTF8Bytes({ Self.parse($0) }) else { return nil }
        self = parsed
    }

    private init(seconds: Int64, nanos: Int32) {
        self.seconds = seconds
        self.nanos = nanos
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Instant? {
        let n = b.count
        guard n > 0 else { return nil }
        // Epoch seconds: an optional minus sign and digits only.
        var allDigits = true
        for (k, c) in b.enumerated() where !(isDigit(c) || (k == 0 && c == UInt8(ascii: "-") && n > 1)) {
            allDigits = false
            break
        }
        if allDigits {
            let negative = b[0] == UInt8(ascii: "-")
            let digitCount = negative ? n - 1 : n
            guard digitCount <= 15 else { return nil }
            var value: Int64 = 0
            for c in b where c != UInt8(ascii: "-") { value = value * 10 + Int64(c - 0x30) }
            return Instant(seconds: negative ? -value : value, nanos: 0)
        }

        var i = 0
        func number(_ width: Int) -> Int? {
            guard i + width <= n else { return nil }
            var v = 0
            for k in i..<(i + width) {
                guard isDigit(b[k]) else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            i += width
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < n, b[i] == c else { return false }
            i += 1
            return true
        }
        let dash = UInt8(ascii: "-"), colon = UInt8(ascii: ":")

        guard let year = number(4), expect(dash), let month = number(2), (1...12).contains(month) else { return nil }
        var day = 1
        if i < n {
            guard expect(dash), let d = number(2) else { return nil }
            day = d
        }
        guard day >= 1, day <= CivilDays.length(month: month, year: year) else { return nil }
        var secondsOfDay = 0
        var nanos: Int32 = 0
        var offset = 0
        if i < n {
            guard expect(UInt8(ascii: "T")), let hour = number(2), hour <= 23, expect(colon), let minute = number(2), minute <= 59 else {
                return nil
            }
            var second = 0
            if i < n, b[i] == UInt8(ascii: ":") {
                i += 1
                guard let s = number(2), s <= 59 else { return nil }
                second = s
                if i < n, b[i] == UInt8(ascii: ".") {
                    i += 1
                    let start = i
                    var fraction: Int32 = 0
                    while i < n, isDigit(b[i]) {
                        // Nanosecond precision; further digits are ignored.
                        if i - start < 9 { fraction = fraction * 10 + Int32(b[i] - 0x30) }
                        i += 1
                    }
                    guard i > start else { return nil }
                    for _ in min(i - start, 9)..<9 { fraction *= 10 }
                    nanos = fraction
                }
            }
            secondsOfDay = hour * 3600 + minute * 60 + second
            if i < n {
                if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                    i += 1
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
                    i += 1
                    guard let oh = number(2), oh <= 23 else { return nil }
                    var om = 0
                    if i < n {
                        _ = expect(colon)
                        guard let m = number(2), m <= 59 else { return nil }
                        om = m
                    }
                    offset = sign * (oh * 3600 + om * 60)
                } else {
                    return nil
                }
            }
        }
        guard i == n else { return nil }
        let days = CivilDays.days(year: year, month: month, day: day)
        return Instant(seconds: Int64(days) * 86_400 + Int64(secondsOfDay - offset), nanos: nanos)
    }

}

// MARK: - IP addresses

/// An IPv4 or IPv6 address, or a CIDR range of them: the one reader of IP text in iamquiz.
///
/// The condition operators (`IpAddress`, `NotIpAddress`) read policy values and `aws:SourceIp` with it, and
/// the sandbox (`can --from`) and scenario files (`source-ip:`, `private-ip:`) check their addresses with
/// it, so that an address they accept is one a policy can match: `010.0.0.1` (leading zeros) or `::ｆ`
/// (fullwidth digits) is refused everywhere, `::ffff:192.0.2.1` accepted everywhere.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress
public struct IPRange: Sendable, Hashable {
    /// The address in the low 32 bits of `low` for IPv4; all 128 bits for IPv6.
    var high: UInt64
    var low: UInt64
    /// Whether this is an IPv6 address or range (an IPv4 address never lies in an IPv6 range).
    public internal(set) var isV6: Bool
    /// The length of the network part: 32 or 128 for a single address.
    public internal(set) var prefix: Int

    /// A policy value: an address with an optional `/prefix` (an address alone is `/32` or `/128`). Host
    /// bits set below the prefix are ignored.
    public init?(cidr text: String) {
        guard let parsed = text.withUTF8Bytes({ Self.parse($0, allowPrefix: true) }) else { return nil }
        self = parsed
    }

    /// A request value: a single address, without a prefix or a zone (`fe80::1%eth0`).
    public init?(address text: String) {
        guard let parsed = text.withUTF8Bytes({ Self.parse($0, allowPrefix: false) }) else { return nil }
        self = parsed
    }

    private init(high: UInt64, low: UInt64, isV6: Bool, prefix: Int) {
        self.high = high
        self.low = low
        self.isV6 = isV6
        self.prefix = prefix
    }

    /// Whether `address` (a single address) lies in this range.
    public func contains(_ address: IPRange) -> Bool {
        guard address.isV6 == isV6 else { return false }
        if !isV6 {
            let mask: UInt64 = prefix == 0 ? 0 : (0xFFFF_FFFF << UInt64(32 - prefix)) & 0xFFFF_FFFF
            return address.low & mask == low & mask
        }
        let highMask: UInt64 = prefix >= 64 ? .max : (prefix == 0 ? 0 : UInt64.max << UInt64(64 - prefix))
        let lowMask: UInt64 = prefix <= 64 ? 0 : (prefix == 128 ? .max : UInt64.max << UInt64(128 - prefix))
        return address.high & highMask == high & highMask && address.low & lowMask == low & lowMask
    }

    private static func parse(_ b: UnsafeBufferPointer<UInt8>, allowPrefix: Bool) -> IPRange? {
        var end = b.count
        var prefix: Int?
        if let slash = b.firstIndex(of: UInt8(ascii: "/")) {
            guard allowPrefix else { return nil }
            let digits = b[(slash + 1)...]
            guard (1...3).contains(digits.count), digits.allSatisfy(isDigit),
                  digits.count == 1 || digits.first != UInt8(ascii: "0") else { return nil }
            prefix = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            end = slash
        }
        let body = UnsafeBufferPointer(rebasing: b[0..<end])
        if body.contains(UInt8(ascii: ":")) {
            guard let (high, low) = parseV6(body) else { return nil }
            let p = prefix ?? 128
            guard p <= 128 else { return nil }
            return IPRange(high: high, low: low, isV6: true, prefix: p)
        }
        guard let v4 = parseV4(body) else { return nil }
        let p = prefix ?? 32
        guard p <= 32 else { return nil }
        return IPRange(high: 0, low: UInt64(v4), isV6: false, prefix: p)
    }

    /// Dotted-quad IPv4: four decimal parts of 0...255, without leading zeros.
    private static func parseV4(_ b: UnsafeBufferPointer<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var parts = 0
        var i = 0
        let n = b.count
        while parts < 4 {
            let start = i
            var part: UInt32 = 0
            while i < n, isDigit(b[i]), i - start < 3 {
                part = part * 10 + UInt32(b[i] - 0x30)
                i += 1
            }
            let width = i - start
            guard width > 0, part <= 255, width == 1 || b[start] != UInt8(ascii: "0") else { return nil }
            value = value << 8 | part
            parts += 1
            if parts < 4 {
                guard i < n, b[i] == UInt8(ascii: ".") else { return nil }
                i += 1
            }
        }
        return i == n ? value : nil
    }

    /// IPv6 text (RFC 4291 section 2.2): hexadecimal groups, one optional `::`, an optional trailing
    /// dotted-quad IPv4 part. No zone identifier.
    private static func parseV6(_ b: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        // Groups before the `::` gap and after it, each shifted into a 128-bit (high, low) pair.
        var before = (UInt64(0), UInt64(0)), after = (UInt64(0), UInt64(0))
        var countBefore = 0, countAfter = 0
        var sawGap = false
        var i = 0
        let n = b.count
        guard n >= 2 else { return nil }

        func push(_ group: UInt64) {
            if sawGap {
                after = (after.0 << 16 | after.1 >> 48, after.1 << 16 | group)
                countAfter += 1
            } else {
                before = (before.0 << 16 | before.1 >> 48, before.1 << 16 | group)
                countBefore += 1
            }
        }

        if b[0] == UInt8(ascii: ":") {
            guard b[1] == UInt8(ascii: ":") else { return nil }
            sawGap = true
            i = 2
        }
        while i < n {
            guard countBefore + countAfter < 8 else { return nil }
            var j = i
            while j < n, b[j] != UInt8(ascii: ":") { j += 1 }
            let field = UnsafeBufferPointer(rebasing: b[i..<j])
            if j == n, field.contains(UInt8(ascii: ".")) {
                // A dotted IPv4 tail takes the last two groups.
                guard countBefore + countAfter <= 6, let v4 = parseV4(field) else { return nil }
                push(UInt64(v4 >> 16))
                push(UInt64(v4 & 0xFFFF))
                break
            }
            guard (1...4).contains(field.count) else { return nil }
            var value: UInt64 = 0
            for c in field {
                let digit: UInt8
                switch c {
                case 0x30...0x39: digit = c - 0x30
                case 0x41...0x46: digit = c - 0x41 + 10
                case 0x61...0x66: digit = c - 0x61 + 10
                default: return nil
                }
                value = value << 4 | UInt64(digit)
            }
            push(value)
            i = j
            if i < n {
                // Past a colon: either another group or the `::` gap.
                i += 1
                guard i < n else { return nil }
                if b[i] == UInt8(ascii: ":") {
                    guard !sawGap else { return nil }
                    sawGap = true
                    i += 1
                }
            }
        }
        let total = countBefore + countAfter
        if sawGap {
            guard total <= 7 else { return nil }
        } else {
            guard total == 8 else { return nil }
        }
        // The groups before the gap go to the top of the address.
        let shift = 16 * (8 - countBefore)
        var high: UInt64, low: UInt64
        switch shift {
        case 0: (high, low) = before
        case 128: (high, low) = (0, 0)
        case 64...: (high, low) = (before.1 << UInt64(shift - 64), 0)
        default: (high, low) = (before.0 << UInt64(shift) | before.1 >> UInt64(64 - shift), before.1 << UInt64(shift))
        }
        return (high | after.0, low | after.1)
    }
}

// MARK: - Base64

enum Base64 {
    /// Decodes standard base64 (RFC 4648 alphabet `A-Z a-z 0-9 + /`, `=` padding optional); nil when
    /// the text is not base64.
    static func decode(_ text: String) -> [UInt8]? {
        text.withUTF8Bytes { b -> [UInt8]? in
            var n = b.count
            var padding = 0
            while n > 0, b[n - 1] == UInt8(ascii: "=") {
                n -= 1
                padding += 1
            }
            guard padding <= 2, padding == 0 || b.count % 4 == 0, n % 4 != 1 else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(n * 3 / 4)
            var buffer: UInt32 = 0
            var bits = 0
            for k in 0..<n {
                let c = b[k]
                let v: UInt8
                switch c {
                case 0x41...0x5A: v = c - 0x41
                case 0x61...0x7A: v = c - 0x61 + 26
                case 0x30...0x39: v = c - 0x30 + 52
                case UInt8(ascii: "+"): v = 62
                case UInt8(ascii: "/"): v = 63
                default: return nil
                }
                buffer = buffer << 6 | UInt32(v)
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    out.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
                }
            }
            return out
        }
    }
}

// MARK: - Booleans

enum BoolValue {
    /// `true` or `false` in any case; nil otherwise.
    static func parse(_ text: String) -> Bool? {
        text.withUTF8Bytes { b -> Bool? in
            func equalsIgnoringCase(_ word: StaticString) -> Bool {
                guard b.count == word.utf8CodeUnitCount else { return false }
                let w = word.utf8Start
                for k in 0..<b.count where b[k] | 0x20 != w[k] { return false }
                return true
            }
            if equalsIgnoringCase("true") { return true }
            if equalsIgnoringCase("false") { return false }
            return nil
        }
    }
}
