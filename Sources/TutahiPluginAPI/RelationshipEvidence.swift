/// Everything known about one agency–partner relationship before as-of.
///
/// Surveys are the responses of either side about the other (``SurveyResponse/side`` tells them
/// apart); interactions are those between the two in either direction. Both are sorted by time and hold nothing at or after as-of.
public struct RelationshipEvidence: Sendable {
    /// The agency.
    public var agency: Party
    /// The partner.
    public var partner: Party
    /// Survey responses, oldest first.
    public var surveys: [SurveyResponse]
    /// Interactions, oldest first.
    public var interactions: InteractionList

    /// Creates the evidence for one relationship.
    public init(agency: Party, partner: Party, surveys: [SurveyResponse], interactions: InteractionList) {
        self.agency = agency
        self.partner = partner
        self.surveys = surveys
        self.interactions = interactions
    }

    /// The relationship's key.
    public var key: RelationshipKey { RelationshipKey(agency: agency.id, partner: partner.id) }
}

/// An (agency, partner) pair of ids, ordered by agency then partner.
public struct RelationshipKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The agency's id.
    public var agency: String
    /// The partner's id.
    public var partner: String

    /// Creates a key.
    public init(agency: String, partner: String) {
        self.agency = agency
        self.partner = partner
    }

    /// Agency first, then partner.
    public static func < (lhs: RelationshipKey, rhs: RelationshipKey) -> Bool {
        (lhs.agency, lhs.partner) < (rhs.agency, rhs.partner)
    }

    /// `agency/partner`.
    public var description: String { "\(agency)/\(partner)" }
}
