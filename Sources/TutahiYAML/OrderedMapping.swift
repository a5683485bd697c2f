import TutahiSupport

/// A mapping decoded in document order, each key with its position.
public struct OrderedMapping<Value: Decodable>: Decodable {
    /// One key and its value.
    public struct Entry {
        /// The key.
        public var key: String
        /// Where the key was written.
        public var keyMark: SourceMark
        /// The value.
        public var value: Value
    }

    /// The entries, in document order.
    public var entries: [Entry]

    /// Decodes every key of a mapping, in order.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        let pairs = YAMLDecoding.node(of: decoder)?.mapping ?? []
        entries = try container.allKeys.map { key in
            let mark = pairs.first { $0.key == key.stringValue }?.keyMark
                ?? SourceMark(file: "<unknown>", line: 0, column: 0)
            return Entry(key: key.stringValue, keyMark: mark, value: try container.decode(Value.self, forKey: key))
        }
    }
}

extension OrderedMapping.Entry: Sendable where Value: Sendable {}
extension OrderedMapping: Sendable where Value: Sendable {}

/// A coding key for any string.
public struct AnyKey: CodingKey, Hashable {
    /// The key.
    public var stringValue: String
    /// Always nil.
    public var intValue: Int? { nil }
    /// Creates a key.
    public init(stringValue: String) { self.stringValue = stringValue }
    /// Not used.
    public init?(intValue: Int) { return nil }
}
