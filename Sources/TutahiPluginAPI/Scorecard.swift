/// The finished result of one check, handed to every output sink.
///
/// Sinks present it; they never recompute a score.
public struct Scorecard: Sendable {
    /// The check's as-of instant.
    public var asOf: Instant
    /// The configured time zone.
    public var zone: Zone
    /// Every relationship, sorted by agency then partner.
    public var relationships: [RelationshipScore]
    /// The agency roll-ups, sorted by agency.
    public var agencies: [AgencySummary]
    /// Alerts pending or firing after this run, and those resolved in it.
    public var alerts: [AlertRecord]
    /// Rows the loaders rejected.
    public var dataIssues: DataIssues
    /// The configured dimensions, in config order, for presentation.
    public var dimensions: [DimensionInfo]
    /// The configured indicators, in config order, for presentation.
    public var indicators: [IndicatorInfo]
    /// Each relationship's overall score in past runs and this one, oldest first, when a store
    /// keeps them (empty without a store). For presentation outputs; not part of the JSON.
    public var trends: [RelationshipKey: [TrendPoint]] = [:]
    /// The as-of of the previous run in the store, when a presentation output asked for evidence.
    public var previousRun: Instant?
    /// Each relationship's contributions compared with ``previousRun`` (what moved its score), when
    /// there is one. For presentation outputs; not part of the JSON.
    public var contributions: [RelationshipKey: [Contribution]] = [:]

    /// Creates a scorecard.
    public init(
        asOf: Instant, zone: Zone, relationships: [RelationshipScore], agencies: [AgencySummary],
        alerts: [AlertRecord], dataIssues: DataIssues, dimensions: [DimensionInfo], indicators: [IndicatorInfo]
    ) {
        self.asOf = asOf
        self.zone = zone
        self.relationships = relationships
        self.agencies = agencies
        self.alerts = alerts
        self.dataIssues = dataIssues
        self.dimensions = dimensions
        self.indicators = indicators
    }
}

/// A relationship's overall score as of one run, for trend charts.
public struct TrendPoint: Sendable, Hashable {
    /// The run's as-of.
    public var asOf: Instant
    /// The overall score then, or nil when there was none.
    public var score: Double?

    /// Creates a point.
    public init(asOf: Instant, score: Double?) {
        self.asOf = asOf
        self.score = score
    }
}

/// A score and the status it earns.
public struct ScoredStatus: Sendable, Hashable {
    /// The score, 0–100, or nil.
    public var score: Double?
    /// The status.
    public var status: Status

    /// Creates a scored status.
    public init(score: Double?, status: Status) {
        self.score = score
        self.status = status
    }
}

/// One relationship's scores.
public struct RelationshipScore: Sendable {
    /// The agency.
    public var agency: Party
    /// The partner.
    public var partner: Party
    /// The overall score and status.
    public var overall: ScoredStatus
    /// The share of the relationship's indicators with a score; nil when none exist.
    public var coverage: Double?
    /// Dimension scores, in config order.
    public var dimensions: [(id: String, result: ScoredStatus)]
    /// Indicator results, in config order, for the indicators that exist for this relationship.
    public var indicators: [IndicatorResult]

    /// Creates a relationship score.
    public init(
        agency: Party, partner: Party, overall: ScoredStatus, coverage: Double?,
        dimensions: [(id: String, result: ScoredStatus)], indicators: [IndicatorResult]
    ) {
        self.agency = agency
        self.partner = partner
        self.overall = overall
        self.coverage = coverage
        self.dimensions = dimensions
        self.indicators = indicators
    }

    /// The relationship's key.
    public var key: RelationshipKey { RelationshipKey(agency: agency.id, partner: partner.id) }
}

/// One indicator's result for one relationship.
public struct IndicatorResult: Sendable {
    /// The indicator's id.
    public var id: String
    /// The raw value, or nil when suppressed, without data or failed.
    public var value: Double?
    /// The score, 0–100, or nil.
    public var score: Double?
    /// The number of items the result rests on.
    public var n: Int
    /// The status.
    public var status: Status
    /// The plugin's detail figures.
    public var detail: [(String, JSONValue)]
    /// Why the plugin failed, when the status is `error`.
    public var error: String?
    /// The evidence behind the result, when it was asked for (not part of the JSON scorecard).
    public var evidence: JSONValue?
    /// The value in words with its units, from the plugin, when scored (not part of the JSON).
    public var reading: String?

    /// Creates a result.
    public init(
        id: String, value: Double?, score: Double?, n: Int, status: Status, detail: [(String, JSONValue)] = [],
        error: String? = nil
    ) {
        self.id = id
        self.value = value
        self.score = score
        self.n = n
        self.status = status
        self.detail = detail
        self.error = error
    }
}

/// An agency's roll-up over its relationships.
public struct AgencySummary: Sendable {
    /// The agency.
    public var agency: Party
    /// How many relationships it has.
    public var relationships: Int
    /// How many have an overall score.
    public var scored: Int
    /// The unweighted mean of the overall scores, or nil.
    public var score: Double?
    /// The status of `score` by the default thresholds.
    public var status: Status
    /// Relationships whose overall status is green.
    public var green: Int
    /// Relationships whose overall status is amber.
    public var amber: Int
    /// Relationships whose overall status is red.
    public var red: Int
    /// The agency's place among its peers, 0 (lowest score) to 100 (highest); nil without a
    /// score or with fewer than two agencies scored.
    public var percentile: Double?

    /// Creates a roll-up.
    public init(
        agency: Party, relationships: Int, scored: Int, score: Double?, status: Status, green: Int, amber: Int,
        red: Int, percentile: Double? = nil
    ) {
        self.percentile = percentile
        self.agency = agency
        self.relationships = relationships
        self.scored = scored
        self.score = score
        self.status = status
        self.green = green
        self.amber = amber
        self.red = red
    }
}

/// An alert on one relationship, as the scorecard lists it.
public struct AlertRecord: Sendable, Hashable {
    /// `info`, `warning` or `critical`.
    public enum Severity: String, ChoiceDecodable, Comparable {
        /// For the record.
        case info
        /// Worth a look.
        case warning
        /// Act now.
        case critical

        private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }

        /// info < warning < critical.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// Where an alert is in its life.
    public enum State: String, Sendable, Hashable {
        /// The rule holds, but not yet for `for` consecutive runs.
        case pending
        /// The rule has held for `for` consecutive runs.
        case firing
        /// The rule stopped holding in this run.
        case resolved
    }

    /// The rule's id.
    public var rule: String
    /// The rule's severity.
    public var severity: Severity
    /// The alert's state after this run.
    public var state: State
    /// The agency's id.
    public var agency: String
    /// The partner's id.
    public var partner: String
    /// The rendered message.
    public var message: String

    /// Creates an alert record.
    public init(rule: String, severity: Severity, state: State, agency: String, partner: String, message: String) {
        self.rule = rule
        self.severity = severity
        self.state = state
        self.agency = agency
        self.partner = partner
        self.message = message
    }
}

/// Rows the loaders rejected, counted by reason, with the first few located.
public struct DataIssues: Sendable {
    /// How many rows were rejected.
    public var rejected: Int
    /// Counts per reason code, in the order they are checked (docs/reference.md, "Rejected rows").
    public var byReason: [(reason: RejectionReason, count: Int)]
    /// Up to 20 rejected rows: survey files, then interaction files, in config and file order.
    public var first: [RejectedRow]

    /// Creates a summary.
    public init(rejected: Int, byReason: [(reason: RejectionReason, count: Int)], first: [RejectedRow]) {
        self.rejected = rejected
        self.byReason = byReason
        self.first = first
    }

    /// No rejected rows.
    public static let none = DataIssues(rejected: 0, byReason: [], first: [])
}

/// One rejected row: where it was and why. Never its content.
public struct RejectedRow: Sendable, Hashable {
    /// The file, as written in the config.
    public var file: String
    /// The 1-based physical line where the record starts.
    public var line: Int
    /// Why it was rejected (written as a code such as `bad_timestamp`).
    public var reason: RejectionReason
    /// Which field was at fault, in words, when that helps (never the field's value).
    public var field: String?

    /// Creates a rejected row.
    public init(file: String, line: Int, reason: RejectionReason, field: String? = nil) {
        self.file = file
        self.line = line
        self.reason = reason
        self.field = field
    }
}

/// A dimension's id and label, for presentation.
public struct DimensionInfo: Sendable, Hashable {
    /// The id.
    public var id: String
    /// The label.
    public var label: String

    /// Creates dimension info.
    public init(id: String, label: String) {
        self.id = id
        self.label = label
    }
}

/// An indicator's id, label and description, for presentation.
public struct IndicatorInfo: Sendable, Hashable {
    /// The id.
    public var id: String
    /// The plugin type.
    public var plugin: String
    /// The dimension it belongs to.
    public var dimension: String
    /// The label (the id when none is configured).
    public var label: String
    /// The description, if configured.
    public var description: String?
    /// `min_n` in force, for "fewer than N responses".
    public var minimumCount: Int
    /// The answer scale of a survey-based indicator (`[1, 5]`), for reading its means.
    public var answerScale: ClosedRange<Int>?
    /// The thresholds of its status.
    public var thresholds: Thresholds?

    /// Creates indicator info.
    public init(
        id: String, plugin: String, dimension: String, label: String, description: String?, minimumCount: Int,
        answerScale: ClosedRange<Int>? = nil, thresholds: Thresholds? = nil
    ) {
        self.thresholds = thresholds
        self.answerScale = answerScale
        self.id = id
        self.plugin = plugin
        self.dimension = dimension
        self.label = label
        self.description = description
        self.minimumCount = minimumCount
    }
}
