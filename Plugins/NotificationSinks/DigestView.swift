import TutahiTemplates
import TutahiPluginAPI

/// What the email templates see for one recipient's digest.
struct DigestView: MustacheView {
    let asOf: String
    let asOfDate: String
    let timezone: String
    let recipient: String
    let new: Int
    let stillFiring: Int
    let resolved: Int
    let total: Int
    let alerts: [Alert]
    /// The full report, when the output names one.
    let reportURL: String?

    struct Alert: MustacheView {
        let severity: String
        let severityUpper: String
        let state: String
        let what: String
        let agency: String
        let partner: String
        let rule: String
        let message: String
        let since: String
        let isNew: Bool
        let isReminder: Bool
        let isResolved: Bool
    }

    init(entries: [AlertDigest.Entry], digest: AlertDigest, recipient: String, reportURL: String? = nil) {
        self.reportURL = reportURL
        let zone = digest.zone
        asOf = zone.format(digest.asOf)
        asOfDate = zone.date(of: digest.asOf).longDescription
        timezone = zone.identifier
        self.recipient = recipient
        new = entries.count { $0.reason == .firing }
        stillFiring = entries.count { $0.reason == .reminder }
        resolved = entries.count { $0.reason == .resolved }
        total = entries.count
        alerts = entries.map { entry in
            Alert(
                severity: entry.severity.rawValue, severityUpper: entry.severity.rawValue.uppercased(),
                state: entry.state.rawValue,
                what: entry.reason.words,
                agency: entry.agency.name, partner: entry.partner.name, rule: entry.rule, message: entry.message,
                since: zone.format(entry.since), isNew: entry.reason == .firing, isReminder: entry.reason == .reminder,
                isResolved: entry.reason == .resolved)
        }
    }
}
