import TutahiColumns

/// An ``EventSelector`` prepared for one ``InteractionTable``: matching a row compares integers.
///
/// Make one with ``EventSelector/matcher(for:)`` and ask it about positions of that list (or of any
/// list over the same table).
public struct EventMatcher: Sendable {
    private struct Filter: Sendable {
        var column: Int
        var accepted: [UInt32]
        /// For a column kept as text: its values, and the accepted ones as bytes.
        var texts: ByteStrings?
        var acceptedTexts: [[UInt8]] = []

        func accepts(_ table: InteractionTable, row: Int) -> Bool {
            guard let texts else { return accepted.contains(table.attributeCodes[column][row]) }
            let index = Int(table.idIndex[row])
            return texts.withView { view in
                acceptedTexts.contains { accepted in accepted.withUnsafeBufferPointer { view.equals(index, $0) } }
            }
        }
    }

    private let kinds: [UInt32]
    private let side: Side
    private let filters: [Filter]
    private let matchesNothing: Bool

    init(_ selector: EventSelector, table: InteractionTable) {
        kinds = selector.kinds.compactMap { table.kindNames.code(of: $0).map(UInt32.init) }
        side = selector.by
        var filters: [Filter] = []
        var impossible = kinds.isEmpty
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
            let accepted = values.compactMap { table.attributeValues[column].code(of: $0).map { UInt32($0 + 1) } }
            if accepted.isEmpty { impossible = true }
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
        guard kinds.contains(table.kinds[row]), side.matches(list, at: position) else { return false }
        for filter in filters where !filter.accepts(table, row: row) {
            return false
        }
        return true
    }
}
