import Testing
import TutahiTestSupport
import TutahiCore
import TutahiPluginAPI

@Suite("Config loading")
struct ConfigTests {
    @Test("a minimal config loads with the documented defaults")
    func minimal() throws {
        let configuration = try loadConfig(minimalConfig).get()
        #expect(configuration.zone.identifier == "Pacific/Auckland")
        let indicator = try #require(configuration.indicators.first)
        #expect(indicator.window == .days(365))
        #expect(indicator.minimumCount == 0)
        #expect(indicator.thresholds == Thresholds(green: 75, amber: 50))
        #expect(indicator.weight == 1)
        #expect(configuration.relationships.auto)
    }

    @Test("a misspelt key is reported at its line with the nearest key")
    func misspeltKey() {
        let found = problems(minimalConfig + "\n    wieght: 2")
        #expect(found == ["11:5: unknown key `wieght`; did you mean `weight`?"])
    }

    @Test("a misspelt required key suggests the key it stands for")
    func misspeltRequiredKey() {
        let yaml = minimalConfig.replacingOccurrences(of: "kinds: [hui]", with: "kins: [hui]")
        #expect(problems(yaml) == ["9:5: unknown key `kins`; did you mean `kinds`?"])
    }

    @Test("wrong types, unknown plugins, undeclared dimensions and duplicate ids are all reported in one pass")
    func manyProblems() {
        let yaml = """
            data:
              parties: parties.csv
            dimensions:
              trust: {label: Trust, weight: heavy}
            indicators:
              - {id: a, plugin: engagment, dimension: trust, kinds: [hui], target: 2}
              - {id: b, plugin: engagement, dimension: trus, kinds: [hui], target: 2}
              - {id: b, plugin: engagement, dimension: trust, kinds: [hui], target: 2, window: 3 days}
              - {id: b, plugin: engagement, dimension: trust, kinds: [hui], target: 2}
            """
        let all = problems(yaml)
        #expect(all.count == 5, "\(all)")
        #expect(all.contains("4:33: expected a number, found a string (`heavy`)"))
        #expect(all.contains("6:21: unknown plugin `engagment`; did you mean `engagement`?"))
        #expect(all.contains("7:44: undeclared dimension `trus`; did you mean `trust`?"))
        #expect(all.contains { $0.hasPrefix("9:10: duplicate indicator id `b` (first defined at") && $0.hasSuffix("tutahi.yaml:7:10)") })
        #expect(all.contains("8:84: expected a duration such as `30d`, `4w`, `72h`, `15m` or `20s` of at most 100 years (36525d), found `3 days`"))
    }

    @Test("a missing required key names the key")
    func missingKey() {
        #expect(problems("dimensions: {}\n") == ["1:1: missing required key `data`"])
        #expect(problems(minimalConfig.replacingOccurrences(of: "\n    target: 2", with: ""))
            == ["6:5: missing required key `target`"])
    }

    @Test("an unset ${VAR} is a config error at its position")
    func unsetVariable() {
        let yaml = minimalConfig.replacingOccurrences(of: "label: Trust", with: "label: \"${DIM_LABEL}\"")
        #expect(problems(yaml) == ["4:18: environment variable DIM_LABEL is not set"])
        let loaded = try? loadConfig(yaml, environment: ["DIM_LABEL": "Trust and confidence"]).get()
        #expect(loaded?.dimensions.first?.label == "Trust and confidence")
    }

    @Test("an empty file, a list at the top and an unknown top-level key are refused")
    func shapes() {
        #expect(problems("") == ["1:1: the file is empty; expected a mapping with `data`, `dimensions` and `indicators`"])
        #expect(problems("- a\n") == ["1:1: expected a mapping of settings at the top level, found a list"])
        #expect(problems(minimalConfig + "\nalert: []") == ["11:1: unknown key `alert`; did you mean `alerts`?"])
    }

    @Test("plugin options are checked with positions")
    func pluginOptions() {
        let yaml = """
            data: {parties: p.csv}
            dimensions: {trust: {}}
            indicators:
              - id: t
                plugin: survey_scale
                dimension: trust
                questions: [A, B]
                reverse: [C]
              - id: f
                plugin: follow_through
                dimension: trust
                open: {kind: request}
                close: {kind: response}
            """
        #expect(problems(yaml) == [
            "8:14: `reverse` names `C`, which is not in `questions`",
            "9:5: `follow_through` needs `within: DURATION` or `deadline: due`",
        ])
    }

    @Test("alert expressions that do not parse or name unknown ids are errors at their column")
    func alertErrors() {
        let base = minimalConfig + "\nalerts:\n"
        #expect(problems(base + "  - {id: a, when: contact < 50 and trst > 2}") == [
            "12:36: unknown name `trst`; did you mean `trust`?",
        ])
        #expect(problems(base + "  - {id: a, when: contact < }") == [
            "12:28: expected a number, a name or `(`, found end of expression",
        ])
        #expect(problems(base + "  - {id: a, when: \"change(trust, 9x) > 1\"}") == [
            "12:34: `9x` is not a number or a duration (such as 90d, 4w, 72h, 15m, 20s)",
        ])
    }

    @Test("indicator_files load one indicator per file and report errors in that file")
    func indicatorFiles() throws {
        let scratch = Scratch()
        scratch.write("indicators/a.yaml", "id: extra\nplugin: engagement\ndimension: trust\nkinds: [hui]\ntarget: 1\n")
        let ok = try loadConfig(minimalConfig + "\nindicator_files: [indicators/*.yaml]", in: scratch).get()
        #expect(ok.indicators.map(\.id) == ["contact", "extra"])
        scratch.write("indicators/b.yaml", "id: broken\nplugin: engagement\ndimension: trust\nkinds: [hui]\n")
        guard case .failure(let errors) = loadConfig(minimalConfig + "\nindicator_files: [indicators/*.yaml]", in: scratch)
        else {
            Issue.record("expected an error")
            return
        }
        #expect(errors.errors.map(\.description) == ["\(scratch.path)/indicators/b.yaml:1:1: missing required key `target`"])
    }
}

@Suite("Config loading: alert messages")
struct AlertMessageConfigTests {
    @Test("an unknown name inside a quoted message is reported at its column")
    func messageError() {
        let found = problems(minimalConfig + "\nalerts:\n  - {id: a, when: contact < 1, message: \"low {contct}\"}")
        #expect(found == ["12:47: unknown name `contct`; did you mean `contact`?"])
    }
}
