import TutahiPluginAPI
import TutahiColumns

/// Accepted data by relationship, sorted by time, so each evaluation takes a prefix.
///
/// The interaction table already holds each relationship's rows as one time-sorted range (it is
/// built that way, once); surveys are grouped here, on several threads.
struct EvidenceIndex: Sendable {
    private struct Group: Sendable {
        var agency: Int32 = -1
        var partner: Int32 = -1
        var rows: Range<Int> = 0..<0
        var surveys: [SurveyResponse] = []
    }

    let parties: [String: Party]
    private let table: InteractionTable
    /// Each relationship's group in `groups`.
    private var numbers: [RelationshipKey: Int] = [:]
    private var groups: [Group] = []

    init(_ dataset: Dataset, workers: Int) {
        parties = dataset.parties
        table = dataset.interactions
        numbers.reserveCapacity(table.relationships.count)
        groups.reserveCapacity(table.relationships.count)
        for relationship in table.relationships {
            let key = RelationshipKey(
                agency: table.partyIDs[Int(relationship.agency)], partner: table.partyIDs[Int(relationship.partner)])
            numbers[key] = groups.count
            groups.append(Group(agency: relationship.agency, partner: relationship.partner, rows: relationship.rows))
        }
        // Each response's group: looked up on several threads, then the relationships that have
        // surveys but no interactions added on one.
        let responses = dataset.responses
        var groupOfResponse = [Int32](repeating: -1, count: responses.count)
        let known = numbers
        groupOfResponse.withUnsafeMutableBufferPointer { groupOf in
            let shared = UncheckedBox(groupOf)
            Parallel.forEachStretch(of: responses.count, workers: workers, minimum: 16_384) { stretch, _ in
                for index in stretch {
                    let key = RelationshipKey(agency: responses[index].agency, partner: responses[index].partner)
                    shared.value[index] = known[key].map { Int32($0) } ?? -1
                }
            }
        }
        for index in responses.indices where groupOfResponse[index] < 0 {
            let key = RelationshipKey(agency: responses[index].agency, partner: responses[index].partner)
            if let number = numbers[key] {
                groupOfResponse[index] = Int32(number)
            } else {
                groupOfResponse[index] = Int32(groups.count)
                numbers[key] = groups.count
                groups.append(Group())
            }
        }
        let byGroup = groupOfResponse.withUnsafeBufferPointer { groupOf in
            BucketSort(
                count: responses.count, buckets: groups.count, workers: workers, bucket: { Int(groupOf[$0]) },
                entry: { Int32($0) })
        }
        groups.withUnsafeMutableBufferPointer { groups in
            let shared = UncheckedBox(groups)
            Parallel.forEach(shared.value.count, workers: workers) { group in
                var surveys = byGroup.entries[byGroup.range(of: group)].map { responses[Int($0)] }
                surveys.sort { ($0.submittedAt, $0.id) < ($1.submittedAt, $1.id) }
                shared.value[group].surveys = surveys
            }
        }
    }

    /// Pairs with at least one accepted row before `asOf`.
    func keysWithData(before asOf: Instant) -> [RelationshipKey] {
        numbers.compactMap { key, number in
            let group = groups[number]
            return (group.surveys.first.map { $0.submittedAt < asOf } ?? false)
                || (group.rows.first.map { table.times[$0] < asOf.nanoseconds } ?? false) ? key : nil
        }
    }

    /// The evidence for `key`, holding nothing at or after `asOf`; nil when a party is unknown.
    func evidence(for key: RelationshipKey, before asOf: Instant) -> RelationshipEvidence? {
        guard let agency = parties[key.agency], let partner = parties[key.partner] else { return nil }
        let group = numbers[key].map { groups[$0] } ?? Group(
            agency: table.parties.code(of: key.agency) ?? -1, partner: table.parties.code(of: key.partner) ?? -1)
        let interactions = InteractionList(table: table, rows: group.rows, agency: group.agency, partner: group.partner)
        return RelationshipEvidence(
            agency: agency, partner: partner, surveys: Array(group.surveys.prefix { $0.submittedAt < asOf }),
            interactions: interactions.prefix(before: asOf))
    }
}
