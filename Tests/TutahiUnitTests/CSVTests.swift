import Testing
import TutahiTestSupport
@testable import TutahiCore

@Suite("CSV reader")
struct CSVTests {
    func read(_ text: String) -> [CSVRecord] { CSVReader().records(in: Array(text.utf8)) }
    func fields(_ record: CSVRecord) -> [String] { (0..<record.count).map { record.field($0) ?? "<bad>" } }

    @Test("quotes, escaped quotes, commas and line breaks inside quotes")
    func quoting() {
        let records = read("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,,\n")
        #expect(records.map(fields) == [["a", "b", "c"], ["x, y", "say \"hi\"", "two\nlines"], ["last", "", ""]])
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test("CRLF line ends, a BOM and empty lines")
    func lineEnds() {
        let records = CSVReader().records(in: [0xEF, 0xBB, 0xBF] + Array("id,v\r\n1,\"a\"\r\n\r\n\n2,b\r\n".utf8))
        #expect(records.map(fields) == [["id", "v"], ["1", "a"], ["2", "b"]])
        #expect(records.map(\.line) == [1, 2, 5])
    }

    @Test("a file without a final line break keeps its last record")
    func noFinalNewline() {
        #expect(read("a,b\n1,2").map(fields) == [["a", "b"], ["1", "2"]])
    }

    @Test("malformed quoting is reported on its record, and reading goes on")
    func malformed() {
        let records = read("a,b\nx\"y,1\n\"ok\"z,2\n3,4\n\"open,5\n")
        #expect(records[1].problem == "a quote inside an unquoted field")
        #expect(records[2].problem == "text after a closing quote")
        #expect(records[3].problem == nil)
        #expect(fields(records[3]) == ["3", "4"])
        #expect(records[4].problem == "a quoted field is not closed before the end of the file")
    }

    @Test("invalid UTF-8 is detected per record")
    func invalidUTF8() {
        let records = CSVReader().records(in: Array("a,b\n".utf8) + [0x31, 0x2C, 0xFF, 0xFE, 0x0A])
        #expect(records[0].isValidUTF8)
        #expect(!records[1].isValidUTF8)
    }

    @Test("a record longer than the limit is refused without keeping it all")
    func oversized() {
        var reader = CSVReader()
        reader.maximumRecordBytes = 16
        let records = reader.records(in: Array("a\n\(String(repeating: "x", count: 100))\nb\n".utf8))
        #expect(records[1].problem == "the record is longer than 16 bytes")
        #expect(records[1].bytes.count == 16)
        #expect(fields(records[2]) == ["b"])
    }
}
