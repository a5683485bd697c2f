import Testing
import TutahiTestSupport
import TutahiCore
import TutahiPluginAPI

@Suite("Deadlines in working days")
struct WorkingDayIndicatorTests {
    func detail(_ result: IndicatorResult?, _ key: String) -> JSONValue? {
        result?.detail.first { $0.0 == key }?.1
    }

    @Test("follow_through within 20wd on nz-oia: a close at the deadline instant is on time, one second later late")
    func officialInformationRequests() async throws {
        let world = World(
            config: """
                dimensions: {voice: {}}
                indicators:
                  - {id: oia, plugin: follow_through, dimension: voice, open: {kind: oia_request},
                     close: {kind: oia_response}, within: 20wd, calendar: nz-oia}
                """,
            interactions: """
                r1,oia_request,iwi-1,msd,2026-12-18T10:00:00+13:00,,,,
                a1,oia_response,msd,iwi-1,2027-02-10T00:00:00+13:00,r1,,,
                r2,oia_request,com-1,msd,2026-12-18T10:00:00+13:00,,,,
                a2,oia_response,msd,com-1,2027-02-10T00:00:01+13:00,r2,,,
                r3,oia_request,com-2,msd,2026-12-18T23:59:00+13:00,,,,

                """)
        let card = try await world.check(asOf: "2027-03-01")
        #expect(detail(card.relationship("msd", "iwi-1")?.indicator("oia"), "on_time") == .int(1))
        #expect(detail(card.relationship("msd", "com-1")?.indicator("oia"), "late") == .int(1))
        #expect(detail(card.relationship("msd", "com-2")?.indicator("oia"), "open") == .int(1))
        // As of 9 February the deadline (the end of that day) is not yet in the window: no items.
        let before = try await world.check(asOf: "2027-02-08")
        #expect(before.relationship("msd", "iwi-1")?.indicator("oia")?.n == 0)
    }

    @Test("deadline: due with a wd grace counts from the date a bare-date due names")
    func dueDates() async throws {
        let world = World(
            config: """
                dimensions: {good_faith: {}}
                indicators:
                  - {id: kept, plugin: follow_through, dimension: good_faith, open: {kind: commitment, by: agency},
                     close: {kind: delivery, by: agency}, deadline: due, grace: 2wd}
                """,
            interactions: """
                c1,commitment,msd,iwi-1,2026-06-01,,2026-06-17,,
                d1,delivery,msd,iwi-1,2026-06-19T23:00:00+12:00,c1,,,
                c2,commitment,msd,com-1,2026-06-01,,2026-06-17,,
                d2,delivery,msd,com-1,2026-06-20T09:00:00+12:00,c2,,,
                c3,commitment,msd,com-2,2026-06-01,,2026-06-19T00:00:00+12:00,,
                d3,delivery,msd,com-2,2026-06-23T12:00:00+12:00,c3,,,

                """)
        let card = try await world.check(asOf: "2026-06-30")
        // Due Wednesday 17 June, 2 working days' grace: the end of Friday 19 June.
        #expect(detail(card.relationship("msd", "iwi-1")?.indicator("kept"), "on_time") == .int(1))
        #expect(detail(card.relationship("msd", "com-1")?.indicator("kept"), "late") == .int(1))
        // Due at the instant 00:00 on Friday 19 June: its date is the 19th, so the end of Tuesday 23 June.
        #expect(detail(card.relationship("msd", "com-2")?.indicator("kept"), "on_time") == .int(1))
    }

    @Test("advance_notice with min_notice in working days, on the indicator's calendar")
    func advanceNotice() async throws {
        let world = World(
            config: """
                dimensions: {good_faith: {}}
                indicators:
                  - {id: notice, plugin: advance_notice, dimension: good_faith, min_notice: 3wd}
                """,
            interactions: """
                k1,consultation,msd,iwi-1,2026-04-01T09:00:00+13:00,,,,
                x1,decision,msd,iwi-1,2026-04-09T00:00:00+12:00,k1,,,
                k2,consultation,msd,com-1,2026-04-01T09:00:00+13:00,,,,
                x2,decision,msd,com-1,2026-04-08T23:00:00+12:00,k2,,,

                """)
        // Wednesday 1 April 2026: Thursday 2 is day 1, Good Friday and Easter Monday are out, Tuesday 7
        // is day 2, Wednesday 8 day 3: the notice ends at 00:00 on 9 April.
        let card = try await world.check(asOf: "2026-04-30")
        #expect(detail(card.relationship("msd", "iwi-1")?.indicator("notice"), "adequate") == .int(1))
        #expect(detail(card.relationship("msd", "com-1")?.indicator("notice"), "short_notice") == .int(1))
    }

    @Test("a deadline beyond the years the calendar knows makes the indicator an error, not a guess")
    func beyondTheSchedule() async throws {
        let world = World(
            config: """
                dimensions: {voice: {}}
                indicators:
                  - {id: reply, plugin: follow_through, dimension: voice, open: {kind: request},
                     close: {kind: response}, within: 10wd}
                """,
            interactions: """
                q1,request,iwi-1,msd,2052-12-28T10:00:00+13:00,,,,

                """)
        let card = try await world.check(asOf: "2052-12-31")
        let result = card.relationship("msd", "iwi-1")?.indicator("reply")
        #expect(result?.status == .error)
        #expect(result?.error?.contains("2000 to 2052") == true)
    }

    @Test("a failure in one relationship of 600 fails the indicator in all of them, and no other indicator")
    func failureAcrossSlices() async throws {
        // 600 relationships: the engine measures them in several slices, on several tasks.
        let scratch = Scratch()
        scratch.write("parties.csv", "id,name,kind\nmsd,MSD,agency\n"
            + (0..<600).map { "p\($0),Partner \($0),community\n" }.joined())
        var events = "id,kind,from,to,at\n"
        for partner in 0..<600 {
            // One partner's request is due past the years the calendar knows.
            let day = partner == 437 ? "2052-12-28" : "2026-03-02"
            events += "q\(partner),request,p\(partner),msd,\(day)T10:00:00+13:00\n"
            events += "h\(partner),hui,msd,p\(partner),2026-03-05T10:00:00+13:00\n"
        }
        scratch.write("events.csv", events)
        scratch.write("tutahi.yaml", """
            data: {parties: parties.csv, interactions: [events.csv]}
            dimensions: {voice: {}}
            indicators:
              - {id: reply, plugin: follow_through, dimension: voice, open: {kind: request},
                 close: {kind: response}, within: 10wd}
              - {id: contact, plugin: engagement, dimension: voice, kinds: [hui], target: 1}
            """)
        let configuration = try ConfigurationLoader(registry: .builtin, environment: [:])
            .load(path: scratch.path + "/tutahi.yaml")
        let engine = Engine(
            configuration: configuration, dataset: try DataLoader(configuration: configuration).load(),
            maximumConcurrency: 4)
        let card = await engine.check(at: try #require(AsOf.parse("2052-12-31", in: configuration.zone)))
        #expect(card.relationships.count == 600)
        let replies = card.relationships.compactMap { $0.indicator("reply") }
        #expect(replies.count == 600)
        #expect(replies.allSatisfy { $0.status == .error && $0.error == replies[0].error && $0.n == 0 })
        #expect(replies[0].error?.contains("2000 to 2052") == true)
        #expect(card.relationships.allSatisfy { $0.indicator("contact")?.status != .error })
        #expect(card.relationships.allSatisfy { $0.indicators.map(\.id) == ["reply", "contact"] })
    }

    @Test("wd where no event's time is added, unknown and misdeclared calendars: errors at their positions")
    func configurationErrors() {
        let found = problems("""
            data: {parties: parties.csv}
            calendars:
              nz: {holidays: none}
              office: {region: XYZ, weekend: [fri, caturday], closed: [{from: "12-24", to: "13-01"}]}
            defaults: {window: 20wd, calendar: ofice}
            dimensions: {trust: {}}
            indicators:
              - {id: a, plugin: follow_through, dimension: trust, open: {kind: q}, close: {kind: r}, within: 2wd,
                 calendar: nz-oai}
              - {id: b, plugin: engagement, dimension: trust, kinds: [hui], target: 2, window: 30wd}
            """)
        #expect(found.contains { $0.hasPrefix("3:3: `nz` is a built-in calendar") })
        #expect(found.contains { $0.hasPrefix("4:20: unknown region `XYZ`") })
        #expect(found.contains { $0.hasPrefix("4:40: expected a day such as `sat` or `sun`, found `caturday`") })
        #expect(found.contains { $0.hasPrefix("4:80: expected a day of the year as \"MM-DD\"") })
        #expect(found.contains { $0.hasPrefix("5:20: working days (`20wd`) count only where time is added to an event") })
        #expect(found.contains { $0.hasPrefix("9:16: unknown calendar `nz-oai`; did you mean `nz-oia`?") })
        #expect(found.contains { $0.hasPrefix("10:84: working days (`30wd`)") })
        #expect(problems("""
            data: {parties: parties.csv}
            calendars: {office: {weekend: [sat]}}
            defaults: {calendar: ofice}
            dimensions: {trust: {}}
            """) == ["3:22: unknown calendar `ofice`; did you mean `office`?"])
    }

    @Test("an extra-dates file with a bad row is an error at its line")
    func extraFile() {
        let scratch = Scratch()
        scratch.write("closures.csv", "date,name\n2026-12-23,Office party\n23/12/2026,Typo\n")
        let result = loadConfig("""
            data: {parties: parties.csv}
            calendars:
              office: {extra: closures.csv}
            dimensions: {trust: {}}
            """, in: scratch)
        guard case .failure(let errors) = result else {
            Issue.record("expected a configuration error")
            return
        }
        #expect(errors.errors.map { "\($0.mark?.file ?? ""):\($0.mark?.line ?? 0): \($0.message)" } == [
            "closures.csv:3: expected a bare date such as 2026-12-24, found `23/12/2026`"
        ])
    }
}
