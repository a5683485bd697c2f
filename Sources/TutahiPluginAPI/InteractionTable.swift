/// Interactions stored by column: one array per field, strings interned, `ref` resolved to a row.
///
/// The loader builds one table for all interaction files; every relationship's evidence is an
/// ``InteractionList`` of rows in it, so evaluating national data copies no rows and makes no
/// strings. Reading an element makes an ``Interaction`` value; plugins that count or match many
/// rows use the list's accessors and ``EventMatcher`` instead.
public final class InteractionTable: RandomAccessCollection, Sendable {
    /// `dues` for a row without a deadline.
    static let noDue = Int64.min
    /// `references` for a row without `ref`.
    static let noReference: Int32 = -1
    /// `references` for a row whose `ref` names no loaded interaction.
    static let unresolvedReference: Int32 = -2

    package let ids: ByteStrings
    package let kinds: [UInt32]
    package let kindNames: ByteInterner
    package let senders: [Int32]
    package let receivers: [Int32]
    package let partyIDs: [String]
    package let parties: ByteInterner
    package let times: [Int64]
    package let dues: [Int64]
    package let references: [Int32]
    package let unresolvedReferences: [Int32: String]
    package let attributeNames: ByteInterner
    package let attributeValues: [ByteInterner]
    package let attributeCodes: [[UInt32]]

    init(
        ids: ByteStrings, kinds: [UInt32], kindNames: ByteInterner, senders: [Int32], receivers: [Int32],
        partyIDs: [String], parties: ByteInterner, times: [Int64], dues: [Int64], references: [Int32],
        unresolvedReferences: [Int32: String], attributeNames: ByteInterner, attributeValues: [ByteInterner],
        attributeCodes: [[UInt32]]
    ) {
        self.ids = ids
        self.kinds = kinds
        self.kindNames = kindNames
        self.senders = senders
        self.receivers = receivers
        self.partyIDs = partyIDs
        self.parties = parties
        self.times = times
        self.dues = dues
        self.references = references
        self.unresolvedReferences = unresolvedReferences
        self.attributeNames = attributeNames
        self.attributeValues = attributeValues
        self.attributeCodes = attributeCodes
    }

    /// An empty table.
    public static let empty = InteractionTableBuilder(partyIDs: []).build().table

    /// The first row, 0.
    public var startIndex: Int { 0 }
    /// The number of rows.
    public var endIndex: Int { times.count }

    /// Row `row` as a value, in load order.
    public subscript(row: Int) -> Interaction {
        var attributes: [String: String] = [:]
        for column in attributeCodes.indices {
            let code = attributeCodes[column][row]
            if code > 0 {
                attributes[attributeNames.string(Int32(column))] = attributeValues[column].string(Int32(code - 1))
            }
        }
        return Interaction(
            id: ids.string(row), kind: kindNames.string(Int32(kinds[row])),
            from: partyIDs[Int(senders[row])], to: partyIDs[Int(receivers[row])],
            at: Instant(nanoseconds: times[row]), ref: reference(of: row), due: due(of: row), attributes: attributes)
    }

    /// The `ref` of row `row` as written.
    func reference(of row: Int) -> String? {
        let target = references[row]
        if target >= 0 { return ids.string(Int(target)) }
        return target == Self.noReference ? nil : unresolvedReferences[Int32(row)]
    }

    /// The deadline of row `row`, if it has one.
    func due(of row: Int) -> Instant? {
        dues[row] == Self.noDue ? nil : Instant(nanoseconds: dues[row])
    }

    /// True when row `lhs` comes before row `rhs` in time, ties broken by id.
    package func precedes(_ lhs: Int32, _ rhs: Int32) -> Bool {
        let left = times[Int(lhs)], right = times[Int(rhs)]
        return left != right ? left < right : ids.precedes(Int(lhs), Int(rhs))
    }
}
