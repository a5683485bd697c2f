/// One relationship's interactions, oldest first (ties by id): a view of rows in an ``InteractionTable``.
///
/// Reading an element makes an ``Interaction`` value. To count or match many rows without making
/// values, use the accessors taking a position (`time(at:)`, `positions(in:)`, …) and ``EventMatcher``.
public struct InteractionList: RandomAccessCollection, Sendable {
    /// The table the rows are in.
    @usableFromInline package let table: InteractionTable
    @usableFromInline let rows: Range<Int>
    /// The agency's and partner's party codes in the table (-1 when not in it).
    package let agency: Int32
    package let partner: Int32

    /// A view of `rows` (sorted by time, then id): the rows, or some of them, of the table's
    /// relationship between `agency` and `partner`.
    package init(table: InteractionTable, rows: Range<Int>, agency: Int32, partner: Int32) {
        self.table = table
        self.rows = rows
        self.agency = agency
        self.partner = partner
    }

    /// The first position, 0.
    public var startIndex: Int { 0 }
    /// The number of interactions.
    public var endIndex: Int { rows.count }

    /// The interaction at `position`, as a value.
    public subscript(position: Int) -> Interaction { table[row(at: position)] }

    /// The table row at `position`.
    @inlinable package func row(at position: Int) -> Int { rows.lowerBound + position }

    /// The id of the interaction at `position`.
    public func id(at position: Int) -> String { table.ids.string(Int(table.idIndex[row(at: position)])) }

    /// The kind of the interaction at `position`.
    public func kind(at position: Int) -> String { table.kindNames.string(Int32(table.kinds[row(at: position)])) }

    /// When the interaction at `position` happened.
    @inlinable public func time(at position: Int) -> Instant { Instant(nanoseconds: table.times[row(at: position)]) }

    /// The deadline of the interaction at `position`, if it has one.
    public func due(at position: Int) -> Instant? { table.due(of: row(at: position)) }

    /// True when the `due` of the interaction at `position` was written as a bare date (its
    /// ``due(at:)`` is then the end of that date).
    public func dueIsDate(at position: Int) -> Bool { table.dueIsDate(of: row(at: position)) }

    /// The identity of the interaction at `position`, for matching `ref`s.
    @inlinable public func key(at position: Int) -> InteractionKey { InteractionKey(row: Int32(row(at: position))) }

    /// The position in this list of the interaction with `key`; nil when it is not in the list
    /// (another relationship's, or outside a prefix).
    @inlinable public func position(of key: InteractionKey) -> Int? {
        rows.contains(Int(key.row)) ? Int(key.row) - rows.lowerBound : nil
    }

    /// The identity of the interaction the one at `position` answers or closes (`ref`), when it was loaded.
    @inlinable public func referencedKey(at position: Int) -> InteractionKey? {
        let target = table.references[row(at: position)]
        return target >= 0 ? InteractionKey(row: target) : nil
    }

    /// True when the interaction at `position` went from the agency to the partner.
    @inlinable public func comesFromAgency(at position: Int) -> Bool {
        table.directions[row(at: position)] == InteractionTable.fromAgency
    }

    /// The positions of the interactions inside `window`, found by bisection.
    public func positions(in window: Window) -> Range<Int> {
        firstPosition(notBefore: window.start)..<firstPosition(notBefore: window.end)
    }

    /// The interactions before `instant`.
    package func prefix(before instant: Instant) -> InteractionList {
        InteractionList(
            table: table, rows: rows.prefix(firstPosition(notBefore: instant)), agency: agency, partner: partner)
    }

    private func firstPosition(notBefore instant: Instant) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if table.times[row(at: middle)] < instant.nanoseconds { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// The identity of one loaded interaction, for matching a `ref` to what it names.
public struct InteractionKey: Hashable, Sendable {
    @usableFromInline let row: Int32

    @usableFromInline init(row: Int32) { self.row = row }
}
