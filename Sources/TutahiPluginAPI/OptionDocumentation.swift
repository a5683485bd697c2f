/// One option of a plugin, as `tutahi plugins` lists it and the registry test checks it.
///
/// Every plugin declares its options this way beside its `Options` type; a test decodes each
/// plugin's examples and checks that the keys its `Options` reads are exactly the documented ones,
/// so the catalogue and the validation cannot disagree.
public struct OptionDocumentation: Sendable, Hashable {
    /// The key users write.
    public var key: String
    /// The type in words: `string`, `list of strings`, `duration`, `number`, …
    public var type: String
    /// The default, in words; nil when the key is required.
    public var defaultValue: String?
    /// One line saying what the key does.
    public var summary: String
    /// A valid YAML value, used by the documentation test.
    public var example: String

    /// Documents a key; `defaultValue` nil means required.
    public init(_ key: String, _ type: String, default defaultValue: String?, _ summary: String, example: String) {
        self.key = key
        self.type = type
        self.defaultValue = defaultValue
        self.summary = summary
        self.example = example
    }

    /// True when the key must be given.
    public var isRequired: Bool { defaultValue == nil }
}
