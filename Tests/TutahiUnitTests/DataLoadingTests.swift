import Testing
import TutahiTestSupport
import TutahiCore
import TutahiPluginAPI

@Suite("Data loading")
struct DataLoadingTests {
    static let parties = """
        id,name,kind,region,tags
        msd,Ministry of Social Development,agency,National,
        police,NZ Police,agency,National,
        iwi-1,"Te Rūnanga, Inc.",iwi,Northland,tangata_whenua;rural
        com-1,Community One,community,,

        """

    func load(surveys: String = "", wide: String? = nil, interactions: String = "", jsonl: String? = nil)
        throws -> Dataset
    {
        let scratch = Scratch()
        scratch.write("parties.csv", Self.parties)
        scratch.write("long.csv", "response_id,respondent,about,question,value,submitted_at\n" + surveys)
        scratch.write("events.csv", "id,kind,from,to,at,ref,due,channel\n" + interactions)
        var yaml = "data:\n  parties: parties.csv\n  surveys:\n    - long.csv\n"
        if let wide {
            scratch.write("wide.csv", wide)
            yaml += "    - {path: wide.csv, format: wide, columns: {response_id: Id, respondent: Org, about: Agency, submitted_at: End}, questions: [Q1, Q2]}\n"
        }
        yaml += "  interactions: [events.csv\(jsonl == nil ? "" : ", events.jsonl")]\n"
        if let jsonl { scratch.write("events.jsonl", jsonl) }
        yaml += "dimensions: {d: {}}\nindicators: []\n"
        let configuration = try loadConfig(yaml, in: scratch).get()
        return try DataLoader(configuration: configuration).load()
    }

    func reasons(_ dataset: Dataset) -> [String] {
        dataset.rejections.rows.map { "\($0.file):\($0.line):\($0.reason)" }
    }

    @Test("the data's span runs from its earliest row to its latest, whichever relationship, order or kind of row")
    func span() throws {
        // Two relationships, out of time order in the file, and a row between two agencies (kept
        // apart from the relationships) that is the earliest of all.
        let interactions = """
            e1,hui,msd,iwi-1,2026-07-05T10:00:00Z,,,
            e2,hui,msd,iwi-1,2026-01-20T10:00:00Z,,,
            e3,hui,police,com-1,2026-05-01T09:30:00Z,,,
            e4,hui,msd,iwi-1,2026-02-11T10:00:00Z,,,
            e5,meeting,msd,police,2025-12-24T08:00:00Z,,,

            """
        var dataset = try load(interactions: interactions)
        #expect(dataset.span == instant("2025-12-24T08:00:00Z")...instant("2026-07-05T10:00:00Z"))
        // A survey answer later than every interaction ends the span.
        dataset = try load(surveys: "R1,iwi-1,msd,Q1,4,2026-08-02T12:00:00Z\n", interactions: interactions)
        #expect(dataset.span == instant("2025-12-24T08:00:00Z")...instant("2026-08-02T12:00:00Z"))
        #expect(try load().span == nil)
    }

    @Test("parties: names with commas and macrons, tags split on ;")
    func parties() throws {
        let dataset = try load()
        #expect(dataset.parties["iwi-1"] == Party(
            id: "iwi-1", name: "Te Rūnanga, Inc.", kind: "iwi", region: "Northland", tags: ["tangata_whenua", "rural"]))
        #expect(dataset.parties["msd"]?.isAgency == true)
        #expect(dataset.parties["com-1"]?.region == nil)
    }

    @Test("every survey rejection reason, in the order they are checked")
    func surveyReasons() throws {
        let rows = """
            R1,iwi-1,msd,Q1,4,2026-01-10T10:00:00+13:00
            R1,iwi-1,msd,Q2,,not a date
            R2,iwi-1,msd,Q1,3,2026-02-30
            R3,iwi-1,msd,Q1,3.0,2026-01-10
            R4,nobody,msd,Q1,3,2026-01-10
            R5,msd,police,Q1,3,2026-01-10
            ,iwi-1,msd,Q1,3,2026-01-10
            R1,iwi-1,msd,Q1,5,2026-01-10T10:00:00+13:00
            R1,iwi-1,police,Q3,5,2026-01-10T10:00:00+13:00
            R6,iwi-1,msd,Q1,3
            R7,com-1,police,Q1,+2,2026-01-11
            R1,iwi-1,msd,Q3,1,2026-01-09T21:00:00Z
            R8,iwi-1,com-1,Q1,3,2026-01-10
            R9,police,com-1,Q1,4,2026-01-12

            """
        let dataset = try load(surveys: rows)
        #expect(reasons(dataset) == [
            "long.csv:4:bad_timestamp", "long.csv:5:bad_value", "long.csv:6:unknown_party", "long.csv:7:bad_direction",
            "long.csv:8:missing_field", "long.csv:9:duplicate", "long.csv:10:inconsistent_response", "long.csv:11:bad_csv",
            "long.csv:14:bad_direction",
        ])
        // Two agencies (R5) or two partners (R8) are the wrong direction; an agency about a partner
        // (R9) is that agency's own view of the relationship.
        #expect(dataset.responses.map(\.id) == ["R1", "R7", "R9"])
        #expect(dataset.responses[2].side == .agency)
        #expect(dataset.responses[2].agency == "police" && dataset.responses[2].partner == "com-1")
        #expect(dataset.responses[0].answers == ["Q1": 4, "Q3": 1])
        #expect(dataset.responses[1].answers == ["Q1": 2])
        #expect(dataset.rejections.dataIssues.byReason.map(\.reason.rawValue) == [
            "bad_csv", "missing_field", "bad_timestamp", "bad_value", "unknown_party", "bad_direction", "duplicate",
            "inconsistent_response",
        ])
    }

    @Test("rows repeating an accepted row's respondent, subject and time are checked as fully as any other")
    func repeatedEnvelope() throws {
        // Line 2 is accepted; lines 3–5 repeat its respondent, subject and time but lack a question,
        // lack a response id, or give no number; R2 repeats them as a response of its own; lines 9
        // and 10 name an unknown party twice, the second time right after the first.
        let rows = """
            R1,iwi-1,msd,Q1,4,2026-01-10T10:00:00+13:00
            R1,iwi-1,msd,,4,2026-01-10T10:00:00+13:00
            ,iwi-1,msd,Q2,4,2026-01-10T10:00:00+13:00
            R1,iwi-1,msd,Q2,x,2026-01-10T10:00:00+13:00
            R1,iwi-1,msd,Q2,5,2026-01-10T10:00:00+13:00
            R2,iwi-1,msd,Q1,3,2026-01-10T10:00:00+13:00
            R3,iwi-1,police,Q1,2,2026-01-10T10:00:00+13:00
            R4,iwi-1,nobody,Q1,3,2026-01-10T10:00:00+13:00
            R4,iwi-1,nobody,Q1,3,2026-01-10T10:00:00+13:00
            "R5","iwi-1","msd","Q1",1,"2026-01-10T10:00:00+13:00"
            R5,iwi-1,msd,Q2,2,2026-01-10T10:00:00+13:00

            """
        let dataset = try load(surveys: rows)
        #expect(reasons(dataset) == [
            "long.csv:3:missing_field", "long.csv:4:missing_field", "long.csv:5:bad_value",
            "long.csv:9:unknown_party", "long.csv:10:unknown_party",
        ])
        #expect(dataset.responses.map(\.id) == ["R1", "R2", "R3", "R5"])
        #expect(dataset.responses.map(\.answers) == [["Q1": 4, "Q2": 5], ["Q1": 3], ["Q1": 2], ["Q1": 1, "Q2": 2]])
        #expect(dataset.responses.map(\.agency) == ["msd", "msd", "police", "msd"])
        #expect(Set(dataset.responses.map(\.submittedAt)) == [instant("2026-01-09T21:00:00Z")])
    }

    @Test("wide rows are accepted whole or rejected once; rows with no answers are skipped")
    func wide() throws {
        let wide = """
            Id,Org,Agency,End,Q1,Q2,Comment
            W1,iwi-1,msd,2026-01-05,4,5,"good, thanks"
            W2,iwi-1,msd,2026-01-05,4,x,
            W3,iwi-1,msd,2026-01-05,,,nothing
            W1,com-1,police,2026-01-06,1,1,
            R1,iwi-1,msd,2026-01-06,2,2,
            A1,police,com-1,2026-01-07,3,4,agency self-assessment
            A2,police,msd,2026-01-07,3,4,two agencies

            """
        let dataset = try load(surveys: "R1,iwi-1,msd,Q1,4,2026-01-10\n", wide: wide)
        #expect(reasons(dataset) == [
            "wide.csv:3:bad_value", "wide.csv:5:duplicate", "wide.csv:6:duplicate", "wide.csv:8:bad_direction",
        ])
        #expect(dataset.responses.map(\.id) == ["R1", "W1", "A1"])
        #expect(dataset.responses[1].answers == ["Q1": 4, "Q2": 5])
        // An agency answering about a partner: that agency's own view of the relationship.
        #expect(dataset.responses[2].side == .agency && dataset.responses[2].agency == "police")
    }

    @Test("every interaction rejection reason, CSV and JSON Lines")
    func interactionReasons() throws {
        let csv = """
            e1,request,iwi-1,msd,2026-01-10T10:00:00+13:00,,,email
            e2,request,iwi-1,msd,2026-01-10T10:00:00,,,
            e3,commitment,msd,iwi-1,2026-01-10,,2026-13-01,
            e4,request,ghost,msd,2026-01-10,,,
            ,request,iwi-1,msd,2026-01-10,,,
            e1,request,iwi-1,msd,2026-01-11,,,
            e5,request,iwi-1,msd
            e6,commitment,msd,iwi-1,2026-01-10,,2026-02-01,"in person"
            e7,meeting,msd,police,2026-01-10,,,

            """
        let jsonl = """
            {"id": "j1", "kind": "hui", "from": "msd", "to": "iwi-1", "at": "2026-01-12", "ref": null, "senior": "yes"}
            {"id": "j2", "kind": "hui", "from": "msd"

            {"id": "j3", "kind": "hui", "from": "msd", "to": "iwi-1", "at": "2026-01-12", "senior": true}
            {"id": "e6", "kind": "hui", "from": "msd", "to": "iwi-1", "at": "2026-01-12"}
            {"id": "j4", "kind": "hui", "from": "msd", "to": "iwi-1"}
            [1, 2]

            """
        let dataset = try load(interactions: csv, jsonl: jsonl)
        #expect(reasons(dataset) == [
            "events.csv:3:bad_timestamp", "events.csv:4:bad_timestamp", "events.csv:5:unknown_party",
            "events.csv:6:missing_field", "events.csv:7:duplicate", "events.csv:8:bad_csv",
            "events.jsonl:2:bad_json", "events.jsonl:4:bad_json", "events.jsonl:5:duplicate",
            "events.jsonl:6:missing_field", "events.jsonl:7:bad_json",
        ])
        // Grouped by relationship, oldest first: msd/iwi-1 (e6 at 00:00, e1 at 10:00, j1 two days
        // later), then msd→police, between two agencies, last.
        #expect(dataset.interactions.map(\.id) == ["e6", "e1", "j1", "e7"])
        #expect(dataset.interactions[1].attributes == ["channel": "email"])
        #expect(dataset.interactions[0].due == instant("2026-02-02T00:00:00+13:00"))
        #expect(dataset.interactions[2].attributes == ["senior": "yes"])
    }

    @Test("an attribute named twice in the header takes its first non-empty value; the last of a standard column counts")
    func repeatedColumns() throws {
        let scratch = Scratch()
        scratch.write("parties.csv", Self.parties)
        scratch.write("events.csv", """
            id,kind,from,to,at,mode,channel,mode,kind
            e1,meeting,msd,iwi-1,2026-01-10,,email,co-design,hui
            e2,meeting,msd,iwi-1,2026-01-11,informed,,consult,hui
            e3,meeting,msd,iwi-1,2026-01-12,,,,hui

            """)
        let configuration = try loadConfig(
            "data: {parties: parties.csv, interactions: [events.csv]}\ndimensions: {d: {}}\nindicators: []\n", in: scratch
        ).get()
        let interactions = try DataLoader(configuration: configuration).load().interactions
        #expect(interactions.map(\.id) == ["e1", "e2", "e3"])
        #expect(interactions.map(\.kind) == ["hui", "hui", "hui"])
        #expect(interactions.map(\.attributes) == [
            ["mode": "co-design", "channel": "email"], ["mode": "informed"], [:],
        ])
    }

    @Test("invalid UTF-8 in a row rejects that row only")
    func invalidUTF8() throws {
        let scratch = Scratch()
        scratch.write("parties.csv", Self.parties)
        _ = scratch.writeBytes("events.csv", Array("id,kind,from,to,at\ne1,hui,msd,iwi-1,2026-01-01\ne2,h".utf8)
            + [0xC3, 0x28] + Array("i,msd,iwi-1,2026-01-01\n".utf8))
        let configuration = try loadConfig(
            "data: {parties: parties.csv, interactions: [events.csv]}\ndimensions: {}\n", in: scratch
        ).get()
        let dataset = try DataLoader(configuration: configuration).load()
        #expect(reasons(dataset) == ["events.csv:3:bad_csv"])
        #expect(dataset.interactions.map(\.id) == ["e1"])
    }

    @Test("a missing file, missing columns or a bad parties file stop the load")
    func fatal() throws {
        let scratch = Scratch()
        scratch.write("parties.csv", Self.parties + "msd,Again,agency,,\n")
        let configuration = try loadConfig("data: {parties: parties.csv}\ndimensions: {}\n", in: scratch).get()
        #expect(throws: DataLoadError.self) { try DataLoader(configuration: configuration).load() }
        do {
            _ = try DataLoader(configuration: configuration).load()
        } catch {
            #expect(error.description == "parties.csv:6: duplicate party id `msd`")
        }
        scratch.write("parties.csv", Self.parties)
        scratch.write("events.csv", "id,kind,from,at\n")
        let missingColumn = try loadConfig(
            "data: {parties: parties.csv, interactions: [events.csv, gone.csv]}\ndimensions: {}\n", in: scratch
        ).get()
        do {
            _ = try DataLoader(configuration: missingColumn).load()
            Issue.record("expected a failure")
        } catch {
            #expect(error.description == "events.csv:1: missing header column `to`; found id,kind,from,at")
        }
    }
}
