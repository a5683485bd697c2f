import Foundation
import Testing
import TutahiTestSupport
@testable import TutahiCore
import TutahiBuiltins
import TutahiPluginAPI

/// National-scale loading cuts files into blocks and pieces parsed on several threads. Whatever the
/// cut, the data, the rejections and their order must be what one thread reading line by line gives.
@Suite("Parallel loading: the same data for any number of threads and any block size")
struct ParallelLoadingTests {
    /// A messy but deterministic data set, and what a careful reader expects of it.
    struct MessyWorld {
        let scratch = Scratch()
        var expectedRejections: [String: Int] = [:]
        var expectedInteractions = 0

        init() {
            scratch.write("parties.csv", """
                id,name,kind
                msd,Ministry of Social Development,agency
                police,NZ Police,agency
                iwi-1,Iwi One,iwi
                com-1,Community One,community

                """)
            var csv: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,kind,from,to,at,ref,due,note,channel\r\n".utf8)
            var second = "id,kind,from,to,at,ref,channel\n"
            let partners = ["iwi-1", "com-1"], agencies = ["msd", "police"]
            for n in 0..<600 {
                let partner = partners[n % 2], agency = agencies[(n / 2) % 2]
                let day = String(format: "2026-%02d-%02d", 1 + n % 12, 1 + n % 28)
                let line: String
                switch n % 10 {
                case 0:  // a note with a comma, a quote and a line break inside quotes; CRLF
                    line = "e\(n),request,\(partner),\(agency),\(day)T09:00:00+13:00,,,\"said \"\"kia ora\"\",\nthen left\",email\r\n"
                    expectedInteractions += 1
                case 1:  // a reply to the row before, a day later
                    line = "e\(n),response,\(agency),\(partner),\(day)T10:00:00+13:00,e\(n - 1),,,email\n"
                    expectedInteractions += 1
                case 2:  // a reply to a row further on (resolved at the end) and a deadline
                    line = "e\(n),response,\(agency),\(partner),\(day),e\(n + 5),\(day),Māori text ā,\n"
                    expectedInteractions += 1
                case 3:  // a repeated id: the first row keeps it
                    line = "e\(n - 3),hui,\(agency),\(partner),\(day),,,,in person\n"
                    expectedRejections["duplicate", default: 0] += 1
                case 4:
                    line = "e\(n),hui,\(agency),\(partner),31/02/2026,,,,\n"
                    expectedRejections["bad_timestamp", default: 0] += 1
                case 5:
                    line = "e\(n),hui,ghost,\(partner),\(day),,,,\n"
                    expectedRejections["unknown_party", default: 0] += 1
                case 6:
                    line = "e\(n),hui,\(agency),\(partner)\n\n"  // too few fields, then a blank line
                    expectedRejections["bad_csv", default: 0] += 1
                case 7:
                    line = "e\(n),meeting,\(agency),police,\(day),,,,online\n"  // between two agencies: kept
                    expectedInteractions += 1
                case 8:
                    line = "\"e\(n)\",decision,\(agency),\(partner),\(day)T12:00:00+13:00,nowhere,,\"\",\n"
                    expectedInteractions += 1
                default:
                    line = "e\(n),hui,\(partner),\(agency),\(day)T08:00:00Z,,,,in person\n"
                    expectedInteractions += 1
                }
                csv += Array(line.utf8)
                if n % 50 == 0 {  // the second file repeats some ids of the first
                    second += "e\(n),hui,\(agency),\(partner),\(day),,online\n"
                    expectedRejections["duplicate", default: 0] += 1
                    second += "f\(n),hui,\(agency),\(partner),\(day),e\(n),online\n"
                    expectedInteractions += 1
                }
            }
            scratch.writeBytes("events.csv", csv + Array("last,hui,msd,iwi-1,2026-06-01,,,no newline at the end,".utf8))
            expectedInteractions += 1
            scratch.write("more.csv", second)
            var surveys = "response_id,respondent,about,question,value,submitted_at\n"
            for r in 0..<200 {
                let partner = partners[r % 2], agency = agencies[(r / 2) % 2]
                for q in 1...3 { surveys += "r\(r),\(partner),\(agency),Q\(q),\(1 + (r + q) % 5),2026-03-\(10 + r % 15)\n" }
                if r % 20 == 0 {
                    surveys += "r\(r),\(partner),\(agency),Q1,3,2026-03-\(10 + r % 15)\n"
                    expectedRejections["duplicate", default: 0] += 1
                }
            }
            scratch.write("surveys.csv", surveys)
            scratch.write("tutahi.yaml", """
                data: {parties: parties.csv, surveys: [surveys.csv], interactions: [events.csv, more.csv]}
                dimensions: {d: {}}
                indicators: []

                """)
        }

        func load(workers: Int, blockSize: Int) throws -> Dataset {
            let configuration = try ConfigurationLoader(registry: .builtin, environment: [:]).load(path: scratch.path + "/tutahi.yaml")
            var loader = DataLoader(configuration: configuration, workers: workers)
            loader.blockSize = blockSize
            return try loader.load()
        }
    }

    @Test("one thread with large blocks loads what a careful reader expects")
    func reference() throws {
        let world = MessyWorld()
        let dataset = try world.load(workers: 1, blockSize: 16 << 20)
        #expect(dataset.interactions.count == world.expectedInteractions)
        #expect(Dictionary(uniqueKeysWithValues: dataset.rejections.dataIssues.byReason.map { ($0.reason.rawValue, $0.count) }) == world.expectedRejections)
        #expect(dataset.responses.count == 200)
        let byID = Dictionary(uniqueKeysWithValues: dataset.interactions.map { ($0.id, $0) })
        #expect(byID["e0"]?.attributes["note"] == "said \"kia ora\",\nthen left")
        #expect(byID["e2"]?.ref == "e7", "a ref to a later row")
        #expect(byID["e8"]?.ref == "nowhere", "a ref to nothing keeps its text")
        #expect(byID["e0"]?.kind == "request", "the first row with an id keeps it")
        #expect(byID["last"]?.attributes["note"] == "no newline at the end")
        // The first rejections, in file and line order (line 1 is the header; row n starts on line
        // n + 2, plus one for each quoted line break and blank line before it).
        let first = dataset.rejections.rows.filter { $0.file == "events.csv" }.prefix(4).map {
            "\($0.file):\($0.line):\($0.reason)"
        }
        #expect(first == ["events.csv:6:duplicate", "events.csv:7:bad_timestamp", "events.csv:8:unknown_party",
                          "events.csv:9:bad_csv"])
    }

    @Test("any number of threads and any block size give the same data, rejections and order",
          arguments: [(2, 64), (3, 200), (4, 1_000), (2, 16 << 20)])
    func sameForAnyCut(workers: Int, blockSize: Int) throws {
        let world = MessyWorld()
        let reference = try world.load(workers: 1, blockSize: 16 << 20)
        let dataset = try world.load(workers: workers, blockSize: blockSize)
        #expect(Array(dataset.interactions) == Array(reference.interactions))
        #expect(dataset.responses == reference.responses)
        #expect(dataset.rejections.rows == reference.rejections.rows)
        #expect(dataset.rejections.total == reference.rejections.total)
    }

    @Test("a record longer than the limit is skipped without being held, and the file goes on")
    func oversizedRecord() throws {
        let scratch = Scratch()
        let long = String(repeating: "x", count: 3_000) + "\n" + String(repeating: "y", count: 3_000)
        let path = scratch.write("big.csv", "id,note\na,1\nb,\"\(long)\"\nc,3\nd,4\n")
        var firsts: [String] = [], lines: [Int] = [], oversized: [Int] = []
        var header: [String] = []
        try CSVBlocks(blockSize: 256, workers: 2, maximumRecordBytes: 1_000).read(
            path: path,
            header: { record in header = (0..<(record?.count ?? 0)).compactMap { record?.field($0) } },
            parse: { piece in
                var rows: [(String, Int)] = []
                let lineEnds = piece.forEachRecord { rows.append((String(decoding: $0[0], as: UTF8.self), $0.line)) }
                return (rows, lineEnds)
            },
            merge: { rows, firstLine in
                for (first, line) in rows {
                    firsts.append(first)
                    lines.append(firstLine + line - 1)
                }
            },
            oversized: { oversized.append($0) })
        #expect(header == ["id", "note"])
        #expect(firsts == ["a", "c", "d"])
        #expect(lines == [2, 5, 6], "the long record spans lines 3 and 4")
        #expect(oversized == [3])
    }
}
