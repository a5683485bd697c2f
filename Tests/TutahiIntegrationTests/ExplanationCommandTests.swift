import Foundation
import Testing
import TutahiBuiltins
import TutahiCore
import TutahiPluginAPI
import TutahiTestSupport

@Suite("Explanations from programs and the command line")
struct ExplanationCommandTests {
    @Test("exec evidence passes through, and more than 64 KiB of it makes the indicator an error")
    func execEvidence() async throws {
        for (size, fails) in [(100, false), (70_000, true)] {
            let world = World(config: """
                dimensions: {trust: {}}
                indicators:
                  - {id: ext, plugin: exec, dimension: trust, command: [python3, plugin.py], timeout: 120s}
                """, interactions: ExplanationSample.interactions)
            world.scratch.write("plugin.py", """
                import json, sys
                request = json.load(sys.stdin)
                results = [{"agency": r["agency"]["id"], "partner": r["partner"]["id"], "value": 1, "score": 50, "n": 1,
                            "evidence": {"wanted": request["wants_evidence"], "note": "x" * \(size)}}
                           for r in request["relationships"]]
                json.dump({"results": results}, sys.stdout)
                """)
            let configuration = try ConfigurationLoader(registry: .builtin, environment: [:])
                .load(path: world.scratch.path + "/tutahi.yaml")
            let engine = Engine(configuration: configuration, dataset: try DataLoader(configuration: configuration).load())
            let explanation = await engine.explain(at: try #require(AsOf.parse("2026-04-30", in: zone)))
            let result = explanation.relationships.first?.score.indicator("ext")
            if fails {
                #expect(result?.status == .error)
                #expect(result?.error?.contains("at most 65536") == true)
            } else {
                #expect(ExplanationSample.evidence(explanation, "ext")?["wanted"] == .bool(true))
                #expect(ExplanationSample.evidence(explanation, "ext")?["note"] == .string(String(repeating: "x", count: size)))
            }
        }
    }

    @Test("tutahi explain: text and JSON for one relationship; an unknown agency is one line and exit 2")
    func command() throws {
        let directory = try CLI.sampleCopy()
        let json = try CLI.run([
            "explain", "-c", directory + "/tutahi.yaml", "--as-of", "2026-10-31", "--compare-to", "2026-07-31",
            "msd", "hapu-03", "--format", "json", "--limit", "1",
        ])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "tutahi.explain/1")
        #expect(object["compare_to"] as? String == "2026-08-01T00:00:00+12:00")
        let relationships = try #require(object["relationships"] as? [[String: Any]])
        #expect(relationships.count == 1 && relationships[0]["partner"] as? String == "hapu-03")
        let text = try CLI.run(["explain", "-c", directory + "/tutahi.yaml", "--as-of", "2026-10-31", "msd", "hapu-03"])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("As of 31 October 2026\n\nMinistry of Social Development (msd) and "))
        // Three of its four requests were answered in time; the late one is listed against it.
        #expect(text.stdout.contains("Requests answered within 10 days [request_response]: score 75.0, 7.89 points\n"))
        #expect(text.stdout.contains("- late e000311: opened 2026-08-13 22:36, deadline 2026-08-23 22:36, closed 2026-09-03 03:40"))
        // Nothing is written: no outputs, no store.
        #expect(!FileManager.default.fileExists(atPath: directory + "/out") && !FileManager.default.fileExists(atPath: directory + "/state"))
        let unknown = try CLI.run(["explain", "-c", directory + "/tutahi.yaml", "--as-of", "2026-10-31", "nobody"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "tutahi: error: no relationship for agency `nobody` as of 2026-11-01T00:00:00+13:00\n")
    }
}
