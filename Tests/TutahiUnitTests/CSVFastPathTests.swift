import Testing
@testable import TutahiCore

/// Loading reads most records without the CSV state machine: unquoted lines are cut at commas, and
/// well-formed quoted records and record ends are found by searching for quotes. On any text, they
/// must read exactly what the state machine reads.
@Suite("CSV fast paths read what the state machine reads")
struct CSVFastPathTests {
    /// A deterministic generator of CSV-like text, valid and not.
    struct Text {
        var random: SplitMix64

        init(state: UInt64) { random = SplitMix64(seed: state) }

        mutating func next() -> UInt64 { random.next() }

        /// Records of short fields, some quoted (with commas, line ends and doubled quotes inside),
        /// with stray quotes, text after closing quotes, carriage returns and blank lines now and then.
        mutating func bytes(records: Int, long: Bool = false) -> [UInt8] {
            // Long fields reach the paths that read eight bytes at a time.
            let items = long ? 40 : 5, letters = long ? 24 : 3
            var out: [UInt8] = []
            for _ in 0..<records {
                let fields = 1 + Int(next() % 4)
                for field in 0..<fields {
                    if field > 0 { out.append(UInt8(ascii: ",")) }
                    switch next() % 10 {
                    case 0...4 where long:
                        out += (0..<Int(next() % UInt64(letters))).map { _ in next() % 9 == 0 ? 0xC3 : UInt8(ascii: "a") }
                    case 0...4: out += Array("ab".utf8.prefix(Int(next() % 3)))
                    case 5...7:
                        out.append(UInt8(ascii: "\""))
                        for _ in 0..<Int(next() % UInt64(items)) {
                            out += [[UInt8(ascii: "x")], [UInt8(ascii: ",")], [UInt8(ascii: "\n")], [0x22, 0x22],
                                    [0xC3, 0xA9], [UInt8(ascii: "\r")]][Int(next() % 6)]
                        }
                        out.append(UInt8(ascii: "\""))
                        if next() % 12 == 0 { out.append(UInt8(ascii: "z")) }  // text after the closing quote
                    case 8: out += Array("a\"b".utf8)  // a quote inside an unquoted field
                    default: out += next() % 2 == 0 ? [0xC3, 0xA9] : []
                    }
                }
                if next() % 5 == 0 { out.append(UInt8(ascii: "\r")) }
                out.append(UInt8(ascii: "\n"))
                if next() % 15 == 0 { out.append(UInt8(ascii: "\n")) }
            }
            if next() % 3 == 0, out.last == UInt8(ascii: "\n") { out.removeLast() }
            if next() % 7 == 0 { out.append(UInt8(ascii: "\"")) }  // a quoted field left open at the end
            return out
        }
    }

    /// What a reader made of a record: its line, and its fields unless it has a problem.
    struct Read: Equatable, CustomStringConvertible {
        var line: Int
        var fields: [[UInt8]]?
        var description: String { "line \(line): \(fields.map { "\($0.map { Array($0) })" } ?? "problem")" }
    }

    /// What the state machine reads in `bytes`.
    static func stateMachine(_ bytes: [UInt8]) -> [Read] {
        CSVReader(maximumRecordBytes: 1 << 20).records(in: bytes).map { record in
            Read(line: record.line, fields: record.problem == nil ? (0..<record.count).map { Array(record.fieldBytes($0)) } : nil)
        }
    }

    /// What the fast paths read in `bytes`: the records, the line ends counted, and how many
    /// records were said to be all ASCII, or not, wrongly.
    static func fastPaths(_ bytes: [UInt8], hasQuotes: Bool = true) -> (records: [Read], lineEnds: Int, asciiMistakes: Int) {
        var read: [Read] = []
        var asciiMistakes = 0
        let lineEnds = bytes.withUnsafeBufferPointer { buffer in
            CSVPiece(bytes: buffer, maximumRecordBytes: 1 << 20, hasQuotes: hasQuotes).forEachRecord { fields in
                let values = (0..<fields.count).map { Array(fields[$0]) }
                if fields.problem == nil, fields.isASCII != values.allSatisfy({ $0.allSatisfy { $0 < 0x80 } }) {
                    asciiMistakes += 1
                }
                read.append(Read(line: fields.line, fields: fields.problem == nil ? values : nil))
            }
        }
        return (read, lineEnds, asciiMistakes)
    }

    /// Checks the fast paths against the state machine on `texts` random texts; true when all agree.
    static func agree(on texts: Int, seed: UInt64, long: Bool) -> Bool {
        var text = Text(state: seed)
        for _ in 0..<texts {
            let bytes = text.bytes(records: 1 + Int(text.next() % 12), long: long)
            let expected = stateMachine(bytes), read = fastPaths(bytes)
            let lineEnds = bytes.filter { $0 == UInt8(ascii: "\n") }.count
            #expect(read.records == expected, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            #expect(read.lineEnds == lineEnds)
            #expect(read.asciiMistakes == 0, "records said to be ASCII or not wrongly")
            if read.records != expected || read.lineEnds != lineEnds || read.asciiMistakes > 0 { return false }
        }
        return true
    }

    @Test("the same records, fields, lines and problems as the state machine, every line end counted and ASCII told rightly, on 2,000 random texts")
    func sameRecords() {
        _ = Self.agree(on: 2_000, seed: 2011, long: false)
    }

    @Test("the same with long fields, which the fast paths read eight bytes at a time, on 1,000 random texts")
    func sameRecordsWithLongFields() {
        _ = Self.agree(on: 1_000, seed: 1893, long: true)
    }

    @Test("record ends found by searching for quotes are where the state machine ends records")
    func sameRecordEnds() {
        var text = Text(state: 1840)
        for _ in 0..<2_000 {
            let bytes = text.bytes(records: 1 + Int(text.next() % 12))
            var parser = CSVReader.Parser(maximumRecordBytes: 1 << 20)
            var expected: [Int] = []
            for (offset, byte) in bytes.enumerated() {
                _ = parser.consume(byte)
                if byte == UInt8(ascii: "\n"), parser.atRecordStart { expected.append(offset + 1) }
            }
            let ends = bytes.withUnsafeBufferPointer { CSVBlocks.recordEnds($0) }
            #expect(ends == expected, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
            if ends != expected { return }
        }
    }

    @Test("a piece known to have no quote reads as one that is searched for quotes")
    func withoutQuotes() {
        var text = Text(state: 2026)
        for _ in 0..<1_000 {
            let bytes = text.bytes(records: 1 + Int(text.next() % 12)).filter { $0 != UInt8(ascii: "\"") }
            let searched = Self.fastPaths(bytes, hasQuotes: true), known = Self.fastPaths(bytes, hasQuotes: false)
            #expect(known.records == searched.records && known.lineEnds == searched.lineEnds)
            if known.records != searched.records { return }
        }
    }
}
