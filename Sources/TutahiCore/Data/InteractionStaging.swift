import TutahiPluginAPI
import TutahiColumns

/// Rows on their way into an ``InteractionBatch``, held in fixed memory a thousand at a time and
/// then appended to the batch's columns in bulk: the one way rows reach a batch, from CSV, from JSON
/// Lines and one by one.
///
/// Appending a row straight to the batch would append to a dozen arrays, and each append checks
/// that its array's storage is not shared; here a row is a few stores into memory this value alone
/// owns, and the checks happen once per thousand rows. Kinds and attribute values are interned
/// into the batch as the rows arrive (the batch owns the interners); rows must be appended through
/// one staging until ``flush(into:)`` is called, which must happen before the batch is used.
struct InteractionStaging: ~Copyable {
    /// Rows held before they are appended.
    static let capacity = 1024

    private let kindCodes = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
    private let senders = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
    private let receivers = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
    private let times = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
    private let lines = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
    private let dues = UnsafeMutablePointer<Int64>.allocate(capacity: capacity)
    private let duesAreDates = UnsafeMutablePointer<Bool>.allocate(capacity: capacity)
    /// Each interned attribute slot's codes, slot after slot, `capacity` to a slot.
    private let attributeCodes: UnsafeMutablePointer<UInt32>
    private let slots: Int
    /// The ids' bytes back to back, and where each ends.
    private var idBytes: UnsafeMutablePointer<UInt8>
    private var idByteCapacity = 16 * capacity
    private var idByteCount = 0
    private let idEnds = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
    /// True when a row held has a deadline.
    private var anyDue = false
    /// The number of rows held.
    private(set) var count = 0

    /// An empty staging for a batch with `attributes` attribute slots.
    init(attributes: Int) {
        slots = attributes
        attributeCodes = .allocate(capacity: max(1, attributes) * Self.capacity)
        idBytes = .allocate(capacity: idByteCapacity)
    }

    deinit {
        for pointer in [UnsafeMutableRawPointer(kindCodes), UnsafeMutableRawPointer(senders),
            UnsafeMutableRawPointer(receivers), UnsafeMutableRawPointer(times), UnsafeMutableRawPointer(lines),
            UnsafeMutableRawPointer(dues), UnsafeMutableRawPointer(duesAreDates),
            UnsafeMutableRawPointer(attributeCodes), UnsafeMutableRawPointer(idBytes), UnsafeMutableRawPointer(idEnds)]
        {
            pointer.deallocate()
        }
    }

    /// Appends one checked row (a `ref` and a deadline when not empty and not nil; `line` counted
    /// from the start of the piece); then call ``appendAttribute(slot:_:to:)`` once per slot.
    @inline(__always)
    mutating func append(
        id: UnsafeBufferPointer<UInt8>, kind: UnsafeBufferPointer<UInt8>, from: Int32, to: Int32, at: Instant,
        due: Instant?, dueIsDate: Bool, reference: UnsafeBufferPointer<UInt8>, line: Int,
        to batch: inout InteractionBatch
    ) {
        if count == Self.capacity { flush(into: &batch) }
        if !reference.isEmpty {
            batch.referenceRows.append(Int32(truncatingIfNeeded: batch.count + count))
            batch.referenceTexts.append(reference)
        }
        if let due {
            anyDue = true
            dues[count] = due.nanoseconds
            duesAreDates[count] = dueIsDate
        } else {
            dues[count] = InteractionTable.noDue
            duesAreDates[count] = false
        }
        if idByteCount + id.count > idByteCapacity { growIDBytes(toFit: id.count) }
        if let base = id.baseAddress { (idBytes + idByteCount).initialize(from: base, count: id.count) }
        idByteCount += id.count
        idEnds[count] = UInt32(truncatingIfNeeded: idByteCount)
        kindCodes[count] = UInt32(batch.kinds.intern(kind).code)
        senders[count] = from
        receivers[count] = to
        times[count] = at.nanoseconds
        lines[count] = Int32(clamping: line)
        count += 1
    }

    /// Sets the last row's attribute in `slot` (once per slot per row, empty for absent): as written
    /// for a slot the batch keeps as text, else interned into the batch's values for the slot.
    @inline(__always)
    mutating func appendAttribute(slot: Int, _ value: UnsafeBufferPointer<UInt8>, to batch: inout InteractionBatch) {
        if batch.slotIsText[slot] {
            batch.attributeTexts[slot]?.append(value)
            return
        }
        attributeCodes[slot * Self.capacity + count - 1] =
            value.isEmpty ? 0 : UInt32(batch.attributeValues[slot].intern(value).code + 1)
    }

    /// Appends the rows held to `batch`, in order, and holds none.
    mutating func flush(into batch: inout InteractionBatch) {
        guard count > 0 else { return }
        func buffer<T>(_ pointer: UnsafeMutablePointer<T>) -> UnsafeBufferPointer<T> {
            UnsafeBufferPointer(start: pointer, count: count)
        }
        if anyDue || !batch.dues.isEmpty {
            if batch.dues.isEmpty {
                batch.dues = [Int64](repeating: InteractionTable.noDue, count: batch.count)
                batch.duesAreDates = [Bool](repeating: false, count: batch.count)
            }
            batch.dues.append(contentsOf: buffer(dues))
            batch.duesAreDates.append(contentsOf: buffer(duesAreDates))
        }
        batch.ids.append(bytes: UnsafeBufferPointer(start: idBytes, count: idByteCount), ends: buffer(idEnds))
        batch.kindCodes.append(contentsOf: buffer(kindCodes))
        batch.senders.append(contentsOf: buffer(senders))
        batch.receivers.append(contentsOf: buffer(receivers))
        batch.lines.append(contentsOf: buffer(lines))
        for slot in 0..<slots where !batch.slotIsText[slot] {
            batch.attributeCodes[slot].append(contentsOf: buffer(attributeCodes + slot * Self.capacity))
        }
        // Last: the batch counts its rows by their times.
        batch.times.append(contentsOf: buffer(times))
        count = 0
        idByteCount = 0
        anyDue = false
    }

    /// Moves the ids' bytes to memory with room for `more` bytes beyond those held.
    @inline(never)
    private mutating func growIDBytes(toFit more: Int) {
        let capacity = max(idByteCapacity * 2, idByteCount + more)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.initialize(from: idBytes, count: idByteCount)
        idBytes.deallocate()
        idBytes = grown
        idByteCapacity = capacity
    }
}
