import Dispatch

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
    private var attributeNames = ByteInterner()
    private var attributeValues: [ByteInterner] = []
    private var attributeCodes: [[UInt32]] = []

    /// Creates an empty builder for interactions between `partyIDs` (distinct ids).
    package init(partyIDs: [String]) {
        self.partyIDs = partyIDs
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
        due: Instant?, reference: UnsafeBufferPointer<UInt8>, referenceHash: UInt32? = nil,
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
        for column in attributeCodes.indices {
            attributeCodes[column].append(column < attributes.count ? attributes[column] : 0)
        }
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
                        id: id, kind: kind, from: from, to: to, at: interaction.at, due: interaction.due,
                        reference: reference, attributes: codes, origin: origin)
                }
            }
        }
        return true
    }

    /// The table, without rows whose id an earlier row has, and with every `ref` resolved; plus the
    /// origins of the rows left out, in load order.
    package consuming func build(workers: Int = 1) -> (table: InteractionTable, duplicates: [RowOrigin]) {
        var (repeated, targets) = findRepeatsAndTargets(workers: workers)
        let duplicates = repeated.indices.filter { repeated[$0] }
        var kept: [Int]? = nil
        if !duplicates.isEmpty {
            let keep = (0..<count).filter { !repeated[$0] }
            var newRow = [Int32](repeating: -1, count: count)
            for (position, row) in keep.enumerated() { newRow[row] = Int32(position) }
            targets = keep.map { targets[$0] >= 0 ? newRow[Int(targets[$0])] : targets[$0] }
            kept = keep
        }
        repeated = []
        var unresolved: [Int32: String] = [:]
        for (row, target) in targets.enumerated() where target == InteractionTable.unresolvedReference {
            unresolved[Int32(row)] = references.string(kept?[row] ?? row)
        }
        func select<T>(_ column: [T]) -> [T] { kept.map { $0.map { column[$0] } } ?? column }
        let table = InteractionTable(
            ids: kept.map { ids.selecting($0) } ?? ids, kinds: select(kinds), kindNames: kindNames,
            senders: select(senders), receivers: select(receivers), partyIDs: partyIDs, parties: parties,
            times: select(times), dues: select(dues), references: targets, unresolvedReferences: unresolved,
            attributeNames: attributeNames, attributeValues: attributeValues, attributeCodes: attributeCodes.map(select))
        return (table, duplicates.map { origins[$0] })
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
                let shared = UncheckedSendable((repeated, targets))
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
                let stripes = max(1, min(workers, buckets))
                if stripes == 1 {
                    for index in 0..<buckets { work(index) }
                } else {
                    withoutActuallyEscaping(work) { work in
                        let work = UncheckedSendable(work)
                        DispatchQueue.concurrentPerform(iterations: stripes) { stripe in
                            for index in stride(from: stripe, to: buckets, by: stripes) { work.value(index) }
                        }
                    }
                }
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
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 {
            let entry = slots[slot]
            let candidate = Int(entry & 0xFFFF_FFFF) - 1
            if UInt32(truncatingIfNeeded: entry >> 32) == hash, isEqual(candidate) { return candidate }
            slot = (slot + 1) & mask
        }
        slots[slot] = UInt64(hash) << 32 | UInt64(row + 1)
        return row
    }

    /// The row with `hash` that `isEqual` accepts.
    func find(hash: UInt32, isEqual: (Int) -> Bool) -> Int? {
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        while slots[slot] != 0 {
            let entry = slots[slot]
            let candidate = Int(entry & 0xFFFF_FFFF) - 1
            if UInt32(truncatingIfNeeded: entry >> 32) == hash, isEqual(candidate) { return candidate }
            slot = (slot + 1) & mask
        }
        return nil
    }
}

/// A value handed to other threads by a caller that guarantees they touch it safely.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
