/// Bounds that keep a hostile or broken YAML file from exhausting time or memory.
public struct YAMLLimits: Sendable {
    /// The largest document accepted, in bytes.
    public var maximumBytes: Int
    /// The deepest nesting of lists and mappings accepted.
    public var maximumDepth: Int
    /// The most nodes a document may expand to, counting every alias as a copy of its anchor.
    public var maximumNodes: Int

    /// Creates limits.
    public init(maximumBytes: Int = 4 << 20, maximumDepth: Int = 64, maximumNodes: Int = 200_000) {
        self.maximumBytes = maximumBytes
        self.maximumDepth = maximumDepth
        self.maximumNodes = maximumNodes
    }

    /// Limits suited to configuration files.
    public static let configuration = YAMLLimits()
}
