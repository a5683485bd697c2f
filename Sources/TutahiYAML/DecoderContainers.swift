import TutahiSupport

struct MappingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let pairs: [YAMLPair]

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        decoder.state.noteAskedAll(pairs, in: decoder.node.mark)
        return pairs.compactMap { Key(stringValue: $0.key) }
    }

    func contains(_ key: Key) -> Bool {
        decoder.state.noteAsked(key.stringValue, in: decoder.node.mark)
        return pairs.contains { $0.key == key.stringValue }
    }

    private func value(for key: Key) throws -> YAMLNode {
        decoder.state.noteAsked(key.stringValue, in: decoder.node.mark)
        if let pair = pairs.first(where: { $0.key == key.stringValue }) { return pair.value }
        let asked = decoder.state.asked(in: decoder.node.mark)
        let strays = pairs.map(\.key).filter { !asked.contains($0) }
        if let stray = strays.first(where: { Suggestion.nearest(to: $0, among: [key.stringValue]) != nil }),
            let pair = pairs.first(where: { $0.key == stray })
        {
            throw SourceError("unknown key `\(stray)`; did you mean `\(key.stringValue)`?", at: pair.keyMark)
        }
        throw SourceError("missing required key `\(key.stringValue)`", at: decoder.node.mark)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        let node = try value(for: key)
        if case .scalar(let scalar) = node.content, scalar.value == .null { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.child(value(for: key), key: key).decodeChecked(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try decoder.child(value(for: key), key: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(value(for: key), key: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try decoder.child(value(for: key), key: key)
    }
}

struct SequenceContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoder
    let items: [YAMLNode]
    var currentIndex = 0

    init(decoder: NodeDecoder, items: [YAMLNode]) {
        self.decoder = decoder
        self.items = items
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    private mutating func next() throws -> NodeDecoder {
        guard !isAtEnd else {
            throw SourceError("the list has too few items", at: decoder.node.mark)
        }
        defer { currentIndex += 1 }
        return decoder.child(items[currentIndex], key: IndexKey(currentIndex))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { return false }
        if case .scalar(let scalar) = items[currentIndex].content, scalar.value == .null {
            currentIndex += 1
            return true
        }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next().decodeChecked(T.self)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try next().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { try next() }
}

struct ScalarContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    private func mismatch(_ expected: String) -> SourceError {
        var found = decoder.node.kindDescription
        if let scalar = decoder.node.scalar, scalar.value != .null { found += " (`\(scalar.text)`)" }
        return SourceError("expected \(expected), found \(found)", at: decoder.node.mark)
    }

    func decodeNil() -> Bool {
        if case .scalar(let scalar) = decoder.node.content, scalar.value == .null { return true }
        return false
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let value) = try decoder.scalarValue() else { throw mismatch("true or false") }
        return value
    }

    func decode(_ type: String.Type) throws -> String {
        let value = try decoder.scalarValue()
        switch value {
        case .string(let text): return text
        case .null: throw mismatch("a string")
        case .int, .float, .bool:
            return try EnvironmentExpansion.expand(
                decoder.node.scalar?.text ?? "", environment: decoder.state.environment, at: decoder.node.mark)
        }
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch try decoder.scalarValue() {
        case .int(let int): return Double(int)
        case .float(let double): return double
        default: throw mismatch("a number")
        }
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    func decode(_ type: Int.Type) throws -> Int {
        guard case .int(let value) = try decoder.scalarValue() else { throw mismatch("a whole number") }
        return value
    }


    func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger(type) }

    private func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let value = try decode(Int.self)
        guard let exact = T(exactly: value) else { throw mismatch("a whole number in range") }
        return exact
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: decoder)
    }
}

struct IndexKey: CodingKey {
    var stringValue: String { "\(intValue ?? 0)" }
    var intValue: Int?
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.intValue = intValue }
}
