import TutahiPluginAPI
import TutahiColumns

/// Where a row came from: the position of its file among the interaction files, and its line.
package struct RowOrigin: Sendable, Hashable, Comparable {
    /// The file's position in the configuration's list.
    package var file: Int32
    /// The line the row starts on.
    package var line: Int32

    /// Creates an origin.
    package init(file: Int, line: Int) {
        self.file = Int32(clamping: file)
        self.line = Int32(clamping: line)
    }

    /// File order, then line order: load order.
    package static func < (lhs: RowOrigin, rhs: RowOrigin) -> Bool { (lhs.file, lhs.line) < (rhs.file, rhs.line) }
}

/// Collects checked interactions into an ``InteractionTable``, interning every repeated string.
///
/// Rows are appended as they are read; ``build(workers:)`` then finds repeated ids (the first row
/// keeps its id, later ones are refused) and resolves each `ref` to the row it names. It does both
/// by cutting the rows into buckets by the hash of their id, small enough that each bucket's hash
/// table stays in cache, and working through the buckets in parallel.
package struct InteractionTableBuilder: Sendable {
    /// Party ids; a party's code is its position in the list given at creation.
    package let parties: ByteInterner
    private let partyIDs: [String]
    private let isAgency: [Bool]
    private var ids = ByteStrings()
    private var idHashes: [UInt32] = []
    private var references = ByteStrings()
    private var referenceHashes: [UInt32] = []
    private var origins: [RowOrigin] = []
    private var kindNames = ByteInterner()
    private var kinds: [UInt32] = []
    private var senders: [Int32] = []
    private var receivers: [Int32] = []
    private var times: [Int64] = []
    private var dues: [Int64] = []
    private var duesAreDates: [Bool] = []
    private var attributeNames = ByteInterner()
    private var attributeValues: [ByteInterner] = []
    private var attributeCodes: [[UInt32]] = []

    /// Creates an empty builder for interactions between `partyIDs` (distinct ids); `isAgency`
    /// says, for each, whether it is an agency.
    package init(partyIDs: [String], isAgency: [Bool]) {
        self.partyIDs = partyIDs
        self.isAgency = isAgency
        parties = ByteInterner(partyIDs)
    }

    /// The number of rows appended.
    package var count: Int { times.count }

    /// The code of a kind, adding it when new.
    package mutating func kindCode(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(kindNames.intern(bytes).code)
    }

    /// The column of an attribute, adding it (empty for earlier rows) when new.
    package mutating func attributeColumn(_ name: UnsafeBufferPointer<UInt8>) -> Int {
        let (code, inserted) = attributeNames.intern(name)
        if inserted {
            attributeValues.append(ByteInterner())
            attributeCodes.append([UInt32](repeating: 0, count: count))
        }
        return Int(code)
    }

    /// The code (1-based; 0 means absent) of a value in an attribute column, adding it when new.
    package mutating func attributeValueCode(column: Int, _ value: UnsafeBufferPointer<UInt8>) -> UInt32 {
        UInt32(attributeValues[column].intern(value).code + 1)
    }

    /// Appends one checked interaction (its id is checked for repeats when the table is built).
    ///
    /// `idHash` and `referenceHash`, when given, are `ByteInterner.hash` of the id and reference
    /// (computed beforehand, perhaps on another thread); `due` is nil for none; an empty `reference`
    /// means none; `attributes` holds a value code per column (missing trailing columns are absent).
    package mutating func append(
        id: UnsafeBufferPointer<UInt8>, idHash: UInt32? = nil, kind: UInt32, from: Int32, to: Int32, at: Instant,
        due: Instant?, dueIsDate: Bool = false, reference: UnsafeBufferPointer<UInt8>, referenceHash: UInt32? = nil,
        attributes: UnsafeBufferPointer<UInt32>, origin: RowOrigin
    ) {
        ids.append(id)
        idHashes.append(idHash ?? ByteInterner.hash(id))
        references.append(reference)
        referenceHashes.append(reference.isEmpty ? 0 : referenceHash ?? ByteInterner.hash(reference))
        origins.append(origin)
        kinds.append(kind)
        senders.append(from)
        receivers.append(to)
        times.append(at.nanoseconds)
        dues.append(due?.nanoseconds ?? InteractionTable.noDue)
        duesAreDates.append(dueIsDate)
        for column in attributeCodes.indices {
            attributeCodes[column].append(column < attributes.count ? attributes[column] : 0)
        }
    }

    /// Makes room for `rows` more rows of about `idBytes` id bytes each, so that the columns grow once.
    package mutating func reserveCapacity(rows: Int, idBytes: Int) {
        let total = count + rows
        ids.reserveCapacity(total, bytes: total * idBytes)
        references.reserveCapacity(total, bytes: 0)
        idHashes.reserveCapacity(total)
        referenceHashes.reserveCapacity(total)
        origins.reserveCapacity(total)
        kinds.reserveCapacity(total)
        senders.reserveCapacity(total)
        receivers.reserveCapacity(total)
        times.reserveCapacity(total)
        dues.reserveCapacity(total)
        duesAreDates.reserveCapacity(total)
        for column in attributeCodes.indices { attributeCodes[column].reserveCapacity(total) }
    }

    /// Appends whole columns: `batch`'s rows with kinds mapped through `kinds` and the given
    /// origins and attribute codes by column (columns not given are absent).
    mutating func appendColumns(
        _ batch: InteractionBatch, kinds kindMap: [UInt32], origins batchOrigins: [RowOrigin], attributes: [Int: [UInt32]]
    ) {
        ids.append(contentsOf: batch.ids)
        idHashes += batch.idHashes
        references.append(contentsOf: batch.references)
        referenceHashes += batch.referenceHashes
        origins += batchOrigins
        kinds += batch.kindCodes.lazy.map { kindMap[Int($0)] }
        senders += batch.senders
        receivers += batch.receivers
        times += batch.times
        dues += batch.dues
        duesAreDates += batch.duesAreDates
        for column in attributeCodes.indices {
            if let codes = attributes[column] {
                attributeCodes[column] += codes
            } else {
                attributeCodes[column].append(contentsOf: repeatElement(0, count: batch.count))
            }
        }
    }

    /// Appends `interaction`; false (and nothing appended) when a party is unknown.
    package mutating func append(_ interaction: Interaction, origin: RowOrigin) -> Bool {
        guard let from = parties.code(of: interaction.from), let to = parties.code(of: interaction.to) else {
            return false
        }
        var kindText = interaction.kind
        let kind = kindText.withUTF8 { kindCode($0) }
        var codes: [UInt32] = []
        for (name, value) in interaction.attributes where !value.isEmpty {
            var name = name, value = value
            let column = name.withUTF8 { attributeColumn($0) }
            if codes.count <= column { codes.append(contentsOf: repeatElement(0, count: column + 1 - codes.count)) }
            codes[column] = value.withUTF8 { attributeValueCode(column: column, $0) }
        }
        var id = interaction.id, reference = interaction.ref ?? ""
        id.withUTF8 { id in
            reference.withUTF8 { reference in
                codes.withUnsafeBufferPointer { codes in
                    append(
                        id: id, kind: kind, from: from, to: to, at: interaction.at, due: interaction.due, dueIsDate: interaction.dueIsDate,
                        reference: reference, attributes: codes, origin: origin)
                }
            }
        }
        return true
    }

    /// The table, without rows whose id an earlier row has, grouped by relationship (see
    /// ``InteractionTable``), with every `ref` resolved; plus the origins of the rows left out, in
    /// load order.
    package consuming func build(workers: Int = 1) -> (table: InteractionTable, duplicates: [RowOrigin]) {
        var (repeated, targets) = findRepeatsAndTargets(workers: workers)
        let duplicates = repeated.indices.filter { repeated[$0] }.map { origins[$0] }
        origins = []
        let (order, relationships) = arrangement(skipping: repeated, workers: workers)
        repeated = []
        var newRow = [Int32](repeating: -1, count: count)
        for (position, row) in order.enumerated() { newRow[Int(row)] = Int32(position) }
        var unresolved: [Int32: String] = [:]
        let references = order.enumerated().map { position, row in
            let target = targets[Int(row)]
            if target == InteractionTable.unresolvedReference {
                unresolved[Int32(position)] = self.references.string(Int(row))
            }
            return target >= 0 ? newRow[Int(target)] : target
        }
        (targets, newRow, idHashes, referenceHashes, self.references) = ([], [], [], [], ByteStrings())
        // Each column is put in the table's order on its own (in parallel), and let go as soon as it is.
        var (kinds, senders, receivers) = (self.kinds, self.senders, self.receivers)
        var (times, dues, duesAreDates) = (self.times, self.dues, self.duesAreDates)
        let sourceAttributes = attributeCodes
        (self.times, self.dues, self.duesAreDates, attributeCodes) = ([], [], [], [])
        var attributes = [[UInt32]](repeating: [], count: sourceAttributes.count)
        attributes.withUnsafeMutableBufferPointer { buffer in
            // Every job writes its own variable or its own element, and nothing else.
            let attributes = buffer
            var jobs: [() -> Void] = [
                { kinds = Self.gathered(kinds, order) },
                { senders = Self.gathered(senders, order) },
                { receivers = Self.gathered(receivers, order) },
                { times = Self.gathered(times, order) },
                { dues = Self.gathered(dues, order) },
                { duesAreDates = Self.gathered(duesAreDates, order) },
            ]
            for column in sourceAttributes.indices {
                jobs.append { attributes[column] = Self.gathered(sourceAttributes[column], order) }
            }
            Parallel.forEach(jobs.count, workers: workers) { jobs[$0]() }
        }
        let table = InteractionTable(
            ids: self.ids, idIndex: order, kinds: kinds, kindNames: kindNames, senders: senders, receivers: receivers, partyIDs: partyIDs,
            parties: parties, times: times, dues: dues, duesAreDates: duesAreDates, references: references, unresolvedReferences: unresolved,
            attributeNames: attributeNames, attributeValues: attributeValues, attributeCodes: attributes,
            relationships: relationships)
        return (table, duplicates)
    }

    /// `column[order[0]], column[order[1]], …`.
    private static func gathered<T>(_ column: [T], _ order: [Int32]) -> [T] {
        [T](unsafeUninitializedCapacity: order.count) { buffer, initialized in
            column.withUnsafeBufferPointer { column in
                for (position, row) in order.enumerated() {
                    buffer.initializeElement(at: position, to: column[Int(row)])
                }
            }
            initialized = order.count
        }
    }

    /// The rows kept, in the table's order: by relationship in order of first appearance, each
    /// oldest first (ties by id), then the rows between two agencies or two partners in load order.
    private func arrangement(skipping repeated: [Bool], workers: Int) -> ([Int32], [RelationshipRows]) {
        var slots = RelationshipSlots(isAgency: isAgency)
        var groupOfRow = [Int32](repeating: -1, count: count)
        var sizes: [Int] = []
        var others: [Int32] = []
        for row in 0..<count where !repeated[row] {
            let from = senders[row], to = receivers[row]
            guard isAgency[Int(from)] != isAgency[Int(to)] else {
                others.append(Int32(row))
                continue
            }
            let group = isAgency[Int(from)] ? slots.group(agency: from, partner: to) : slots.group(agency: to, partner: from)
            if Int(group) == sizes.count { sizes.append(0) }
            sizes[Int(group)] += 1
            groupOfRow[row] = group
        }
        var starts = [Int](repeating: 0, count: sizes.count + 1)
        for group in sizes.indices { starts[group + 1] = starts[group] + sizes[group] }
        var next = starts
        var order = [Int32](repeating: 0, count: starts[sizes.count])
        for row in 0..<count where groupOfRow[row] >= 0 {
            let group = Int(groupOfRow[row])
            order[next[group]] = Int32(row)
            next[group] += 1
        }
        groupOfRow = []
        // Each group is sorted on a copy of its (time, row) pairs, so comparisons stay in cache.
        times.withUnsafeBufferPointer { times in
            order.withUnsafeMutableBufferPointer { order in
                let shared = UncheckedBox(order)
                Parallel.forEach(sizes.count, workers: workers) { group in
                    let range = starts[group]..<starts[group + 1]
                    var keys = shared.value[range].map { (time: times[Int($0)], row: $0) }
                    keys.sort { lhs, rhs in
                        lhs.time != rhs.time ? lhs.time < rhs.time : ids.precedes(Int(lhs.row), Int(rhs.row))
                    }
                    for (offset, key) in keys.enumerated() { shared.value[range.lowerBound + offset] = key.row }
                }
            }
        }
        let relationships = slots.pairs.enumerated().map { group, pair in
            RelationshipRows(agency: pair.agency, partner: pair.partner, rows: starts[group]..<starts[group + 1])
        }
        return (order + others, relationships)
    }

    /// Per row: whether an earlier row has its id, and the row its `ref` names (or none, or unresolved).
    private func findRepeatsAndTargets(workers: Int) -> (repeated: [Bool], targets: [Int32]) {
        var bits = 0
        while bits < 16, count >> bits > 16_384 { bits += 1 }
        let buckets = 1 << bits
        func bucket(_ hash: UInt32) -> Int { bits == 0 ? 0 : Int(hash >> UInt32(32 - bits)) }
        let idRows = Self.partition(idHashes, buckets: buckets, bucket: bucket) { _ in true }
        let referenceRows = Self.partition(referenceHashes, buckets: buckets, bucket: bucket) { !references.isEmpty($0) }
        var repeated = [Bool](repeating: false, count: count)
        var targets = [Int32](repeating: InteractionTable.noReference, count: count)
        repeated.withUnsafeMutableBufferPointer { repeated in
            targets.withUnsafeMutableBufferPointer { targets in
                let shared = UncheckedBox((repeated, targets))
                let work = { (bucket: Int) in
                    let (repeated, targets) = shared.value
                    var table = RowHashTable(capacity: idRows.count(in: bucket))
                    for (row, hash) in idRows.entries(in: bucket) {
                        let found = table.insert(row, hash: hash) { ids.equals($0, row) }
                        if found != row { repeated[row] = true }
                    }
                    for (row, hash) in referenceRows.entries(in: bucket) {
                        let target = references.withBytes(row) { reference in
                            table.find(hash: hash) { candidate in
                                ids.withBytes(candidate) { $0.elementsEqual(reference) }
                            }
                        }
                        targets[row] = target.map(Int32.init) ?? InteractionTable.unresolvedReference
                    }
                }
                Parallel.forEach(buckets, workers: workers, work)
            }
        }
        return (repeated, targets)
    }

    /// The rows whose hashes are `hashes` (those `included`) grouped by `bucket`, each group in row
    /// order, with their hashes beside them (a counting sort).
    private static func partition(
        _ hashes: [UInt32], buckets: Int, bucket: (UInt32) -> Int, included: (Int) -> Bool
    ) -> RowBuckets {
        var starts = [Int](repeating: 0, count: buckets + 1)
        for (row, hash) in hashes.enumerated() where included(row) { starts[bucket(hash) + 1] += 1 }
        for index in 0..<buckets { starts[index + 1] += starts[index] }
        var next = starts
        var entries = [UInt64](repeating: 0, count: starts[buckets])
        for (row, hash) in hashes.enumerated() where included(row) {
            let index = bucket(hash)
            entries[next[index]] = UInt64(hash) << 32 | UInt64(row)
            next[index] += 1
        }
        return RowBuckets(starts: starts, entries: entries)
    }
}

/// Rows grouped into buckets, each in row order, with their hashes.
private struct RowBuckets: Sendable {
    let starts: [Int]
    /// Hash in the high half, row in the low half.
    let entries: [UInt64]

    func count(in bucket: Int) -> Int { starts[bucket + 1] - starts[bucket] }

    func entries(in bucket: Int) -> some Sequence<(row: Int, hash: UInt32)> {
        entries[starts[bucket]..<starts[bucket + 1]].lazy.map {
            (Int($0 & 0xFFFF_FFFF), UInt32(truncatingIfNeeded: $0 >> 32))
        }
    }
}

/// An open-addressing set of rows by hash, for one bucket.
private struct RowHashTable {
    /// Per slot, the hash in the high half and row + 1 in the low half; 0 is empty.
    private var slots: [UInt64]

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
    }

    /// Adds `row` unless a row equal to it (by `isEqual`) is there; returns the row kept.
    mutating func insert(_ row: Int, hash: UInt32, isEqual: (Int) -> Bool) -> Int {
        let (slot, found) = probe(hash: hash, isEqual: isEqual)
        if let found { return found }
        slots[slot] = UInt64(hash) << 32 | UInt64(row + 1)
        return row
    }

    /// The row with `hash` that `isEqual` accepts.
    func find(hash: UInt32, isEqual: (Int) -> Bool) -> Int? {
        probe(hash: hash, isEqual: isEqual).row
    }

    /// The slot holding the row with `hash` that `isEqual` accepts, or the empty slot where it would go.
    private func probe(hash: UInt32, isEqual: (Int) -> Bool) -> (slot: Int, row: Int?) {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 {
            let entry = slots[slot]
            let candidate = Int(entry & 0xFFFF_FFFF) - 1
            if UInt32(truncatingIfNeeded: entry >> 32) == hash, isEqual(candidate) { return (slot, candidate) }
            slot = (slot + 1) & mask
        }
        return (slot, nil)
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

extension InteractionTable {
    /// A table with no rows.
    public static let empty = InteractionTableBuilder(partyIDs: [], isAgency: []).build().table
}
