/// What one run has to tell people: its alert changes and due reminders, with who wants to hear.
public struct AlertDigest: Sendable {
    /// The run's as-of.
    public var asOf: Instant
    /// The configured zone.
    public var zone: Zone
    /// A key unique to the run (for message ids).
    public var runKey: String
    /// Changes (an alert starting to fire, or resolving) and reminders, most severe first.
    public var entries: [Entry]
    /// The config's `recipients`.
    public var recipients: [Recipient]

    /// Creates a digest.
    public init(asOf: Instant, zone: Zone, runKey: String, entries: [Entry], recipients: [Recipient]) {
        self.asOf = asOf
        self.zone = zone
        self.runKey = runKey
        self.entries = entries
        self.recipients = recipients
    }

    /// Why an alert is told about after a run.
    public enum Reason: String, Sendable, Hashable {
        /// The alert started firing in this run.
        case firing
        /// A firing alert stopped holding in this run.
        case resolved
        /// The alert keeps firing and its rule's `repeat` has passed since it was last told.
        case reminder

        /// The reason in words, for people: "new", "resolved", "still firing".
        public var words: String {
            switch self {
            case .firing: return "new"
            case .resolved: return "resolved"
            case .reminder: return "still firing"
            }
        }
    }

    /// One alert to tell about.
    public struct Entry: Sendable, Hashable {
        /// Why it is told.
        public var reason: Reason
        /// The rule's id.
        public var rule: String
        /// `info`, `warning` or `critical`.
        public var severity: AlertRecord.Severity
        /// `firing` or `resolved`.
        public var state: AlertRecord.State
        /// The agency.
        public var agency: Party
        /// The partner.
        public var partner: Party
        /// The rendered message.
        public var message: String
        /// When the alert entered its state (an as-of).
        public var since: Instant

        /// Creates an entry.
        public init(
            reason: Reason, rule: String, severity: AlertRecord.Severity, state: AlertRecord.State, agency: Party,
            partner: Party, message: String, since: Instant
        ) {
            self.reason = reason
            self.rule = rule
            self.severity = severity
            self.state = state
            self.agency = agency
            self.partner = partner
            self.message = message
            self.since = since
        }

        /// A change (firing or resolved) rather than a reminder.
        public var isChange: Bool { reason != .reminder }
    }

    /// One entry of `recipients:`.
    public struct Recipient: Sendable, Hashable {
        /// An agency id, or `*` for every agency.
        public var agency: String
        /// Email addresses.
        public var email: [String]
        /// The least severe alert they hear about.
        public var minimumSeverity: AlertRecord.Severity

        /// Creates a recipient.
        public init(agency: String, email: [String], minimumSeverity: AlertRecord.Severity) {
            self.agency = agency
            self.email = email
            self.minimumSeverity = minimumSeverity
        }

        /// True when `entry` is routed to this recipient.
        public func hears(_ entry: Entry) -> Bool {
            (agency == "*" || agency == entry.agency.id) && entry.severity >= minimumSeverity
        }
    }

    /// The entries each email address hears, addresses in order of first mention in `recipients`.
    /// An address listed under several recipients hears the union, once.
    public var entriesByAddress: [(address: String, entries: [Entry])] {
        var order: [String] = []
        var heard: [String: [Entry]] = [:]
        for recipient in recipients {
            for address in recipient.email {
                if heard[address] == nil { order.append(address) }
                var list = heard[address] ?? []
                for entry in entries where recipient.hears(entry) && !list.contains(entry) { list.append(entry) }
                heard[address] = list
            }
        }
        return order.compactMap { address in
            let list = (heard[address] ?? [])
            return list.isEmpty ? nil : (address, entries.filter(list.contains))
        }
    }
}
