import TutahiPluginAPI

/// Accepted data grouped once per relationship and sorted by time, so each evaluation takes a prefix.
struct EvidenceIndex: Sendable {
    struct Entry: Sendable {
        var surveys: [SurveyResponse] = []
        var interactions: [Interaction] = []
    }

    private(set) var entries: [RelationshipKey: Entry] = [:]
    let parties: [String: Party]

    init(_ dataset: Dataset) {
        parties = dataset.parties
        for response in dataset.responses {
            entries[RelationshipKey(agency: response.about, partner: response.respondent), default: Entry()]
                .surveys.append(response)
        }
        for interaction in dataset.interactions {
            guard let from = parties[interaction.from], let to = parties[interaction.to], from.isAgency != to.isAgency
            else { continue }
            let key = from.isAgency
                ? RelationshipKey(agency: from.id, partner: to.id) : RelationshipKey(agency: to.id, partner: from.id)
            entries[key, default: Entry()].interactions.append(interaction)
        }
        for key in entries.keys {
            entries[key]?.surveys.sort { ($0.submittedAt, $0.id) < ($1.submittedAt, $1.id) }
            entries[key]?.interactions.sort { ($0.at, $0.id) < ($1.at, $1.id) }
        }
    }

    /// Pairs with at least one accepted row before `asOf`.
    func keysWithData(before asOf: Instant) -> [RelationshipKey] {
        entries.compactMap { key, entry in
            (entry.surveys.first.map { $0.submittedAt < asOf } ?? false)
                || (entry.interactions.first.map { $0.at < asOf } ?? false) ? key : nil
        }
    }

    /// The evidence for `key`, holding nothing at or after `asOf`; nil when a party is unknown.
    func evidence(for key: RelationshipKey, before asOf: Instant) -> RelationshipEvidence? {
        guard let agency = parties[key.agency], let partner = parties[key.partner] else { return nil }
        let entry = entries[key] ?? Entry()
        let surveys = entry.surveys.prefix { $0.submittedAt < asOf }
        let interactions = entry.interactions.prefix { $0.at < asOf }
        return RelationshipEvidence(
            agency: agency, partner: partner, surveys: Array(surveys), interactions: Array(interactions))
    }
}
