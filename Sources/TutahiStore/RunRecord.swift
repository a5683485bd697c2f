import GRDB
import TutahiCore
import TutahiPluginAPI

/// One recorded run, as `tutahi history` lists it.
public struct RunRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "run"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    /// The run's number, counting from 1.
    public var id: Int64?
    /// The monitor that made the run.
    public var monitor: String
    /// The as-of, in nanoseconds since 1970 UTC.
    public var asOf: Int64
    /// The as-of as RFC 3339 in the configured zone.
    public var asOfText: String
    /// When the run started, by the wall clock (nanoseconds since 1970 UTC).
    public var startedAt: Int64
    /// When it finished.
    public var finishedAt: Int64
    /// The SHA-256 of the config files.
    public var configDigest: String
    /// Relationships scored.
    public var relationships: Int
    /// Alerts pending after the run.
    public var alertsPending: Int
    /// Alerts firing after the run.
    public var alertsFiring: Int
    /// Alerts that resolved in the run.
    public var alertsResolved: Int
    /// Data rows rejected.
    public var rowsRejected: Int

    /// A run as read back from a database.
    init(
        id: Int64, monitor: String, asOf: Int64, asOfText: String, startedAt: Int64, finishedAt: Int64,
        configDigest: String, relationships: Int, alertsPending: Int, alertsFiring: Int, alertsResolved: Int,
        rowsRejected: Int
    ) {
        self.id = id
        self.monitor = monitor
        self.asOf = asOf
        self.asOfText = asOfText
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.configDigest = configDigest
        self.relationships = relationships
        self.alertsPending = alertsPending
        self.alertsFiring = alertsFiring
        self.alertsResolved = alertsResolved
        self.rowsRejected = rowsRejected
    }

    init(_ finished: FinishedRun, zone: Zone, monitor: String) {
        self.monitor = monitor
        let scorecard = finished.evaluation.scorecard
        let states = finished.evaluation.alerts.states
        asOf = finished.asOf.nanoseconds
        asOfText = zone.format(finished.asOf)
        startedAt = finished.startedAt.nanoseconds
        finishedAt = finished.finishedAt.nanoseconds
        configDigest = finished.configDigest
        relationships = scorecard.relationships.count
        alertsPending = states.count { $0.state == .pending }
        alertsFiring = states.count { $0.state == .firing }
        alertsResolved = states.count { $0.state == .resolved }
        rowsRejected = scorecard.dataIssues.rejected
    }

    /// Takes the id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// How long the run took.
    public var duration: Duration { .nanoseconds(finishedAt - startedAt) }
}
