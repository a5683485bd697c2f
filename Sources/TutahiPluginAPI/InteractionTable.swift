import TutahiColumns

/// Interactions stored by column: one array per field, strings interned, `ref` resolved to a row.
///
/// Rows are grouped by relationship (agency–partner pair, in order of first appearance), each
/// group oldest first with ties by id, so a relationship's interactions are one contiguous range
/// that reads from memory in order; rows between two agencies or two partners come last, in load
/// order.
///
/// The loader builds one table for all interaction files; every relationship's evidence is an
/// ``InteractionList`` of rows in it, so evaluating national data copies no rows and makes no
/// strings. Reading an element makes an ``Interaction`` value; plugins that count or match many
/// rows use the list's accessors and ``EventMatcher`` instead.
public final class InteractionTable: RandomAccessCollection, Sendable {
    /// `dues` for a row without a deadline.
    package static let noDue = Int64.min
    /// `references` for a row without `ref`.
    package static let noReference: Int32 = -1
    /// `references` for a row whose `ref` names no loaded interaction.
    package static let unresolvedReference: Int32 = -2
    /// `directions` for a row from the relationship's agency to its partner.
    @usableFromInline package static let fromAgency: UInt8 = 0
    /// `directions` for a row from the relationship's partner to its agency.
    package static let fromPartner: UInt8 = 1

    // The columns, one entry per row: kind codes into `kindNames`, sender and receiver party codes
    // into `partyIDs`, times and deadlines in nanoseconds (`noDue` for none), the row each `ref`
    // names (or `noReference` / `unresolvedReference`), and per attribute column a 1-based code into
    // `attributeValues` (0: absent).

    /// Ids in load order; `idIndex[row]` is the position of a row's id.
    package let ids: ByteStrings
    package let idIndex: [Int32]
    package let kinds: CodeColumn
    package let kindNames: ByteInterner
    /// Per row of a relationship, which way it went: ``fromAgency`` or ``fromPartner``.
    @usableFromInline package let directions: [UInt8]
    /// The first row between two agencies or two partners (they come after every relationship's rows),
    /// and the sender and receiver of each such row.
    package let othersStart: Int
    package let otherSenders: [Int32]
    package let otherReceivers: [Int32]
    package let partyIDs: [String]
    package let parties: ByteInterner
    @usableFromInline package let times: [Int64]
    /// Deadlines; empty when no row has one.
    package let dues: [Int64]
    /// Per row, whether its `due` was written as a bare date; empty when no row has a deadline.
    package let duesAreDates: [Bool]
    @usableFromInline package let references: [Int32]
    package let unresolvedReferences: [Int32: String]
    package let attributeNames: ByteInterner
    package let attributeValues: [ByteInterner]
    package let attributeCodes: [CodeColumn]
    /// Per attribute column kept as text (too many distinct values to intern), its values by row
    /// in load order (read through `idIndex`); nil for an interned column.
    package let attributeTexts: [ByteStrings?]
    /// The rows of each relationship.
    package let relationships: [RelationshipRows]

    /// Wraps columns built by the loader.
    package init(
        ids: ByteStrings, idIndex: [Int32], kinds: CodeColumn, kindNames: ByteInterner, directions: [UInt8], othersStart: Int,
        otherSenders: [Int32], otherReceivers: [Int32], partyIDs: [String], parties: ByteInterner, times: [Int64], dues: [Int64], duesAreDates: [Bool], references: [Int32],
        unresolvedReferences: [Int32: String], attributeNames: ByteInterner, attributeValues: [ByteInterner],
        attributeCodes: [CodeColumn], attributeTexts: [ByteStrings?], relationships: [RelationshipRows]
    ) {
        self.relationships = relationships
        self.ids = ids
        self.idIndex = idIndex
        self.kinds = kinds
        self.kindNames = kindNames
        self.directions = directions
        self.othersStart = othersStart
        self.otherSenders = otherSenders
        self.otherReceivers = otherReceivers
        self.partyIDs = partyIDs
        self.parties = parties
        self.times = times
        self.dues = dues
        self.duesAreDates = duesAreDates
        self.references = references
        self.unresolvedReferences = unresolvedReferences
        self.attributeNames = attributeNames
        self.attributeValues = attributeValues
        self.attributeCodes = attributeCodes
        self.attributeTexts = attributeTexts
    }

    /// The first row, 0.
    public var startIndex: Int { 0 }
    /// The number of rows.
    public var endIndex: Int { times.count }

    /// Row `row` as a value.
    public subscript(row: Int) -> Interaction {
        var attributes: [String: String] = [:]
        for column in attributeCodes.indices {
            if let texts = attributeTexts[column] {
                let text = texts.string(Int(idIndex[row]))
                if !text.isEmpty { attributes[attributeNames.string(Int32(column))] = text }
                continue
            }
            let code = attributeCodes[column][row]
            if code > 0 {
                attributes[attributeNames.string(Int32(column))] = attributeValues[column].string(Int32(code - 1))
            }
        }
        return Interaction(
            id: ids.string(Int(idIndex[row])), kind: kindNames.string(Int32(kinds[row])),
            from: partyIDs[Int(sender(of: row))], to: partyIDs[Int(receiver(of: row))],
            at: Instant(nanoseconds: times[row]), ref: reference(of: row), due: due(of: row),
            dueIsDate: dueIsDate(of: row), attributes: attributes)
    }

    /// The party code of the sender of row `row`.
    package func sender(of row: Int) -> Int32 {
        if row >= othersStart { return otherSenders[row - othersStart] }
        let pair = relationship(of: row)
        return directions[row] == Self.fromAgency ? pair.agency : pair.partner
    }

    /// The party code of the receiver of row `row`.
    package func receiver(of row: Int) -> Int32 {
        if row >= othersStart { return otherReceivers[row - othersStart] }
        let pair = relationship(of: row)
        return directions[row] == Self.fromAgency ? pair.partner : pair.agency
    }

    /// The relationship whose rows include `row` (a row before ``othersStart``), found by bisection.
    private func relationship(of row: Int) -> RelationshipRows {
        var low = 0, high = relationships.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if relationships[middle].rows.lowerBound <= row { low = middle } else { high = middle }
        }
        return relationships[low]
    }

    /// The `ref` of row `row` as written.
    func reference(of row: Int) -> String? {
        let target = references[row]
        if target >= 0 { return ids.string(Int(idIndex[Int(target)])) }
        return target == Self.noReference ? nil : unresolvedReferences[Int32(row)]
    }

    /// The deadline of row `row`, if it has one.
    func due(of row: Int) -> Instant? {
        dues.isEmpty || dues[row] == Self.noDue ? nil : Instant(nanoseconds: dues[row])
    }

    /// Whether the deadline of row `row` was written as a bare date.
    func dueIsDate(of row: Int) -> Bool {
        !duesAreDates.isEmpty && duesAreDates[row]
    }
}

/// The rows of one agency–partner relationship in an ``InteractionTable``.
package struct RelationshipRows: Sendable {
    /// The agency's party code.
    package var agency: Int32
    /// The partner's party code.
    package var partner: Int32
    /// The rows, oldest first.
    package var rows: Range<Int>

    /// Creates the rows `rows` of the relationship between `agency` and `partner`.
    package init(agency: Int32, partner: Int32, rows: Range<Int>) {
        self.agency = agency
        self.partner = partner
        self.rows = rows
    }
}
