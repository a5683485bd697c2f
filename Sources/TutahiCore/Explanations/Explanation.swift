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

/// One indicator's part in a relationship's overall score.
public struct Contribution: Sendable, Hashable {
    /// The indicator's id.
    public var indicator: String
    /// Its dimension's id.
    public var dimension: String
    /// Its score, or nil.
    public var score: Double?
    /// Its share of the overall score: (w_d / W) · (w_i / W_d), 0 when its score is null.
    public var share: Double
    /// share · score: the points it brings; the points of a relationship sum to its overall score.
    public var points: Double
    /// What it was at the earlier as-of, when compared.
    public var previous: Previous?

    /// The same indicator at the earlier as-of.
    public struct Previous: Sendable, Hashable {
        /// Its score then, or nil.
        public var score: Double?
        /// Its points then (0 when it had none).
        public var points: Double
    }

    /// points − previous points: how much it moved the overall score; nil when not compared.
    public var change: Double? { previous.map { points - $0.points } }
}
