import Foundation
import Testing
import TutahiTestSupport

/// The benchmark's data sets, small: at every scale and in both shapes (ours, and the wide one
/// with many partners per agency, long quoted attribute values and twelve questions) the scorecard
/// is the same for any number of threads and equals the same six indicators computed as SQL by
/// DuckDB (an independent reference, working days from the `holidays` package).
/// The benchmark itself (Benchmarks/run.sh) measures; these tests only check results.
@Suite("National-scale data: the same results at every scale and thread count")
struct ScaleTests {
    struct ScriptFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs a Python script under Benchmarks/; its standard output and error, or why it failed.
    static func python(_ script: String, _ arguments: [String]) throws -> String {
        let scratch = Scratch()
        let output = scratch.write("output.txt", "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLI.root + "/Benchmarks/" + script] + arguments
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw ScriptFailure(description: "\(script) exited \(process.terminationStatus) (scripts/test installs duckdb): \(text)")
        }
        return text
    }

    @Test("scorecards match DuckDB and do not depend on the number of threads",
          arguments: ["1/2000 national", "1/400 national", "1/400 wide"])
    func sameAtEveryScale(data: String) throws {
        let directory = Scratch().path
        _ = try Self.python("generate.py", [String(data.split(separator: " ")[0]), directory, String(data.split(separator: " ")[1])])
        var scorecards: [Data] = []
        for workers in [1, 2, 3] {
            let output = try CLI.run([
                "run", "-c", directory + "/tutahi.yaml", "--as-of", "2026-06-30", "--workers", "\(workers)",
            ])
            #expect(output.status == 0, "\(output.stderr)")
            scorecards.append(try Data(contentsOf: URL(fileURLWithPath: directory + "/out/scorecard.json")))
        }
        #expect(scorecards[1] == scorecards[0], "2 threads give what 1 gives")
        #expect(scorecards[2] == scorecards[0], "3 threads give what 1 gives")
        let json = try #require(try JSONSerialization.jsonObject(with: scorecards[0]) as? [String: Any])
        #expect((json["relationships"] as? [Any])?.isEmpty == false)
        let comparison = try Self.python(
            "duckdb_baseline.py", [directory, "2026-06-30", directory + "/out/scorecard.json"])
        #expect(comparison.contains("results equal"), "\(comparison)")
    }
}
