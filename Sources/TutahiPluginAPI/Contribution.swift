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

        /// Creates the earlier state.
        public init(score: Double?, points: Double) {
            self.score = score
            self.points = points
        }
    }

    /// Creates a contribution.
    public init(
        indicator: String, dimension: String, score: Double?, share: Double, points: Double, previous: Previous? = nil
    ) {
        self.indicator = indicator
        self.dimension = dimension
        self.score = score
        self.share = share
        self.points = points
        self.previous = previous
    }

    /// points − previous points: how much it moved the overall score; nil when not compared.
    public var change: Double? { previous.map { points - $0.points } }
}
