import TutahiPluginAPI

/// Which alert: a rule on one relationship. Its identity across runs.
public struct AlertKey: Sendable, Hashable, Comparable {
    /// The rule's id.
    public var rule: String
    /// The agency's id.
    public var agency: String
    /// The partner's id.
    public var partner: String

    /// Creates a key.
    public init(rule: String, agency: String, partner: String) {
        self.rule = rule
        self.agency = agency
        self.partner = partner
    }

    /// By rule, then agency, then partner (the scorecard's order).
    public static func < (lhs: AlertKey, rhs: AlertKey) -> Bool {
        (lhs.rule, lhs.agency, lhs.partner) < (rhs.rule, rhs.agency, rhs.partner)
    }
}

/// Where one alert stands after a run: what a store remembers between runs.
public struct AlertState: Sendable, Hashable {
    /// Which alert.
    public var key: AlertKey
    /// The rule's severity.
    public var severity: AlertRecord.Severity
    /// Pending, firing or (in the run it happened) resolved.
    public var state: AlertRecord.State
    /// How many consecutive runs the rule has held, up to and including this one (0 once resolved).
    public var consecutiveRuns: Int
    /// The as-of of the run in which the alert entered its state.
    public var since: Instant
    /// The as-of of the run that last announced it (firing, reminder or resolved), if any.
    public var lastNotified: Instant?
    /// The message as last rendered while the rule held.
    public var message: String

    /// Creates a state.
    public init(
        key: AlertKey, severity: AlertRecord.Severity, state: AlertRecord.State, consecutiveRuns: Int,
        since: Instant, lastNotified: Instant?, message: String
    ) {
        self.key = key
        self.severity = severity
        self.state = state
        self.consecutiveRuns = consecutiveRuns
        self.since = since
        self.lastNotified = lastNotified
        self.message = message
    }

    /// The scorecard's view of it.
    public var record: AlertRecord {
        AlertRecord(
            rule: key.rule, severity: severity, state: state, agency: key.agency, partner: key.partner,
            message: message)
    }
}

/// Something to tell people about one alert after a run.
public struct AlertNotification: Sendable, Hashable {
    /// Why it is being told.
    public typealias Reason = AlertDigest.Reason

    /// Why.
    public var reason: Reason
    /// The alert after this run.
    public var alert: AlertState

    /// Creates a notification.
    public init(reason: Reason, alert: AlertState) {
        self.reason = reason
        self.alert = alert
    }

    /// A change (firing or resolved) rather than a reminder.
    public var isChange: Bool { reason != .reminder }
}

/// A rule that holds for a relationship in this run, with its rendered message.
public struct AlertObservation: Sendable, Hashable {
    /// Which alert.
    public var key: AlertKey
    /// The rule's severity.
    public var severity: AlertRecord.Severity
    /// The rendered message.
    public var message: String

    /// Creates an observation.
    public init(key: AlertKey, severity: AlertRecord.Severity, message: String) {
        self.key = key
        self.severity = severity
        self.message = message
    }
}
