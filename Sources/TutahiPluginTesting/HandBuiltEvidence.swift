import TutahiColumns
import TutahiCore
import TutahiPluginAPI

// Evidence built from values written out in a test, as the loader would have built it from files.

extension InteractionList {
    /// A list of `interactions` between the agency `agency` and the partner `partner`, sorted by
    /// time then id. Interactions with a repeated id, or not between the two, are left out.
    public init(_ interactions: [Interaction], agency: String, partner: String) {
        let parties = Array(Set(interactions.flatMap { [$0.from, $0.to] } + [agency, partner])).sorted()
        var builder = InteractionTableBuilder(partyIDs: parties, isAgency: parties.map { $0 == agency })
        for (index, interaction) in interactions.enumerated() {
            _ = builder.append(interaction, origin: RowOrigin(file: 0, line: index + 1))
        }
        let table = builder.build().table
        let agencyCode = table.parties.code(of: agency) ?? -1, partnerCode = table.parties.code(of: partner) ?? -1
        let rows = table.relationships.first { $0.agency == agencyCode && $0.partner == partnerCode }?.rows ?? 0..<0
        self.init(table: table, rows: rows, agency: agencyCode, partner: partnerCode)
    }
}

extension RelationshipEvidence {
    /// Creates the evidence for one relationship from interaction values (sorted here by time, then id).
    public init(agency: Party, partner: Party, surveys: [SurveyResponse] = [], interactions: [Interaction] = []) {
        self.init(
            agency: agency, partner: partner, surveys: surveys,
            interactions: InteractionList(interactions, agency: agency.id, partner: partner.id))
    }
}
