import TutahiPluginAPI

extension AlertDigest {
    /// The digest of `evaluation`'s notifications: most severe first, then resolved after firing,
    /// then by rule, agency and partner.
    init(_ evaluation: Evaluation, recipients: [Recipient], runKey: String) {
        let scorecard = evaluation.scorecard
        var parties: [String: Party] = [:]
        for relationship in scorecard.relationships {
            parties[relationship.agency.id] = relationship.agency
            parties[relationship.partner.id] = relationship.partner
        }
        func party(_ id: String) -> Party { parties[id] ?? Party(id: id, name: id, kind: "") }
        let entries = evaluation.alerts.notifications.map { notification in
            Entry(
                reason: notification.reason, rule: notification.alert.key.rule,
                severity: notification.alert.severity, state: notification.alert.state,
                agency: party(notification.alert.key.agency), partner: party(notification.alert.key.partner),
                message: notification.alert.message, since: notification.alert.since)
        }
        let ordered = entries.enumerated().sorted { a, b in
            if a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
            if a.element.isChange != b.element.isChange { return a.element.isChange }
            return a.offset < b.offset
        }.map(\.element)
        self.init(asOf: scorecard.asOf, zone: scorecard.zone, runKey: runKey, entries: ordered, recipients: recipients)
    }
}
