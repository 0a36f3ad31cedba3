/// A compact binary form for `Codable` values, for what the build writes and the binary reads back without
/// parsing (the built-in scenarios). Every byte outside a string is below `0x80`, so the bytes are valid UTF-8
/// and can be embedded in generated Swift source as a string literal, as ``CompactBank`` is.
///
/// Layout of a value, by the container it was written with:
/// - a single value: a string's UTF-8 bytes; an integer in 6-bit groups, low group first, `0x40` marking that
///   another follows (signed ones zigzag-mapped first); a floating-point number as its bit pattern, the same
///   way; a Boolean as 0 or 1;
/// - a keyed container: the number of entries, then each key (byte count and bytes) and its slot, in key
///   order;
/// - an unkeyed container: the number of elements, then each element's slot;
/// - a slot: 0 for nil, else the value's byte count plus one, then the value.
/// The bytes depend on the value alone, not on the process that wrote them: a dictionary's entries and a
/// `Set<String>`'s members would otherwise come in the order of the process's random hash seed, so keyed
/// entries are written in key order and such sets sorted. (Sets of other types are written as they iterate.)
/// Keys are written, so a decoder may ask for them in any order (dictionaries ask for `allKeys`).
public enum CompactCoding {
    /// The bytes of `value`.
    public static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let node = CompactNode()
        try CompactEncoder.write(value, into: node, codingPath: [])
        var bytes: [UInt8] = []
        node.write(into: &bytes)
        return bytes
    }

    /// The value of `bytes`; throws `DecodingError` when they are cut short, when their structure is damaged
    /// (a length or count past the end, a byte of 0x80 or more in a number, bytes left over) or when they hold
    /// a value of another shape. The bytes of a string are not checked: the build's tool and the tests compare
    /// what is read back with what was parsed.
    public static func decode<Value: Decodable>(_ type: Value.Type, from bytes: some Collection<UInt8>) throws -> Value {
        func read(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<Value, any Error> {
            Result { try Value(from: CompactDecoder(buffer: buffer, range: 0..<buffer.count, isNil: false, codingPath: [])) }
        }
        return try (bytes.withContiguousStorageIfAvailable(read) ?? Array(bytes).withUnsafeBufferPointer(read)).get()
    }
}

// MARK: - Writing

/// What an encoder wrote: filled in by containers, which may be asked for before their values are given.
final class CompactNode {
    enum Content {
        case none
        case null
        case scalar([UInt8])
        case keyed([(key: String, node: CompactNode)])
        case unkeyed([CompactNode])
    }

    var content = Content.none

    func write(into bytes: inout [UInt8]) {
        switch content {
        case .none, .null:
            break
        case .scalar(let value):
            bytes += value
        case .keyed(let entries):
            CompactVarint.write(UInt64(entries.count), into: &bytes)
            for entry in entries.sorted(by: { $0.key < $1.key }) {
                CompactVarint.write(UInt64(entry.key.utf8.count), into: &bytes)
                bytes += entry.key.utf8
                entry.node.writeSlot(into: &bytes)
            }
        case .unkeyed(let elements):
            CompactVarint.write(UInt64(elements.count), into: &bytes)
            for element in elements { element.writeSlot(into: &bytes) }
        }
    }

    func writeSlot(into bytes: inout [UInt8]) {
        if case .null = content { return CompactVarint.write(0, into: &bytes) }
        var value: [UInt8] = []
        write(into: &value)
        CompactVarint.write(UInt64(value.count) + 1, into: &bytes)
        bytes += value
    }
}

/// Integers in 6-bit groups, low group first, `0x40` marking that another group follows.
enum CompactVarint {
    static func write(_ number: UInt64, into bytes: inout [UInt8]) {
        var rest = number
        while rest >= 0x40 {
            bytes.append(UInt8(rest & 0x3F) | 0x40)
            rest >>= 6
        }
        bytes.append(UInt8(rest))
    }

    static func zigzag(_ number: Int64) -> UInt64 { UInt64(bitPattern: (number << 1) ^ (number >> 63)) }
    static func unzigzag(_ number: UInt64) -> Int64 { Int64(bitPattern: number >> 1) ^ -Int64(bitPattern: number & 1) }
}

struct CompactEncoder: Encoder {
    let node: CompactNode
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Writes `value` into `node`; a set of strings sorted (see ``CompactCoding``).
    static func write<T: Encodable>(_ value: T, into node: CompactNode, codingPath: [any CodingKey]) throws {
        let encoder = CompactEncoder(node: node, codingPath: codingPath)
        if let set = value as? Set<String> { try set.sorted().encode(to: encoder) } else { try value.encode(to: encoder) }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = node.content {} else { node.content = .keyed([]) }
        return KeyedEncodingContainer(CompactKeyedEncoder<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unkeyed = node.content {} else { node.content = .unkeyed([]) }
        return CompactUnkeyedEncoder(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        CompactSingleEncoder(node: node, codingPath: codingPath)
    }
}

struct CompactKeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: CompactNode
    var codingPath: [any CodingKey]

    private func child(_ key: Key) -> CompactNode {
        let child = CompactNode()
        if case .keyed(var entries) = node.content {
            node.content = .none
            entries.append((key.stringValue, child))
            node.content = .keyed(entries)
        }
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { child(key).content = .null }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try CompactEncoder.write(value, into: child(key), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        CompactEncoder(node: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        CompactEncoder(node: child(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { CompactEncoder(node: child(Key(stringValue: "super")!), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { CompactEncoder(node: child(key), codingPath: codingPath + [key]) }
}

struct CompactUnkeyedEncoder: UnkeyedEncodingContainer {
    let node: CompactNode
    var codingPath: [any CodingKey]
    var count: Int {
        if case .unkeyed(let elements) = node.content { return elements.count }
        return 0
    }

    private func child() -> CompactNode {
        let child = CompactNode()
        if case .unkeyed(var elements) = node.content {
            node.content = .none
            elements.append(child)
            node.content = .unkeyed(elements)
        }
        return child
    }

    mutating func encodeNil() throws { child().content = .null }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try CompactEncoder.write(value, into: child(), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        CompactEncoder(node: child(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        CompactEncoder(node: child(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { CompactEncoder(node: child(), codingPath: codingPath) }
}

struct CompactSingleEncoder: SingleValueEncodingContainer {
    let node: CompactNode
    var codingPath: [any CodingKey]

    private func scalar(_ body: (inout [UInt8]) -> Void) {
        var bytes: [UInt8] = []
        body(&bytes)
        node.content = .scalar(bytes)
    }

    mutating func encodeNil() throws { node.content = .null }
    mutating func encode(_ value: Bool) throws { scalar { $0.append(value ? 1 : 0) } }
    mutating func encode(_ value: String) throws { scalar { $0 += value.utf8 } }
    mutating func encode(_ value: Double) throws { scalar { CompactVarint.write(value.bitPattern, into: &$0) } }
    mutating func encode(_ value: Float) throws { scalar { CompactVarint.write(UInt64(value.bitPattern), into: &$0) } }
    mutating func encode(_ value: Int) throws { scalar { CompactVarint.write(CompactVarint.zigzag(Int64(value)), into: &$0) } }
    mutating func encode(_ value: Int8) throws { scalar { CompactVarint.write(CompactVarint.zigzag(Int64(value)), into: &$0) } }
    mutating func encode(_ value: Int16) throws { scalar { CompactVarint.write(CompactVarint.zigzag(Int64(value)), into: &$0) } }
    mutating func encode(_ value: Int32) throws { scalar { CompactVarint.write(CompactVarint.zigzag(Int64(value)), into: &$0) } }
    mutating func encode(_ value: Int64) throws { scalar { CompactVarint.write(CompactVarint.zigzag(value), into: &$0) } }
    mutating func encode(_ value: UInt) throws { scalar { CompactVarint.write(UInt64(value), into: &$0) } }
    mutating func encode(_ value: UInt8) throws { scalar { CompactVarint.write(UInt64(value), into: &$0) } }
    mutating func encode(_ value: UInt16) throws { scalar { CompactVarint.write(UInt64(value), into: &$0) } }
    mutating func encode(_ value: UInt32) throws { scalar { CompactVarint.write(UInt64(value), into: &$0) } }
    mutating func encode(_ value: UInt64) throws { scalar { CompactVarint.write(value, into: &$0) } }
    mutating func encode<T: Encodable>(_ value: T) throws { try CompactEncoder.write(value, into: node, codingPath: codingPath) }
}

// MARK: - Reading

/// A value's bytes: `range` of `buffer`, or nil.
struct CompactDecoder: Decoder {
    let buffer: UnsafeBufferPointer<UInt8>
    let range: Range<Int>
    let isNil: Bool
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func damaged(_ what: String) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: codingPath, debugDescription: "compact form: \(what)"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard !isNil else { throw damaged("nil where a keyed container was written") }
        return KeyedDecodingContainer(try CompactKeyedDecoder<Key>(self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard !isNil else { throw damaged("nil where an unkeyed container was written") }
        return try CompactUnkeyedDecoder(self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { CompactSingleDecoder(decoder: self) }
}

/// Reads varints, keys and slots from a range, checking every length against it.
struct CompactCursor {
    let decoder: CompactDecoder
    var offset: Int

    init(_ decoder: CompactDecoder) {
        self.decoder = decoder
        offset = decoder.range.lowerBound
    }

    var atEnd: Bool { offset == decoder.range.upperBound }

    mutating func varint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < decoder.range.upperBound else { throw decoder.damaged("cut short") }
            let byte = decoder.buffer[offset]
            guard byte < 0x80, shift < 64 else { throw decoder.damaged("a damaged number") }
            offset += 1
            value |= UInt64(byte & 0x3F) << shift
            if byte & 0x40 == 0 { return value }
            shift += 6
        }
    }

    mutating func bytes(_ count: UInt64) throws -> Range<Int> {
        guard count <= UInt64(decoder.range.upperBound - offset) else { throw decoder.damaged("a length past the end") }
        let range = offset..<offset + Int(count)
        offset += Int(count)
        return range
    }

    mutating func string() throws -> String {
        let range = try bytes(varint())
        return String(decoding: UnsafeBufferPointer(rebasing: decoder.buffer[range]), as: UTF8.self)
    }

    /// A slot: nil, or the range of its value.
    mutating func slot() throws -> Range<Int>? {
        let length = try varint()
        return length == 0 ? nil : try bytes(length - 1)
    }

    /// A count of entries, each at least one byte.
    mutating func count() throws -> Int {
        let count = try varint()
        guard count <= UInt64(decoder.range.upperBound - offset) else { throw decoder.damaged("a count past the end") }
        return Int(count)
    }
}

struct CompactKeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: CompactDecoder
    private let keys: [String]
    private let slots: [Range<Int>?]

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { keys.compactMap { Key(stringValue: $0) } }

    init(_ decoder: CompactDecoder) throws {
        self.decoder = decoder
        var cursor = CompactCursor(decoder)
        let count = try cursor.count()
        var keys: [String] = []
        var slots: [Range<Int>?] = []
        keys.reserveCapacity(count)
        slots.reserveCapacity(count)
        for _ in 0..<count {
            keys.append(try cursor.string())
            slots.append(try cursor.slot())
        }
        guard cursor.atEnd else { throw decoder.damaged("bytes after a keyed container") }
        self.keys = keys
        self.slots = slots
    }

    /// A container holds a few keys (a type's properties, a dictionary's entries): looked for in turn.
    private func index(of key: Key) -> Int? { keys.firstIndex(of: key.stringValue) }

    func contains(_ key: Key) -> Bool { index(of: key) != nil }

    private func value(_ key: Key) throws -> CompactDecoder {
        guard let index = index(of: key) else {
            throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: codingPath, debugDescription: "compact form: no `\(key.stringValue)`"))
        }
        return CompactDecoder(buffer: decoder.buffer, range: slots[index] ?? 0..<0, isNil: slots[index] == nil,
                              codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key).isNil }

    /// A nil is given to `T` too: an `Optional` reads it as nil, any other type refuses it.
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try T(from: value(key)) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try value(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try value(key).unkeyedContainer() }
    func superDecoder() throws -> any Decoder { try value(Key(stringValue: "super")!) }
    func superDecoder(forKey key: Key) throws -> any Decoder { try value(key) }
}

struct CompactUnkeyedDecoder: UnkeyedDecodingContainer {
    let decoder: CompactDecoder
    private var cursor: CompactCursor
    let count: Int?
    private(set) var currentIndex = 0

    var codingPath: [any CodingKey] { decoder.codingPath }
    var isAtEnd: Bool { currentIndex == count }

    init(_ decoder: CompactDecoder) throws {
        self.decoder = decoder
        cursor = CompactCursor(decoder)
        count = try cursor.count()
    }

    private mutating func element() throws -> CompactDecoder {
        guard !isAtEnd else { throw decoder.damaged("past the last element") }
        let slot = try cursor.slot()
        currentIndex += 1
        if isAtEnd, !cursor.atEnd { throw decoder.damaged("bytes after an unkeyed container") }
        return CompactDecoder(buffer: decoder.buffer, range: slot ?? 0..<0, isNil: slot == nil, codingPath: codingPath)
    }

    mutating func decodeNil() throws -> Bool {
        var peek = cursor
        guard !isAtEnd else { throw decoder.damaged("past the last element") }
        if try peek.varint() == 0 {
            _ = try element()
            return true
        }
        return false
    }

    /// A nil is given to `T` too: an `Optional` reads it as nil (an array of optionals asks for its elements
    /// this way), any other type refuses it.
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: element()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try element().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try element().unkeyedContainer() }
    mutating func superDecoder() throws -> any Decoder { try element() }
}

struct CompactSingleDecoder: SingleValueDecodingContainer {
    let decoder: CompactDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.isNil }

    private func number() throws -> UInt64 {
        guard !decoder.isNil else { throw decoder.damaged("nil where a number was written") }
        var cursor = CompactCursor(decoder)
        let value = try cursor.varint()
        guard cursor.atEnd else { throw decoder.damaged("bytes after a number") }
        return value
    }

    private func integer<T: FixedWidthInteger & SignedInteger>(_ type: T.Type) throws -> T {
        guard let value = T(exactly: CompactVarint.unzigzag(try number())) else { throw decoder.damaged("\(T.self) out of range") }
        return value
    }

    private func unsigned<T: FixedWidthInteger & UnsignedInteger>(_ type: T.Type) throws -> T {
        guard let value = T(exactly: try number()) else { throw decoder.damaged("\(T.self) out of range") }
        return value
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch try number() {
        case 0: return false
        case 1: return true
        default: throw decoder.damaged("a Boolean other than 0 or 1")
        }
    }

    func decode(_ type: String.Type) throws -> String {
        guard !decoder.isNil else { throw decoder.damaged("nil where a string was written") }
        return String(decoding: UnsafeBufferPointer(rebasing: decoder.buffer[decoder.range]), as: UTF8.self)
    }

    func decode(_ type: Double.Type) throws -> Double { Double(bitPattern: try number()) }
    func decode(_ type: Float.Type) throws -> Float { Float(bitPattern: try unsigned(UInt32.self)) }
    func decode(_ type: Int.Type) throws -> Int { try integer(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try unsigned(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try unsigned(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try unsigned(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try unsigned(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try number() }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: decoder) }
}
