/// An agency or a partner, from the parties file.
public struct Party: Sendable, Hashable {
    /// The id data files refer to, such as `msd` or `waitomo-trust`.
    public var id: String
    /// The display name, such as "Ministry of Social Development".
    public var name: String
    /// `agency`, or another lowercase word: `community`, `iwi`, `hapu`, …
    public var kind: String
    /// The region, when given.
    public var region: String?
    /// Tags such as `rural` or `tangata_whenua`.
    public var tags: [String]

    /// Creates a party.
    public init(id: String, name: String, kind: String, region: String? = nil, tags: [String] = []) {
        self.id = id
        self.name = name
        self.kind = kind
        self.region = region
        self.tags = tags
    }

    /// True for the government side of a relationship.
    public var isAgency: Bool { kind == "agency" }
}
