import Testing
import TutahiTestSupport
import TutahiSupport
@testable import TutahiYAML

@Suite("YAML layer")
struct YAMLTests {
    func parse(_ text: String) throws(SourceError) -> YAMLNode? {
        try YAMLParser().parse(Array(text.utf8), file: "t.yaml")
    }

    @Test("plain scalars resolve by the YAML 1.2 core schema; quoted ones stay strings")
    func coreSchema() throws {
        let node = try #require(try parse("""
            a: no
            b: on
            c: yes
            d: "12"
            e: 0x1F
            f: 0o17
            g: 1.5e3
            h: ~
            i: True
            j: .inf
            k: 007
            """))
        #expect(node["a"]?.scalar?.value == .string("no"))
        #expect(node["b"]?.scalar?.value == .string("on"))
        #expect(node["c"]?.scalar?.value == .string("yes"))
        #expect(node["d"]?.scalar?.value == .string("12"))
        #expect(node["e"]?.scalar?.value == .int(31))
        #expect(node["f"]?.scalar?.value == .int(15))
        #expect(node["g"]?.scalar?.value == .float(1500))
        #expect(node["h"]?.scalar?.value == .null)
        #expect(node["i"]?.scalar?.value == .bool(true))
        #expect(node["j"]?.scalar?.value == .float(.infinity))
        #expect(node["k"]?.scalar?.value == .int(7))
    }

    @Test("every node knows its line and column")
    func positions() throws {
        let node = try #require(try parse("top:\n  list:\n    - one\n    - {x: 1}\n"))
        let list = try #require(node["top"]?["list"])
        #expect(list.mark == SourceMark(file: "t.yaml", line: 3, column: 5))
        #expect(list.sequence?[1]["x"]?.mark == SourceMark(file: "t.yaml", line: 4, column: 11))
    }

    @Test("a duplicate key is an error at the second key")
    func duplicateKeys() {
        #expect(throws: SourceError("duplicate key `a` (first at line 1); each key may appear once",
                                    at: SourceMark(file: "t.yaml", line: 3, column: 1))) {
            try parse("a: 1\nb: 2\na: 3\n")
        }
    }

    @Test("a billion-laughs file is refused quickly")
    func aliasBomb() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect(throws: SourceError.self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect(error.message.contains("expands to more than"))
        }
    }

    @Test("an alias inside its own anchor is refused, not looped")
    func cycle() {
        #expect(throws: SourceError.self) { try parse("a: &a [1, *a]\n") }
    }

    @Test("20,000-deep nesting is a clear error")
    func deepNesting() {
        let text = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        do {
            _ = try parse(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("nesting deeper than 64"))
            #expect(error.mark?.line == 1)
        }
    }

    @Test("a syntax error names its line and column")
    func syntaxError() {
        do {
            _ = try parse("a: [1, 2\nb: 3\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.hasPrefix("invalid YAML"))
            #expect(error.mark?.file == "t.yaml")
        }
    }

    @Test("misspelt keys are found with the nearest known key")
    func suggestions() {
        #expect(Suggestion.nearest(to: "wieght", among: ["weight", "window", "id"]) == "weight")
        #expect(Suggestion.nearest(to: "zzzz", among: ["weight"]) == nil)
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
    }

    @Test("${VAR} expands from the environment; unset is an error")
    func environment() {
        let mark = SourceMark(file: "t.yaml", line: 2, column: 3)
        #expect((try? EnvironmentExpansion.expand("Bearer ${TOKEN}", environment: ["TOKEN": "s3"], at: mark)) == "Bearer s3")
        #expect(throws: SourceError("environment variable TOKEN is not set", at: mark)) {
            try EnvironmentExpansion.expand("${TOKEN}", environment: [:], at: mark)
        }
    }
}
