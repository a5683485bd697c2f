import GRDB
import TutahiCore
import TutahiPluginAPI

/// A row of `alert_state`: one alert's standing after the last run.
struct AlertStateRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "alert_state"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var monitor: String
    var rule: String
    var agency: String
    var partner: String
    var severity: String
    var state: String
    var consecutiveRuns: Int
    var since: Int64
    var lastNotified: Int64?
    var message: String
    var runId: Int64

    init(_ state: AlertState, runID: Int64, monitor: String) {
        self.monitor = monitor
        rule = state.key.rule
        agency = state.key.agency
        partner = state.key.partner
        severity = state.severity.rawValue
        self.state = state.state.rawValue
        consecutiveRuns = state.consecutiveRuns
        since = state.since.nanoseconds
        lastNotified = state.lastNotified?.nanoseconds
        message = state.message
        runId = runID
    }

    /// The alert state; an unreadable severity or state (written by a newer version) reads as a pending warning.
    var alertState: AlertState {
        AlertState(
            key: AlertKey(rule: rule, agency: agency, partner: partner),
            severity: AlertRecord.Severity(rawValue: severity) ?? .warning,
            state: AlertRecord.State(rawValue: self.state) ?? .pending, consecutiveRuns: consecutiveRuns,
            since: Instant(nanoseconds: since), lastNotified: lastNotified.map { Instant(nanoseconds: $0) },
            message: message)
    }
}

/// A row of `alert_event`: a change or reminder announced by a run (the notification log).
struct AlertEventRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "alert_event"
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var runId: Int64
    var reason: String
    var rule: String
    var agency: String
    var partner: String
    var severity: String
    var since: Int64
    var message: String

    init(_ notification: AlertNotification, runID: Int64) {
        runId = runID
        reason = notification.reason.rawValue
        rule = notification.alert.key.rule
        agency = notification.alert.key.agency
        partner = notification.alert.key.partner
        severity = notification.alert.severity.rawValue
        since = notification.alert.since.nanoseconds
        message = notification.alert.message
    }
}
