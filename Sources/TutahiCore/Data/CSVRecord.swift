/// One CSV record: its fields as bytes, where it started, and whether it parsed.
struct CSVRecord {
    /// The 1-based physical line where the record starts.
    var line: Int
    /// Every field's bytes, back to back.
    var bytes: [UInt8] = []
    /// The end offset of each field in `bytes`.
    var ends: [Int] = []
    /// Whether each field was quoted.
    var quoted: [Bool] = []
    /// Why the record cannot be parsed, if it cannot.
    var problem: String?

    /// The number of fields.
    var count: Int { ends.count }

    /// The bytes of field `index`.
    func fieldBytes(_ index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// Field `index` as a string; nil when it is not valid UTF-8.
    func field(_ index: Int) -> String? {
        let slice = fieldBytes(index)
        if slice.allSatisfy({ $0 < 0x80 }) { return String(decoding: slice, as: UTF8.self) }
        return String(validating: slice, as: UTF8.self)
    }

    /// True when field `index` is empty.
    func isEmpty(_ index: Int) -> Bool { fieldBytes(index).isEmpty }

    /// True when every field is valid UTF-8.
    var isValidUTF8: Bool {
        if bytes.allSatisfy({ $0 < 0x80 }) { return true }
        return (0..<count).allSatisfy { field($0) != nil }
    }
}
