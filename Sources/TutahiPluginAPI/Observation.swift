/// What an indicator plugin measured for one relationship, before thresholds and `min_n` apply.
public struct Observation: Sendable {
    /// The raw value (a mean, a share, a count), or nil when there is nothing to measure.
    public var value: Double?
    /// The score, 0–100, or nil when there is nothing to measure.
    public var score: Double?
    /// How many items (responses, events) the value rests on.
    public var n: Int
    /// Plugin-specific figures, in the order they should be written.
    public var detail: [(String, JSONValue)]
    /// Figures shown after `detail` only when the result is scored: never for a result that is
    /// `suppressed` (too few respondents) or `no_data`, since they would reveal what suppression hides.
    public var detailWhenScored: [(String, JSONValue)]
    /// The events or figures behind the result (a JSON object such as `{"items": [...]}`), given
    /// only when ``MeasurementContext/wantsEvidence`` asks for it. For survey plugins it is shown
    /// only when the result is scored, never when suppressed.
    public var evidence: JSONValue?

    /// Creates an observation.
    public init(
        value: Double?, score: Double?, n: Int, detail: [(String, JSONValue)] = [],
        detailWhenScored: [(String, JSONValue)] = [], evidence: JSONValue? = nil
    ) {
        self.evidence = evidence
        self.value = value
        self.score = score
        self.n = n
        self.detail = detail
        self.detailWhenScored = detailWhenScored
    }
}

/// The status of an indicator, dimension or relationship.
public enum Status: String, Sendable, Hashable, CaseIterable {
    /// Score at or above the green threshold.
    case green
    /// Score at or above the amber threshold.
    case amber
    /// Score below the amber threshold.
    case red
    /// Too few survey respondents to report without identifying them.
    case suppressed
    /// Not enough data to score.
    case noData = "no_data"
    /// The plugin failed this run.
    case error

    /// The status in words, for people.
    public var words: String {
        switch self {
        case .green: return "good"
        case .amber: return "needs attention"
        case .red: return "poor"
        case .suppressed: return "suppressed"
        case .noData: return "no data"
        case .error: return "error"
        }
    }
}

/// Score thresholds: green at or above `green`, amber at or above `amber`, else red.
public struct Thresholds: Sendable, Hashable, Decodable {
    /// The lowest green score.
    public var green: Double
    /// The lowest amber score.
    public var amber: Double

    /// Creates thresholds.
    public init(green: Double, amber: Double) {
        self.green = green
        self.amber = amber
    }

    /// The default: green 75, amber 50 (docs/reference.md, "Scoring").
    public static let standard = Thresholds(green: 75, amber: 50)

    /// The status of `score`; `no_data` when it is nil. A score within 1e-9 of a threshold reaches
    /// it, so the order in which a mean was summed never flips a status.
    public func status(of score: Double?) -> Status {
        guard let score else { return .noData }
        if score >= green - Self.tolerance { return .green }
        if score >= amber - Self.tolerance { return .amber }
        return .red
    }

    /// How close to a threshold a score must be to reach it.
    public static let tolerance = 1e-9
}

/// What a result with fewer than `min_n` items shows.
public enum SmallSamplePolicy: Sendable {
    /// `suppressed` when 0 < n < min_n, `no_data` when n = 0: survey answers from few people.
    case suppress
    /// `no_data` whenever n < min_n.
    case noData
}
