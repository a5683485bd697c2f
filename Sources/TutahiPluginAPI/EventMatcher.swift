import TutahiColumns

/// An ``EventSelector`` prepared for one ``InteractionTable``: matching a row compares integers.
///
/// Make one with ``EventSelector/matcher(for:)`` and ask it about positions of that list (or of any
/// list over the same table).
public struct EventMatcher: Sendable {
    private struct Filter: Sendable {
        var column: Int
        /// For an interned column: per 1-based code (0: absent), whether it is accepted.
        var accepted: [Bool]
        /// For a column kept as text: its values, and the accepted ones as bytes.
        var texts: ByteStrings?
        var acceptedTexts: [[UInt8]] = []

        /// Keeps the positions of `positions` (rows from `first`) whose row this filter accepts.
        func keep(_ positions: inout [Int], of table: InteractionTable, first: Int) {
            guard texts == nil else {
                positions.removeAll { !accepts(table, row: first + $0) }
                return
            }
            table.attributeCodes[column].withCodes { codes in
                accepted.withUnsafeBufferPointer { accepted in
                    positions.removeAll { !accepted[Int(codes[first + $0])] }
                }
            }
        }

        func accepts(_ table: InteractionTable, row: Int) -> Bool {
            guard let texts else { return accepted[Int(table.attributeCodes[column][row])] }
            let index = Int(table.idIndex[row])
            return texts.withView { view in
                acceptedTexts.contains { accepted in accepted.withUnsafeBufferPointer { view.equals(index, $0) } }
            }
        }
    }

    /// Per kind code, 1 when the kind is accepted, else 0.
    private let kinds: [UInt8]
    /// The direction a row must have (``InteractionTable/fromAgency`` or `fromPartner`); nil for either.
    private let direction: UInt8?
    private let filters: [Filter]
    private let matchesNothing: Bool

    init(_ selector: EventSelector, table: InteractionTable) {
        var kinds = [UInt8](repeating: 0, count: table.kindNames.count)
        for kind in selector.kinds {
            if let code = table.kindNames.code(of: kind) { kinds[Int(code)] = 1 }
        }
        self.kinds = kinds
        switch selector.by {
        case .agency: direction = InteractionTable.fromAgency
        case .partner: direction = InteractionTable.fromPartner
        case .any: direction = nil
        }
        var filters: [Filter] = []
        var impossible = !kinds.contains(1)
        for (name, values) in selector.filter.accepted {
            guard let column = table.attributeNames.code(of: name).map(Int.init) else {
                impossible = true
                continue
            }
            if let texts = table.attributeTexts[column] {
                let accepted = values.filter { !$0.isEmpty }.map { Array($0.utf8) }
                if accepted.isEmpty { impossible = true }
                filters.append(Filter(column: column, accepted: [], texts: texts, acceptedTexts: accepted))
                continue
            }
            let interned = table.attributeValues[column]
            var accepted = [Bool](repeating: false, count: interned.count + 1)
            for value in values {
                if let code = interned.code(of: value) { accepted[Int(code) + 1] = true }
            }
            if !accepted.contains(true) { impossible = true }
            filters.append(Filter(column: column, accepted: accepted))
        }
        self.filters = filters
        matchesNothing = impossible
    }

    /// True when the interaction at `position` of `list` is of an accepted kind, from the right side
    /// and passes the attribute filter.
    public func matches(_ list: InteractionList, at position: Int) -> Bool {
        if matchesNothing { return false }
        let row = list.row(at: position)
        let table = list.table
        guard kinds[Int(table.kinds[row])] == 1 else { return false }
        if let direction, table.directions[row] != direction { return false }
        return filters.allSatisfy { $0.accepts(table, row: row) }
    }

    /// The positions of `list` that match, in order; only those in `positions` when given.
    ///
    /// This reads the table's columns directly: for many rows, it costs a fraction of asking
    /// ``matches(_:at:)`` about each.
    public func positions(in list: InteractionList, among positions: Range<Int>? = nil) -> [Int] {
        let positions = positions ?? list.indices
        guard !matchesNothing, !positions.isEmpty else { return [] }
        let first = list.row(at: 0)
        var found = scan(list.table, rows: (first + positions.lowerBound)..<(first + positions.upperBound)) {
            rows, kinds, codes, directions, wanted, mask in
            func collect<Code: FixedWidthInteger>(_ codes: UnsafeBufferPointer<Code>) -> [Int] {
                [Int](unsafeUninitializedCapacity: rows.count) { buffer, initialized in
                    // Every row is written where the next match would go, and kept by moving on
                    // when it matches: no branch to mispredict on rows in no particular order.
                    var count = 0
                    for row in rows {
                        buffer[count] = row - first
                        count += Int(kinds[Int(codes[row])]) & (directions[row] & mask == wanted ? 1 : 0)
                    }
                    initialized = count
                }
            }
            return codes.isWide ? collect(codes.words) : collect(codes.bytes)
        }
        for filter in filters { filter.keep(&found, of: list.table, first: first) }
        return found
    }

    /// The number of positions of `list` that match; only those in `positions` when given.
    public func count(in list: InteractionList, among positions: Range<Int>? = nil) -> Int {
        let positions = positions ?? list.indices
        guard filters.isEmpty else { return self.positions(in: list, among: positions).count }
        guard !matchesNothing, !positions.isEmpty else { return 0 }
        let first = list.row(at: 0)
        return scan(list.table, rows: (first + positions.lowerBound)..<(first + positions.upperBound)) {
            rows, kinds, codes, directions, wanted, mask in
            func count<Code: FixedWidthInteger>(_ codes: UnsafeBufferPointer<Code>) -> Int {
                var count = 0
                for row in rows { count += Int(kinds[Int(codes[row])]) & (directions[row] & mask == wanted ? 1 : 0) }
                return count
            }
            return codes.isWide ? count(codes.words) : count(codes.bytes)
        }
    }

    /// Calls `body` once with `rows`, the accepted kinds, the kind codes, the directions, and the
    /// direction wanted under a mask (a row matches when `kinds[codes[row]] == 1` and
    /// `directions[row] & mask == wanted`), as raw memory.
    private func scan<Result>(
        _ table: InteractionTable, rows: Range<Int>,
        _ body: (Range<Int>, UnsafeBufferPointer<UInt8>, CodeBuffer, UnsafeBufferPointer<UInt8>, UInt8, UInt8) -> Result
    ) -> Result {
        // Either direction passes when `direction` is nil: a row's direction is 0 or 1.
        let (wanted, mask): (UInt8, UInt8) = direction.map { ($0, 0xFF) } ?? (0, 0)
        return table.kinds.withCodes { codes in
            kinds.withUnsafeBufferPointer { kinds in
                table.directions.withUnsafeBufferPointer { directions in body(rows, kinds, codes, directions, wanted, mask) }
            }
        }
    }
}
