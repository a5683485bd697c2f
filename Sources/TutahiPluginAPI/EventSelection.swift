import TutahiYAML
/// Which side of a relationship an event comes from (`by:`).
public enum Side: String, ChoiceDecodable {
    /// From the agency to the partner.
    case agency
    /// From the partner to the agency.
    case partner
    /// Either direction.
    case any

    /// The other side: agency for partner and the reverse; `any` stays `any`.
    public var opposite: Side {
        switch self {
        case .agency: return .partner
        case .partner: return .agency
        case .any: return .any
        }
    }

    /// True when `interaction` goes this way between `evidence`'s agency and partner.
    public func matches(_ interaction: Interaction, in evidence: RelationshipEvidence) -> Bool {
        let agency = evidence.agency.id, partner = evidence.partner.id
        switch self {
        case .agency: return interaction.from == agency && interaction.to == partner
        case .partner: return interaction.from == partner && interaction.to == agency
        case .any:
            return (interaction.from == agency && interaction.to == partner)
                || (interaction.from == partner && interaction.to == agency)
        }
    }

    /// True when the interaction at `position` of `list` goes this way between its agency and partner.
    public func matches(_ list: InteractionList, at position: Int) -> Bool {
        // A list holds rows of its own relationship only: each went one way or the other.
        switch self {
        case .agency: return list.table.directions[list.row(at: position)] == InteractionTable.fromAgency
        case .partner: return list.table.directions[list.row(at: position)] == InteractionTable.fromPartner
        case .any: return true
        }
    }
}

/// One string or a list of strings, as `kind: hui` or `kind: [meeting, hui]` allow.
public struct OneOrMany: Sendable, Hashable, Decodable {
    /// The strings.
    public var values: [String]

    /// Wraps `values`.
    public init(_ values: [String]) {
        self.values = values
    }

    /// Decodes a string or a list of strings.
    public init(from decoder: any Decoder) throws {
        if let node = YAMLDecoding.node(of: decoder), node.sequence != nil {
            values = try [String](from: decoder)
        } else {
            values = [try String(from: decoder)]
        }
    }
}

/// `where: {attr: value or [values]}`: keeps events whose attribute equals the value or one of the values.
public struct AttributeFilter: Sendable, Hashable, Decodable {
    /// Accepted values per attribute name.
    public var accepted: [String: Set<String>]

    /// Accepts every event.
    public static let all = AttributeFilter(accepted: [:])

    /// Creates a filter.
    public init(accepted: [String: Set<String>]) {
        self.accepted = accepted
    }

    /// Decodes `{attr: value or [values]}`.
    public init(from decoder: any Decoder) throws {
        let raw = try [String: OneOrMany](from: decoder)
        accepted = raw.mapValues { Set($0.values) }
    }

    /// True when every named attribute of `interaction` has an accepted value.
    public func matches(_ interaction: Interaction) -> Bool {
        for (name, values) in accepted {
            guard let value = interaction.attributes[name], values.contains(value) else { return false }
        }
        return true
    }
}

/// `{kind, by, where}`: events of some kinds, from one side, with some attributes.
public struct EventSelector: Sendable, Hashable, Decodable {
    /// The accepted kinds.
    public var kinds: Set<String>
    /// The side the events come from.
    public var by: Side
    /// The attribute filter.
    public var filter: AttributeFilter

    /// Creates a selector.
    public init(kinds: Set<String>, by: Side = .any, filter: AttributeFilter = .all) {
        self.kinds = kinds
        self.by = by
        self.filter = filter
    }

    private enum CodingKeys: String, CodingKey {
        case kind, by
        case filter = "where"
    }

    /// Decodes `{kind, by (default any), where}`.
    public init(from decoder: any Decoder) throws {
        try self.init(from: decoder, defaultSide: .any)
    }

    /// Decodes `{kind, by, where}` with `by` defaulting to `defaultSide`.
    public init(from decoder: any Decoder, defaultSide: Side) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kinds = Set(try container.decode(OneOrMany.self, forKey: .kind).values)
        by = try container.decodeIfPresent(Side.self, forKey: .by) ?? defaultSide
        filter = try container.decodeIfPresent(AttributeFilter.self, forKey: .filter) ?? .all
    }

    /// True when `interaction` is of an accepted kind, from the right side and passes the filter.
    public func matches(_ interaction: Interaction, in evidence: RelationshipEvidence) -> Bool {
        kinds.contains(interaction.kind) && by.matches(interaction, in: evidence) && filter.matches(interaction)
    }

    /// This selector prepared for the rows of `list`: kinds and attribute values become codes, so
    /// matching a row compares integers.
    public func matcher(for list: InteractionList) -> EventMatcher {
        EventMatcher(self, table: list.table)
    }
}
