import Foundation
import Testing
import TutahiTestSupport
@testable import TutahiCore
import TutahiPluginAPI

/// Reports a person can act on: evidence, units, thresholds, thin evidence, what moved.
@Suite("Reports: why a score is what it is", .serialized)
struct ReportEvidenceTests {
    static func world(evidence: String = "") -> World {
        let world = World(
            config: """
                store: state/tutahi.sqlite
                dimensions: {voice: {}, trust: {}}
                indicators:
                  - {id: replies, plugin: follow_through, dimension: voice, open: {kind: request}, close: {kind: response},
                     within: 10d}
                  - {id: contact, plugin: engagement, dimension: voice, kinds: [hui], target: 4}
                  - {id: trust_q, plugin: survey_scale, dimension: trust, questions: [T1], min_n: 3}
                outputs:
                  - {type: html, path: out/report.html\(evidence)}
                  - {type: markdown, path: out/report.md\(evidence)}
                """,
            surveys: """
                s1,iwi-1,msd,T1,4,2026-01-10
                s2,iwi-1,msd,T1,2,2026-01-11

                """,
            interactions: """
                q1,request,iwi-1,msd,2026-01-05T09:00:00+13:00,,,,
                q2,request,iwi-1,msd,2026-01-06T09:00:00+13:00,,,,
                a2,response,msd,iwi-1,2026-01-20T09:00:00+13:00,q2,,,
                q3,request,iwi-1,msd,2026-01-07T09:00:00+13:00,,,,
                a3,response,msd,iwi-1,2026-01-08T09:00:00+13:00,q3,,,
                h1,hui,msd,iwi-1,2026-01-05,,,,
                q4,request,iwi-1,msd,2026-02-02T09:00:00+13:00,,,,
                a4,response,msd,iwi-1,2026-02-03T09:00:00+13:00,q4,,,
                h2,hui,msd,iwi-1,2026-02-05,,,,

                """)
        return world
    }

    @Test("items counting against a result below green, in <details>; units, thresholds, thin evidence, what moved")
    func evidence() throws {
        let world = Self.world()
        let config = world.scratch.path + "/tutahi.yaml"
        #expect(try CLI.run(["run", "-c", config, "--as-of", "2026-01-31"]).status == 0)
        #expect(try CLI.run(["run", "-c", config, "--as-of", "2026-02-28"]).status == 0)
        let report = world.scratch.path + "/out/report.html"
        let dom = try Chromium.run(["--dump-dom"], file: report)
        let card = try #require(dom.components(separatedBy: "<article").first { $0.contains("id=\"msd--iwi-1\"") })
            .components(separatedBy: "</article>")[0]
        let text = ReportTests.text(of: card)
        // Replies as of 28 February: q1 open, q2 late, q3 and q4 on time: 2 of 4.
        #expect(text.contains("2 of 4 in time (50%)"))
        #expect(card.contains("<details><summary>What counts against “replies”</summary>"))
        #expect(text.contains("open q1: opened 2026-01-05 09:00, deadline 2026-01-15 09:00, closed none"))
        #expect(text.contains("late q2: opened 2026-01-06 09:00, deadline 2026-01-16 09:00, closed 2026-01-20 09:00"))
        #expect(!text.contains("q3:") && !text.contains("q4:"))
        #expect(text.contains("2 hui (target 4)"))
        #expect(text.contains("good from 70.0, needs attention from 40.0"))
        #expect(text.contains("thin evidence: rests on 4 items"))
        // Since 31 January: q4 answered in time raised replies from 1 of 3 to 2 of 4; a second hui
        // raised contact from 25 to 50. Voice is the mean of the two, the only scored dimension:
        // replies 33.3 → 50 is +8.3 points of the overall score, contact 25 → 50 is +12.5.
        #expect(text.contains("What moved its score since 31 January 2026"))
        #expect(text.contains("contact: +12.5 points (score 25.0 → 50.0)"))
        #expect(text.contains("replies: +8.3 points (score 33.3 → 50.0)"))
        // The suppressed survey result (two answers, min_n 3) gives away nothing.
        #expect(!text.contains("T1") && !text.contains("3.0 on a"))
        #expect(!dom.contains("<script"))
        let markdown = try String(contentsOfFile: world.scratch.path + "/out/report.md", encoding: .utf8)
        #expect(markdown.contains("Counting against *replies*:\n- open q1: opened 2026-01-05 09:00"))
    }

    @Test("`evidence: 1` shows one item and counts the rest; `evidence: 0` shows none and collects none")
    func limits() throws {
        for (limit, expected) in [(1, true), (0, false)] {
            let world = Self.world(evidence: ", evidence: \(limit)")
            #expect(try CLI.run(["run", "-c", world.scratch.path + "/tutahi.yaml", "--as-of", "2026-02-28"]).status == 0)
            let html = try String(contentsOfFile: world.scratch.path + "/out/report.html", encoding: .utf8)
            #expect(html.contains("What counts against") == expected)
            #expect(html.contains("and 1 more") == expected)
        }
    }

    @Test("every built-in plugin describes itself in plain words when the config gives no description")
    func descriptions() throws {
        let configuration = try loadConfig("""
            data: {parties: parties.csv}
            dimensions: {d: {}}
            indicators:
              - {id: a, plugin: follow_through, dimension: d, open: {kind: request}, close: {kind: response}, within: 10d}
              - {id: b, plugin: follow_through, dimension: d, open: {kind: commitment, by: agency},
                 close: {kind: delivery, by: agency}, deadline: due, grace: 2wd}
              - {id: c, plugin: advance_notice, dimension: d, min_notice: 15wd}
              - {id: e, plugin: engagement, dimension: d, kinds: [meeting, hui], target: 4}
              - {id: f, plugin: ratio, dimension: d, numerator: {kind: decision, where: {mode: co-design}},
                 denominator: {kind: decision, by: agency}, target: 0.5}
              - {id: g, plugin: survey_scale, dimension: d, questions: [T1, T2, T3], reverse: [T3]}
              - {id: h, plugin: perception_gap, dimension: d, questions: [T1, T2]}
            """).get()
        #expect(configuration.indicators.map { $0.instance.defaultDescription ?? "" } == [
            "Requests from the partner closed by responses from the agency within 10 days",
            "Commitments from the agency closed by deliveries from the agency within 2 working days of their due date",
            "The agency's decisions preceded by its consultation at least 15 working days before",
            "Hui or meetings between the two, against a target of 4 in the window",
            "Decisions matching the numerator, as a share of decisions by the agency, target 50%",
            "Mean answer of the partner's people about the agency to T1, T2, T3 (T3 reverse-coded), on a 1–5 scale",
            "How far apart the agency's and the partner's mean answers to T1, T2 are, on a 1–5 scale (100: they agree)",
        ])
    }

    @Test("alert messages: one decimal, none for a whole number; n/a for null")
    func messages() {
        #expect(MessageTemplate.format(.number(5)) == "5")
        #expect(MessageTemplate.format(.number(45.0000000001)) == "45")
        #expect(MessageTemplate.format(.number(-3)) == "-3")
        #expect(MessageTemplate.format(.number(0.6 * 100)) == "60")
        #expect(MessageTemplate.format(.number(71.42857)) == "71.4")
        #expect(MessageTemplate.format(.null) == "n/a")
    }
}
