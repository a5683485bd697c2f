import TutahiPluginAPI

/// Accepted data by relationship, sorted by time, so each evaluation takes a prefix.
///
/// The interaction table already holds each relationship's rows as one time-sorted range (it is
/// built that way, once); surveys are grouped here.
struct EvidenceIndex: Sendable {
    private struct Group: Sendable {
        var agency: Int32 = -1
        var partner: Int32 = -1
        var rows: Range<Int> = 0..<0
        var surveys: [SurveyResponse] = []
    }

    let parties: [String: Party]
    private let table: InteractionTable
    private var groups: [RelationshipKey: Group] = [:]

    init(_ dataset: Dataset) {
        parties = dataset.parties
        table = dataset.interactions
        for relationship in table.relationships {
            let key = RelationshipKey(
                agency: table.partyIDs[Int(relationship.agency)], partner: table.partyIDs[Int(relationship.partner)])
            groups[key] = Group(agency: relationship.agency, partner: relationship.partner, rows: relationship.rows)
        }
        for response in dataset.responses {
            groups[RelationshipKey(agency: response.agency, partner: response.partner), default: Group()]
                .surveys.append(response)
        }
        for key in groups.keys {
            groups[key]?.surveys.sort { ($0.submittedAt, $0.id) < ($1.submittedAt, $1.id) }
        }
    }

    /// Pairs with at least one accepted row before `asOf`.
    func keysWithData(before asOf: Instant) -> [RelationshipKey] {
        groups.compactMap { key, group in
            (group.surveys.first.map { $0.submittedAt < asOf } ?? false)
                || (group.rows.first.map { table.times[$0] < asOf.nanoseconds } ?? false) ? key : nil
        }
    }

    /// The evidence for `key`, holding nothing at or after `asOf`; nil when a party is unknown.
    func evidence(for key: RelationshipKey, before asOf: Instant) -> RelationshipEvidence? {
        guard let agency = parties[key.agency], let partner = parties[key.partner] else { return nil }
        let group = groups[key] ?? Group(
            agency: table.parties.code(of: key.agency) ?? -1, partner: table.parties.code(of: key.partner) ?? -1)
        let interactions = InteractionList(table: table, rows: group.rows, agency: group.agency, partner: group.partner)
        return RelationshipEvidence(
            agency: agency, partner: partner, surveys: Array(group.surveys.prefix { $0.submittedAt < asOf }),
            interactions: interactions.prefix(before: asOf))
    }
}
