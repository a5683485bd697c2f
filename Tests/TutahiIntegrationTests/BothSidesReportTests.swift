import Foundation
import Testing
import TutahiCore
import TutahiPluginAPI
import TutahiTestSupport

@Suite("Both sides in the reports", .serialized)
struct BothSidesReportTests {
    func world() -> World {
        World(config: BothSidesSample.config + """

            outputs:
              - {type: html, path: out/report.html}
              - {type: markdown, path: out/report.md}
            """, surveys: BothSidesSample.surveys)
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

@Suite("Both sides through exec")
struct BothSidesExecTests {
    @Test("the exec request names each survey answer's respondent, so a program can tell the sides apart")
    func execRespondent() async throws {
        let world = World(config: """
            dimensions: {trust: {}}
            indicators:
              - {id: echo, plugin: exec, dimension: trust, command: [python3, echo.py], timeout: 120s}
            """, surveys: BothSidesSample.surveys)
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
