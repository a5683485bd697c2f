import TutahiColumns

/// Numbers the relationships (agency, partner pairs) of the rows in the order each is first seen.
///
/// While the parties allow a direct table of every pair (nearly always), rows are numbered by
/// cell in parallel and the cells then ordered by their first row; otherwise one pass through a
/// dictionary numbers them.
struct RelationshipNumbering {
    private let isAgency: [Bool]
    /// Each party's position among the agencies or among the partners.
    private let ordinal: [Int32]
    private let agencies: Int
    private let partners: Int
    /// Per direct-table cell, its agency and partner.
    private var agencyOfOrdinal: [Int32] = []
    private var partnerOfOrdinal: [Int32] = []

    /// A direct table holds at most this many cells (four bytes a cell, per thread).
    private let maximumCells: Int

    /// Numbers relationships between parties that `isAgency` says are agencies or not (tests lower
    /// `maximumCells` to reach the dictionary).
    init(isAgency: [Bool], maximumCells: Int = 1 << 22) {
        self.isAgency = isAgency
        self.maximumCells = maximumCells
        var agencies = 0, partners = 0
        var ordinal: [Int32] = []
        for (party, agency) in isAgency.enumerated() {
            if agency {
                ordinal.append(Int32(agencies))
                agencyOfOrdinal.append(Int32(party))
                agencies += 1
            } else {
                ordinal.append(Int32(partners))
                partnerOfOrdinal.append(Int32(party))
                partners += 1
            }
        }
        self.ordinal = ordinal
        self.agencies = agencies
        self.partners = partners
    }

    /// Per row, its relationship's number (-1 for a row `skipping` leaves out or one between two
    /// agencies or two partners); each relationship's agency and partner by number; and the rows
    /// between two agencies or two partners, ascending. `skipping` is empty or has a flag per row.
    /// The numbers are written over `spare`, a column finished with, when it has a row each.
    func number(
        senders: [Int32], receivers: [Int32], skipping repeated: [Bool] = [], workers: Int,
        over spare: consuming [Int32] = []
    ) -> (groups: [Int32], pairs: [(agency: Int32, partner: Int32)], others: [Int32]) {
        guard agencies * partners <= maximumCells else {
            return numberThroughDictionary(senders: senders, receivers: receivers, skipping: repeated)
        }
        let rows = senders.count, cells = agencies * partners
        let stretches = Parallel.stretches(of: rows, workers: workers)
        // Per stretch, the first row of each cell in it, and its rows between two agencies or two partners.
        var firsts = [Int32](repeating: .max, count: stretches * cells)
        var others = [[Int32]](repeating: [], count: stretches)
        // Every row's group is written once, by the thread that numbers it (-1 for a row left out),
        // rather than the whole column filled on one thread first.
        func numberCells(_ groups: UnsafeMutableBufferPointer<Int32>) {
            firsts.withUnsafeMutableBufferPointer { firsts in
                others.withUnsafeMutableBufferPointer { others in
                    isAgency.withUnsafeBufferPointer { isAgency in
                        ordinal.withUnsafeBufferPointer { ordinal in
                            senders.withUnsafeBufferPointer { senders in
                                receivers.withUnsafeBufferPointer { receivers in
                                    repeated.withUnsafeBufferPointer { repeated in
                                        let outputs = UncheckedBox((groups, firsts, others))
                                        let inputs = UncheckedBox((isAgency, ordinal, senders, receivers, repeated))
                                        Parallel.forEachStretch(of: rows, workers: workers) { stretch, part in
                                            let (groups, firsts, others) = outputs.value
                                            let (isAgency, ordinal, senders, receivers, repeated) = inputs.value
                                            let base = part * cells
                                            for row in stretch {
                                                if !repeated.isEmpty, repeated[row] {
                                                    groups[row] = -1
                                                    continue
                                                }
                                                let from = Int(senders[row]), to = Int(receivers[row])
                                                let fromAgency = isAgency[from]
                                                guard fromAgency != isAgency[to] else {
                                                    others[part].append(Int32(row))
                                                    groups[row] = -1
                                                    continue
                                                }
                                                let (agency, partner) = fromAgency ? (from, to) : (to, from)
                                                let cell = Int(ordinal[partner]) * agencies + Int(ordinal[agency])
                                                groups[row] = Int32(cell)
                                                if firsts[base + cell] == .max { firsts[base + cell] = Int32(row) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        var groups = consume spare
        if groups.count >= rows {
            groups.removeLast(groups.count - rows)
            groups.withUnsafeMutableBufferPointer { numberCells($0) }
        } else {
            groups = [Int32](unsafeUninitializedCapacity: rows) { groups, initialized in
                numberCells(groups)
                initialized = rows
            }
        }
        // Cells with rows, by first row: their position is the relationship's number.
        var seen: [(first: Int32, cell: Int32)] = []
        for cell in 0..<cells {
            var first = Int32.max
            for part in 0..<stretches { first = min(first, firsts[part * cells + cell]) }
            if first != .max { seen.append((first, Int32(cell))) }
        }
        firsts = []
        seen.sort { $0.first < $1.first }
        var numberOfCell = [Int32](repeating: -1, count: cells)
        for (number, entry) in seen.enumerated() { numberOfCell[Int(entry.cell)] = Int32(number) }
        groups.withUnsafeMutableBufferPointer { groups in
            numberOfCell.withUnsafeBufferPointer { numberOfCell in
                let shared = UncheckedBox((groups, numberOfCell))
                Parallel.forEachStretch(of: rows, workers: workers) { stretch, _ in
                    let (groups, numberOfCell) = shared.value
                    for row in stretch where groups[row] >= 0 { groups[row] = numberOfCell[Int(groups[row])] }
                }
            }
        }
        let pairs = seen.map { entry in
            let cell = Int(entry.cell)
            return (agency: agencyOfOrdinal[cell % agencies], partner: partnerOfOrdinal[cell / agencies])
        }
        return (groups, pairs, others.flatMap { $0 })
    }

    /// ``number(senders:receivers:skipping:workers:)`` through a dictionary of pairs, on one thread.
    private func numberThroughDictionary(senders: [Int32], receivers: [Int32], skipping repeated: [Bool])
        -> (groups: [Int32], pairs: [(agency: Int32, partner: Int32)], others: [Int32])
    {
        var groups = [Int32](repeating: -1, count: senders.count)
        var pairs: [(agency: Int32, partner: Int32)] = []
        var numbers: [UInt64: Int32] = [:]
        var others: [Int32] = []
        for row in senders.indices where repeated.isEmpty || !repeated[row] {
            let from = senders[row], to = receivers[row]
            let fromAgency = isAgency[Int(from)]
            guard fromAgency != isAgency[Int(to)] else {
                others.append(Int32(row))
                continue
            }
            let (agency, partner) = fromAgency ? (from, to) : (to, from)
            let key = UInt64(UInt32(agency)) << 32 | UInt64(UInt32(partner))
            if let number = numbers[key] {
                groups[row] = number
            } else {
                groups[row] = Int32(pairs.count)
                numbers[key] = Int32(pairs.count)
                pairs.append((agency, partner))
            }
        }
        return (groups, pairs, others)
    }
}
