import TutahiPluginAPI

/// Accepted data grouped once per relationship and sorted by time, so each evaluation takes a prefix.
///
/// Interactions are grouped by party codes into one array of rows (a counting sort: linear in the
/// number of rows), then each relationship's rows are sorted by time and id, relationships in parallel.
struct EvidenceIndex: Sendable {
    private struct Group: Sendable {
        var agency: Int32 = -1
        var partner: Int32 = -1
        var rows: ArraySlice<Int32> = []
        var surveys: [SurveyResponse] = []
    }

    let parties: [String: Party]
    private let table: InteractionTable
    private var groups: [RelationshipKey: Group] = [:]

    init(_ dataset: Dataset, workers: Int) {
        parties = dataset.parties
        table = dataset.interactions
        groups = Self.interactionGroups(table, parties: parties, workers: workers)
        for response in dataset.responses {
            groups[RelationshipKey(agency: response.about, partner: response.respondent), default: Group()]
                .surveys.append(response)
        }
        for key in groups.keys {
            groups[key]?.surveys.sort { ($0.submittedAt, $0.id) < ($1.submittedAt, $1.id) }
        }
    }

    private static func interactionGroups(_ table: InteractionTable, parties: [String: Party], workers: Int)
        -> [RelationshipKey: Group]
    {
        let isAgency = table.partyIDs.map { parties[$0]?.isAgency ?? false }
        var slots = RelationshipSlots(isAgency: isAgency)
        var groupOfRow = [Int32](repeating: -1, count: table.count)
        var sizes: [Int] = []
        for row in 0..<table.count {
            let from = table.senders[row], to = table.receivers[row]
            guard isAgency[Int(from)] != isAgency[Int(to)] else { continue }
            let group = isAgency[Int(from)] ? slots.group(agency: from, partner: to) : slots.group(agency: to, partner: from)
            if Int(group) == sizes.count { sizes.append(0) }
            sizes[Int(group)] += 1
            groupOfRow[row] = group
        }
        var starts = [Int](repeating: 0, count: sizes.count + 1)
        for group in sizes.indices { starts[group + 1] = starts[group] + sizes[group] }
        var next = starts
        var rows = [Int32](repeating: 0, count: starts[sizes.count])
        for row in 0..<table.count where groupOfRow[row] >= 0 {
            let group = Int(groupOfRow[row])
            rows[next[group]] = Int32(row)
            next[group] += 1
        }
        groupOfRow = []
        let ids = table.ids
        table.times.withUnsafeBufferPointer { times in
            rows.withUnsafeMutableBufferPointer { buffer in
                Parallel.forEach(sizes.count, workers: workers) { group in
                    var part = UnsafeMutableBufferPointer(rebasing: buffer[starts[group]..<starts[group + 1]])
                    part.sort { lhs, rhs in
                        let left = times[Int(lhs)], right = times[Int(rhs)]
                        return left != right ? left < right : ids.precedes(Int(lhs), Int(rhs))
                    }
                }
            }
        }
        var groups: [RelationshipKey: Group] = [:]
        for (group, pair) in slots.pairs.enumerated() {
            let key = RelationshipKey(agency: table.partyIDs[Int(pair.agency)], partner: table.partyIDs[Int(pair.partner)])
            groups[key] = Group(
                agency: pair.agency, partner: pair.partner, rows: rows[starts[group]..<starts[group + 1]])
        }
        return groups
    }

    /// Pairs with at least one accepted row before `asOf`.
    func keysWithData(before asOf: Instant) -> [RelationshipKey] {
        groups.compactMap { key, group in
            (group.surveys.first.map { $0.submittedAt < asOf } ?? false)
                || (group.rows.first.map { table.times[Int($0)] < asOf.nanoseconds } ?? false) ? key : nil
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

/// Numbers (agency, partner) pairs densely in the order first seen: a direct table when the
/// parties allow one, a dictionary otherwise.
private struct RelationshipSlots {
    private(set) var pairs: [(agency: Int32, partner: Int32)] = []
    private var ordinal: [Int32]
    private let agencies: Int
    private var dense: [Int32]
    private var sparse: [UInt64: Int32] = [:]

    init(isAgency: [Bool]) {
        var agencies = 0, partners = 0
        ordinal = isAgency.map { agency in
            defer { if agency { agencies += 1 } else { partners += 1 } }
            return Int32(agency ? agencies : partners)
        }
        self.agencies = agencies
        dense = agencies * partners <= 1 << 24 ? [Int32](repeating: -1, count: agencies * partners) : []
    }

    mutating func group(agency: Int32, partner: Int32) -> Int32 {
        if !dense.isEmpty {
            let cell = Int(ordinal[Int(partner)]) * agencies + Int(ordinal[Int(agency)])
            if dense[cell] < 0 {
                dense[cell] = Int32(pairs.count)
                pairs.append((agency, partner))
            }
            return dense[cell]
        }
        let key = UInt64(UInt32(agency)) << 32 | UInt64(UInt32(partner))
        if let group = sparse[key] { return group }
        let group = Int32(pairs.count)
        sparse[key] = group
        pairs.append((agency, partner))
        return group
    }
}
