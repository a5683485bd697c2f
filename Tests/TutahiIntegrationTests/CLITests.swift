import Foundation
import Testing
import TutahiCore
import TutahiTestSupport

/// Runs the real `tutahi` binary, as a user would.

@Suite("Command line", .serialized)
struct CLITests {
    @Test("run on the bundled sample writes the scorecard and prints the table")
    func runSample() throws {
        let directory = try CLI.sampleCopy()
        let output = try CLI.run(["run", "--config", directory + "/tutahi.yaml", "--as-of", "2026-10-31"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("Tūtahi relationship health as of 2026-11-01T00:00:00+13:00"))
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/out/scorecard.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["schema"] as? String == "tutahi.scorecard/1")
        #expect(json["as_of"] as? String == "2026-11-01T00:00:00+13:00")
        let relationships = try #require(json["relationships"] as? [[String: Any]])
        #expect(relationships.count > 50)
        let issues = try #require(json["data_issues"] as? [String: Any])
        #expect(issues["rejected"] as? Int == 4)
        #expect(!String(decoding: data, as: UTF8.self).contains("31/02/2026"), "no raw rows in outputs")
    }

    @Test("--version prints the version alone, exit 0")
    func version() throws {
        let output = try CLI.run(["--version"])
        #expect(output.status == 0)
        #expect(output.stdout == TutahiVersion.current + "\n")
    }

    @Test("the example exec plugin scores the sample; its stderr reaches the log under its id")
    func examplePlugin() throws {
        let directory = try CLI.sampleCopy()
        let output = try CLI.run(["run", "--config", directory + "/tutahi.yaml", "--as-of", "2026-10-31", "--verbose"])
        #expect(output.status == 0)
        #expect(output.stderr.contains("indicator=senior_presence stream=stderr [ExecIndicator] scored"))
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/out/scorecard.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let relationships = try #require(json["relationships"] as? [[String: Any]])
        let scored = relationships.compactMap { ($0["indicators"] as? [String: Any])?["senior_presence"] as? [String: Any] }
            .filter { $0["score"] is Double }
        #expect(scored.count > 50)
    }

    @Test("validate reports a misspelt key with its position and the nearest key, exit 2")
    func misspelt() throws {
        let directory = try CLI.sampleCopy()
        let path = directory + "/tutahi.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "    weight: 2\n    questions: [T1", with: "    wieght: 2\n    questions: [T1")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let output = try CLI.run(["validate", "--config", path])
        #expect(output.status == 2)
        let line = text.components(separatedBy: "\n").firstIndex { $0.contains("wieght") }.map { $0 + 1 } ?? 0
        #expect(output.stderr == "\(path):\(line):5: unknown key `wieght`; did you mean `weight`?\n")
        #expect(!FileManager.default.fileExists(atPath: directory + "/out"), "validate writes nothing")
    }

    @Test("an empty file, a binary file and a directory as --config exit 2 with one clear line")
    func badConfigFiles() throws {
        let scratch = Scratch()
        let empty = scratch.write("empty.yaml", "")
        let binary = scratch.writeBytes("binary.yaml", [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0xFF, 0xFE])
        for path in [empty, binary, scratch.path] {
            let output = try CLI.run(["run", "--config", path])
            #expect(output.status == 2, "\(path): \(output.stderr)")
            #expect(output.stderr.hasPrefix(path + ":1:"), "\(output.stderr)")
            #expect(output.stderr.split(separator: "\n").count == 1)
        }
        let missing = try CLI.run(["run", "--config", scratch.path + "/nope.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("No such file or directory"))
    }

    @Test("a garbage --as-of and a missing --config are usage errors, exit 2")
    func usage() throws {
        let directory = try CLI.sampleCopy()
        let garbage = try CLI.run(["run", "--config", directory + "/tutahi.yaml", "--as-of", "next tuesday"])
        #expect(garbage.status == 2)
        #expect(garbage.stderr.contains("--as-of `next tuesday` is not a date"))
        #expect(try CLI.run(["run"]).status == 2)
    }

    @Test("a missing data file exits 1 and leaves the previous outputs untouched")
    func missingData() throws {
        let directory = try CLI.sampleCopy()
        try FileManager.default.createDirectory(atPath: directory + "/out", withIntermediateDirectories: true)
        try "previous".write(toFile: directory + "/out/scorecard.json", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: directory + "/data/hui.jsonl")
        let output = try CLI.run(["run", "--config", directory + "/tutahi.yaml"])
        #expect(output.status == 1)
        #expect(output.stderr.hasPrefix("tutahi: error: data/hui.jsonl: cannot read"))
        #expect(try String(contentsOfFile: directory + "/out/scorecard.json", encoding: .utf8) == "previous")
    }

    @Test("a 40 MB field is accepted and invalid UTF-8 rejected; the run goes on, exit 0")
    func hugeAndInvalidRows() throws {
        let directory = try CLI.sampleCopy()
        let path = directory + "/data/interactions.csv"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("big1,hui,msd,iwi-01,2026-05-01T10:00:00+12:00,,,,\"".utf8))
        handle.write(Data(repeating: UInt8(ascii: "x"), count: 40 << 20))
        handle.write(Data("\"\nbad1,hui,msd,iwi-01,2026-05-01T10:00:00+12:00,,,".utf8))
        handle.write(Data([0xFF, 0xFE, 0x0A]))
        handle.closeFile()
        let output = try CLI.run(["run", "--config", directory + "/tutahi.yaml", "--as-of", "2026-10-31"])
        #expect(output.status == 0, "\(output.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/out/scorecard.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let issues = try #require(json["data_issues"] as? [String: Any])
        #expect(issues["rejected"] as? Int == 5)
        #expect((issues["by_reason"] as? [String: Int])?["bad_csv"] == 1)
        #expect(data.count < 10 << 20, "the big field is not copied into the scorecard")
    }
}

@Suite("Command line: plugins")
struct PluginsCommandTests {
    @Test("`tutahi plugins` lists the catalogue; an unknown type exits 2")
    func plugins() throws {
        let all = try CLI.run(["plugins"])
        #expect(all.status == 0)
        #expect(all.stdout.contains("indicator plugin `follow_through`"))
        #expect(all.stdout.contains("output `json`"))
        let one = try CLI.run(["plugins", "engagement"])
        #expect(one.stdout.hasPrefix("indicator plugin `engagement`"))
        #expect(!one.stdout.contains("survey_scale"))
        let unknown = try CLI.run(["plugins", "nope"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "tutahi: error: no plugin or output type `nope`\n")
    }
}
