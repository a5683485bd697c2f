import Foundation
import Testing
import TutahiTestSupport
@testable import TutahiCore
import TutahiBuiltins
import TutahiPluginAPI

/// Rows reach their batch through ``InteractionStaging``, a thousand at a time, cut differently by
/// the two formats: a CSV piece is flushed every thousand rows, JSON Lines also whenever a new
/// attribute name appears. The same rows must load the same either way, across the staging's
/// boundaries: deadlines that first appear after a thousand rows, `ref`s, rejected rows between
/// accepted ones, and a free-text column that turns to text part of the way through.
@Suite("Rows staged a thousand at a time load the same from CSV and from JSON Lines")
struct InteractionStagingTests {
    /// 3,000 rows, written once as CSV and once as JSON Lines.
    static func world() -> Scratch {
        let scratch = Scratch()
        scratch.write(
            "parties.csv", "id,name,kind\nmsd,MSD,agency\npolice,Police,agency\niwi-1,Iwi 1,iwi\niwi-2,Iwi 2,iwi\n")
        var csv = "id,kind,from,to,at,ref,due,note,mode\n"
        var jsonLines = ""
        for n in 0..<3_000 {
            let agency = n % 4 < 2 ? "msd" : "police", partner = n % 3 == 0 ? "iwi-2" : "iwi-1"
            // A sender no one knows now and then: the row is refused and the rows around it stay.
            let from = n % 97 == 0 ? "ghost" : n % 2 == 0 ? agency : partner
            let to = n % 2 == 0 ? partner : agency
            let at = String(format: "2026-%02d-%02dT%02d:%02d:00+12:00", 1 + n % 12, 1 + n % 28, n % 24, n % 60)
            let ref = n % 3 == 1 ? "e\(n - 1)" : ""
            // No deadline before row 1,500; then every seventh row has one, some as bare dates.
            let due = n >= 1_500 && n % 7 == 0 ? (n % 2 == 0 ? "2026-12-01" : "2026-12-01T17:00:00+13:00") : ""
            let note = n % 5 == 0 ? "" : "note \(n)"
            let mode = ["", "co-design", "consulted"][n % 3]
            csv += "e\(n),\(n % 2 == 0 ? "request" : "response"),\(from),\(to),\(at),\(ref),\(due),\(note),\(mode)\n"
            var object: [String: String] = ["id": "e\(n)", "kind": n % 2 == 0 ? "request" : "response", "from": from,
                                            "to": to, "at": at]
            for (key, value) in [("ref", ref), ("due", due), ("note", note), ("mode", mode)] where !value.isEmpty {
                object[key] = value
            }
            let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            jsonLines += String(decoding: data, as: UTF8.self) + "\n"
        }
        scratch.write("events.csv", csv)
        scratch.write("events.jsonl", jsonLines)
        for file in ["events.csv", "events.jsonl"] {
            scratch.write("\(file).yaml", """
                data: {parties: parties.csv, interactions: [\(file)]}
                dimensions: {d: {}}
                indicators: []

                """)
        }
        return scratch
    }

    static func load(_ scratch: Scratch, _ file: String, textColumnThreshold: Int? = nil) throws -> Dataset {
        let configuration = try ConfigurationLoader(registry: .builtin, environment: [:])
            .load(path: scratch.path + "/\(file).yaml")
        // One thread and large blocks: the CSV file is one piece, so its rows cross the staging's
        // boundaries rather than the pieces'.
        var loader = DataLoader(configuration: configuration, workers: 1)
        loader.textColumnThreshold = textColumnThreshold
        return try loader.load()
    }

    @Test("the same interactions, deadlines, references and refusals from CSV as from JSON Lines",
          arguments: [nil, 64])
    func sameAsRowByRow(textColumnThreshold: Int?) throws {
        let scratch = Self.world()
        let staged = try Self.load(scratch, "events.csv", textColumnThreshold: textColumnThreshold)
        let oneByOne = try Self.load(scratch, "events.jsonl", textColumnThreshold: textColumnThreshold)
        // Rows 0, 97, 194, … (31 of them) have an unknown sender.
        #expect(staged.interactions.count == 3_000 - 31)
        #expect(Array(staged.interactions) == Array(oneByOne.interactions))
        #expect(staged.rejections.rows.map(\.reason) == oneByOne.rejections.rows.map(\.reason))
        #expect(staged.rejections.rows.map(\.line) == oneByOne.rejections.rows.map { $0.line + 1 },
                "the CSV file's header is its line 1")
        let byID = Dictionary(uniqueKeysWithValues: staged.interactions.map { ($0.id, $0) })
        #expect(byID["e1400"]?.due == nil)
        let zone = try #require(Zone(identifier: "Pacific/Auckland"))
        #expect(byID["e1505"]?.due.map(zone.format) == "2026-12-01T17:00:00+13:00")
        #expect(byID["e1512"]?.dueIsDate == true)
        #expect(byID["e2050"]?.ref == "e2049")
        #expect(byID["e2051"]?.attributes == ["note": "note 2051", "mode": "consulted"])
        if textColumnThreshold != nil {
            let note = try #require(staged.interactions.attributeNames.code(of: "note"))
            #expect(staged.interactions.attributeTexts[Int(note)] != nil, "the note column turned to text")
        }
    }
}
