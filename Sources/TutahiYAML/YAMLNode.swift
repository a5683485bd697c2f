import TutahiSupport

/// One node of a YAML document, with the place it was written.
public struct YAMLNode: Sendable {
    /// What a node holds.
    public indirect enum Content: Sendable {
        /// A scalar, resolved by the YAML 1.2 core schema.
        case scalar(YAMLScalar)
        /// A sequence of nodes.
        case sequence([YAMLNode])
        /// A mapping, in document order; keys are unique scalars.
        case mapping([YAMLPair])
    }

    /// The node's content.
    public var content: Content
    /// Where the node starts.
    public var mark: SourceMark

    /// Creates a node.
    public init(_ content: Content, at mark: SourceMark) {
        self.content = content
        self.mark = mark
    }

    /// The scalar, if this node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    /// The items, if this node is a sequence.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The pairs, if this node is a mapping.
    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value under `key`, if this node is a mapping that has it.
    public subscript(key: String) -> YAMLNode? {
        mapping?.first { $0.key == key }?.value
    }

    /// A word for the kind of node, for error messages: "a mapping", "a string", …
    public var kindDescription: String {
        switch content {
        case .scalar(let s): return s.value.kindDescription
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }
}

/// A key and its value in a mapping.
public struct YAMLPair: Sendable {
    /// The key's text.
    public var key: String
    /// Where the key was written.
    public var keyMark: SourceMark
    /// The value.
    public var value: YAMLNode

    /// Creates a pair.
    public init(key: String, keyMark: SourceMark, value: YAMLNode) {
        self.key = key
        self.keyMark = keyMark
        self.value = value
    }
}
