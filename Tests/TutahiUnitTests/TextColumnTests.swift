import Testing
import TutahiTestSupport
@testable import TutahiCore
import TutahiBuiltins
import TutahiPluginAPI

/// An attribute column with nearly as many distinct values as rows (free text) is kept as text by
/// row instead of interned. Nothing a plugin sees may change: the same interactions, attributes and
/// `where:` matches as when every column is interned.
@Suite("Free-text attribute columns kept as text")
struct TextColumnTests {
    /// Two files: the first with a free-text `note` (some quoted, some empty) and a two-valued
    /// `channel`; the second without `note`, so its rows have none.
    static func world() -> Scratch {
        let scratch = Scratch()
        scratch.write("parties.csv", "id,name,kind\nmsd,MSD,agency\niwi-1,Iwi 1,iwi\niwi-2,Iwi 2,iwi\n")
        var events = "id,kind,from,to,at,ref,note,channel\n"
        for n in 0..<600 {
            let partner = n % 3 == 0 ? "iwi-2" : "iwi-1"
            let note = n % 7 == 0 ? "" : n % 5 == 0 ? "\"met at the marae, then \(n)\"" : "follow-up \(n % 450)"
            events += "e\(n),hui,msd,\(partner),2026-0\(1 + n % 6)-1\(n % 10),,\(note),\(n % 2 == 0 ? "online" : "in person")\n"
        }
        scratch.write("events.csv", events)
        var more = "id,kind,from,to,at,channel\n"
        for n in 0..<50 { more += "m\(n),hui,iwi-1,msd,2026-03-0\(1 + n % 9),online\n" }
        scratch.write("more.csv", more)
        scratch.write("tutahi.yaml", """
            data: {parties: parties.csv, interactions: [events.csv, more.csv]}
            dimensions: {d: {}}
            indicators: []

            """)
        return scratch
    }

    static func load(_ scratch: Scratch, textColumnThreshold: Int?) throws -> Dataset {
        let configuration = try ConfigurationLoader(registry: .builtin, environment: [:]).load(path: scratch.path + "/tutahi.yaml")
        var loader = DataLoader(configuration: configuration, workers: 2)
        loader.blockSize = 512
        loader.textColumnThreshold = textColumnThreshold
        return try loader.load()
    }

    @Test("the same interactions and the same `where:` matches as with every column interned")
    func sameAsInterned() throws {
        let scratch = Self.world()
        let interned = try Self.load(scratch, textColumnThreshold: nil).interactions
        let text = try Self.load(scratch, textColumnThreshold: 8).interactions
        #expect(interned.attributeTexts.allSatisfy { $0 == nil })
        let note = try #require(text.attributeNames.code(of: "note"))
        #expect(text.attributeTexts[Int(note)] != nil, "the free-text column is kept as text")
        #expect(text.attributeTexts[Int(try #require(text.attributeNames.code(of: "channel")))] == nil)
        #expect(text.count == 650)
        #expect(Array(text) == Array(interned))
        #expect(text.first { $0.id == "e5" }?.attributes["note"] == "met at the marae, then 5")
        #expect(text.first { $0.id == "e7" }?.attributes["note"] == nil, "an empty cell is no attribute")
        #expect(text.first { $0.id == "m3" }?.attributes["note"] == nil, "a file without the column")
        for values: Set<String> in [["follow-up 1"], ["met at the marae, then 5", "follow-up 2"], ["nothing like it"], [""]] {
            let selector = EventSelector(kinds: ["hui"], filter: AttributeFilter(accepted: ["note": values]))
            var counts: [Int] = []
            for table in [interned, text] {
                for group in table.relationships {
                    let list = InteractionList(table: table, rows: group.rows, agency: group.agency, partner: group.partner)
                    let matcher = selector.matcher(for: list)
                    let matching = list.indices.filter { matcher.matches(list, at: $0) }
                    // The column scans agree with asking about each position.
                    #expect(matcher.positions(in: list) == matching)
                    #expect(matcher.count(in: list, among: 3..<list.count) == matching.count { $0 >= 3 })
                    counts.append(matching.count)
                }
            }
            #expect(Array(counts.prefix(counts.count / 2)) == Array(counts.suffix(counts.count / 2)), "\(values)")
        }
    }
}
