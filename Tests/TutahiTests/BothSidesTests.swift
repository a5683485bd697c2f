import Foundation
import Testing
import TutahiPluginAPI
@testable import TutahiCore

@Suite("Both sides of a relationship")
struct BothSidesTests {
    /// Partners' and agencies' answers on two items, T2 reverse-coded, on a 1–5 scale.
    static let surveys = """
        P1,iwi-1,msd,T1,4,2026-03-01
        P1,iwi-1,msd,T2,2,2026-03-01
        P2,iwi-1,msd,T1,3,2026-03-02
        P2,iwi-1,msd,T2,3,2026-03-02
        A1,msd,iwi-1,T1,5,2026-03-03
        A1,msd,iwi-1,T2,1,2026-03-03
        A2,msd,iwi-1,T1,4,2026-03-04
        A2,msd,iwi-1,T2,1,2026-03-04
        A3,msd,iwi-1,T1,5,2026-03-05
        A3,msd,iwi-1,T2,2,2026-03-05
        Q1,com-1,msd,T1,2,2026-03-01
        B1,msd,com-1,T1,5,2026-03-03
        B2,msd,com-1,T1,5,2026-03-04
        B3,msd,com-1,T1,4,2026-03-05
        C1,msd,com-2,T1,4,2026-03-03
        C2,msd,com-2,T1,4,2026-03-04

        """

    static let config = """
        dimensions: {trust: {}, mutuality: {}}
        indicators:
          - {id: partner_view, plugin: survey_scale, dimension: trust, questions: [T1, T2], reverse: [T2], min_n: 2}
          - {id: agency_view, plugin: survey_scale, dimension: mutuality, questions: [T1, T2], reverse: [T2],
             respondents: agency, min_n: 2}
          - {id: gap, plugin: perception_gap, dimension: mutuality, questions: [T1, T2], reverse: [T2], min_n: 2}
        """

    func detail(_ result: IndicatorResult?) -> [String: JSONValue] {
        Dictionary(result?.detail ?? [], uniquingKeysWith: { first, _ in first })
    }

    @Test("each side is scored apart; the gap is the agency's mean minus the partner's, reverse items on both sides")
    func gap() async throws {
        let card = try await World(config: Self.config, surveys: Self.surveys).check(asOf: "2026-03-31")
        let relationship = try #require(card.relationship("msd", "iwi-1"))
        // Partner: (4 + (6−2)) / 2 = 4 and (3 + 3) / 2 = 3, mean 3.5. Agency: (5 + 5) / 2, (4 + 5) / 2,
        // (5 + 4) / 2 = 5, 4.5, 4.5, mean 14/3.
        let partner = try #require(relationship.indicator("partner_view"))
        #expect(partner.value == 3.5 && partner.n == 2)
        let agency = try #require(relationship.indicator("agency_view"))
        #expect(abs((agency.value ?? 0) - 14.0 / 3) < 1e-12 && agency.n == 3)
        let gap = try #require(relationship.indicator("gap"))
        #expect(gap.n == 2)
        #expect(abs((gap.value ?? 0) - (14.0 / 3 - 3.5)) < 1e-12)
        // 100 (1 − 1.1666… / 4) = 70.833…
        #expect(abs((gap.score ?? 0) - 100 * (1 - (14.0 / 3 - 3.5) / 4)) < 1e-9)
        #expect(detail(gap) == [
            "agency_n": .int(3), "partner_n": .int(2), "agency_mean": .number(14.0 / 3), "partner_mean": .number(3.5),
        ])
    }

    @Test("the smaller side sets n: one partner respondent beside three agency ones is suppressed, means hidden")
    func smallerSide() async throws {
        let card = try await World(config: Self.config, surveys: Self.surveys).check(asOf: "2026-03-31")
        let gap = try #require(card.relationship("msd", "com-1")?.indicator("gap"))
        #expect(gap.status == .suppressed && gap.n == 1 && gap.value == nil && gap.score == nil)
        #expect(detail(gap) == ["agency_n": .int(3), "partner_n": .int(1)])
        // Only the agency answered about com-2: no data, and the relationship exists through those rows.
        let none = try #require(card.relationship("msd", "com-2")?.indicator("gap"))
        #expect(none.status == .noData && none.n == 0)
        #expect(detail(none) == ["agency_n": .int(2), "partner_n": .int(0)])
        #expect(card.relationship("msd", "com-2")?.indicator("partner_view")?.status == .noData)
    }

    static func summary(_ id: String, _ score: Double?) -> AgencySummary {
        AgencySummary(
            agency: party(id, "agency"), relationships: 1, scored: score == nil ? 0 : 1, score: score, status: .noData,
            green: 0, amber: 0, red: 0)
    }

    @Test("percentile: lowest 0, highest 100, ties share, scoreless agencies and a lone agency get none")
    func percentiles() {
        let ranked = [
            Self.summary("a", 40), Self.summary("b", 60), Self.summary("c", 60 + 1e-12), Self.summary("d", 80),
            Self.summary("e", nil),
        ].withPercentiles().map(\.percentile)
        // N = 4: a has none below (0); b and c have one below and one tie: (1 + 0.5) / 3; d has three below.
        #expect(ranked == [0, 50, 50, 100, nil])
        #expect([Self.summary("a", 40), Self.summary("e", nil)].withPercentiles().map(\.percentile) == [nil, nil])
        #expect([Self.summary("a", 55), Self.summary("b", 55)].withPercentiles().map(\.percentile) == [50, 50])
    }

    @Test("the exec request names each survey answer's respondent, so a program can tell the sides apart")
    func execRespondent() async throws {
        let world = World(config: """
            dimensions: {trust: {}}
            indicators:
              - {id: echo, plugin: exec, dimension: trust, command: [python3, echo.py], timeout: 120s}
            """, surveys: Self.surveys)
        world.scratch.write("echo.py", """
            import json, sys
            request = json.load(sys.stdin)
            results = []
            for r in request["relationships"]:
                agency_side = sum(1 for s in r["surveys"] if s["respondent"] == r["agency"]["id"])
                results.append({"agency": r["agency"]["id"], "partner": r["partner"]["id"],
                                "value": agency_side, "score": 50, "n": len(r["surveys"])})
            json.dump({"results": results}, sys.stdout)
            """)
        let card = try await world.check(asOf: "2026-03-31")
        let echo = try #require(card.relationship("msd", "iwi-1")?.indicator("echo"))
        #expect(echo.value == 3 && echo.n == 5)
    }
}

@Suite("Both sides in the reports", .serialized)
struct BothSidesReportTests {
    func world() -> World {
        World(config: BothSidesTests.config + """

            outputs:
              - {type: html, path: out/report.html}
              - {type: markdown, path: out/report.md}
            """, surveys: BothSidesTests.surveys)
    }

    @Test("a scored gap shows both views side by side; a suppressed one shows neither mean")
    func sideBySide() throws {
        let world = world()
        let run = try CLI.run(["run", "-c", world.scratch.path + "/tutahi.yaml", "--as-of", "2026-03-31"])
        #expect(run.status == 0, "\(run.stderr)")
        let markdown = try String(contentsOfFile: world.scratch.path + "/out/report.md", encoding: .utf8)
        // Agency 14/3 = 4.7, partner 3.5, gap +1.2 (one decimal each).
        #expect(markdown.contains("| gap on a 1–5 scale | 4.7 | 3.5 | +1.2 | the agency sees it more warmly |"))
        #expect(markdown.components(separatedBy: "How each side sees it").count == 2)
        // One agency, with no peers to place it among. Its score: iwi-1 (62.5 + (91.67 + 70.83) / 2) / 2
        // = 71.88, com-1 91.67 (the agency's view alone), com-2 75: mean 79.5.
        #expect(markdown.contains("| Ministry of Social Development | 3 | 3 | 79.5 | ● Good | 3 | 0 | 0 | – |"))

        let report = world.scratch.path + "/out/report.html"
        let dom = try Chromium.run(["--dump-dom"], file: report)
        let cards = dom.components(separatedBy: "<article")
        let both = try #require(cards.first { $0.contains("id=\"msd--iwi-1\"") })
        #expect(both.contains("<title>The agency's view 4.7, the partner's 3.5, on a 1–5 scale</title>"))
        #expect(ReportTests.text(of: both).contains("the agency's view 4.7, the partner's 3.5 on a 1–5 scale (gap +1.2"))
        let suppressed = try #require(cards.first { $0.contains("id=\"msd--com-1\"") })
        #expect(!suppressed.contains("How each side sees it"))
        // The one partner respondent answered 2: no 2.0 anywhere on its card.
        #expect(!ReportTests.text(of: suppressed).contains("2.0"))
        let screenshot = world.scratch.path + "/out/report.png"
        _ = try Chromium.run(["--window-size=800,1200", "--screenshot=\(screenshot)"], file: report)
        #expect(try Data(contentsOf: URL(fileURLWithPath: screenshot)).starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }
}
