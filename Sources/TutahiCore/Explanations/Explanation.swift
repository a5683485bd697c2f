import TutahiPluginAPI

/// Why each selected relationship scores what it does: every indicator's share of the overall
/// score and the points it brings, what changed since an earlier as-of, and the evidence behind
/// each result (`tutahi explain`, and the reports).
public struct Explanation: Sendable {
    /// The as-of explained.
    public var asOf: Instant
    /// The earlier as-of compared with, if any.
    public var comparedTo: Instant?
    /// The configured zone, for writing times.
    public var zone: Zone
    /// One entry per relationship, sorted by agency then partner.
    public var relationships: [RelationshipExplanation]

    /// Creates an explanation.
    public init(asOf: Instant, comparedTo: Instant?, zone: Zone, relationships: [RelationshipExplanation]) {
        self.asOf = asOf
        self.comparedTo = comparedTo
        self.zone = zone
        self.relationships = relationships
    }
}

/// One relationship's explanation.
public struct RelationshipExplanation: Sendable {
    /// The relationship as scored at as-of.
    public var score: RelationshipScore
    /// Its overall score at the earlier as-of, when compared and scored then.
    public var previousOverall: Double?
    /// Each indicator that exists for it, in config order.
    public var contributions: [Contribution]

    /// Creates an explanation of one relationship.
    public init(score: RelationshipScore, previousOverall: Double?, contributions: [Contribution]) {
        self.score = score
        self.previousOverall = previousOverall
        self.contributions = contributions
    }

    /// The evidence of each indicator that has some, in config order.
    public var evidence: [(indicator: String, evidence: JSONValue)] {
        score.indicators.compactMap { result in result.evidence.map { (result.id, $0) } }
    }
}
