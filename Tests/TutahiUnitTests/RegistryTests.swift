import Foundation
import Testing
import TutahiTestSupport
import TutahiBuiltins
import TutahiCore
import TutahiPluginAPI
import TutahiYAML

@Suite("Plugin registry")
struct RegistryTests {
    @Test("every folder under Plugins/ is a module in Package.swift's list, and each registers at least one plugin")
    func everyFolderRegistered() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: CLI.root + "/Plugins").filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: CLI.root + "/Plugins/" + $0, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
        #expect(Set(folders) == Set(PluginRegistry.builtinModules))
        let registry = PluginRegistry.builtin
        let modules = Set(registry.indicators.values.map(\.module) + registry.sinks.values.map(\.module))
        for module in PluginRegistry.builtinModules {
            #expect(modules.contains(module), "\(module) registers no plugin")
        }
        #expect(registry.conflicts.isEmpty, "registered twice: \(registry.conflicts.map(\.name))")
    }

    @Test("the plugins users' configs and the documentation name are all there")
    func shippedPlugins() {
        let registry = PluginRegistry.builtin
        let indicators: Set = ["survey_scale", "perception_gap", "follow_through", "advance_notice", "engagement", "ratio", "exec"]
        let sinks: Set = ["json", "console", "csv", "markdown", "html", "email", "webhook"]
        #expect(indicators.isSubset(of: registry.indicators.keys))
        #expect(sinks.isSubset(of: registry.sinks.keys))
        #expect(registry.templates.map(\.name) == ["html", "markdown", "email-subject", "email-text", "email-html"])
    }

    @Test("a name registered twice keeps the first and is reported, with both modules")
    func conflicts() {
        var registry = PluginRegistry()
        registry.registering(module: "First") { $0.register(template: "html", text: "a") }
        registry.registering(module: "Second") { $0.register(template: "html", text: "b") }
        #expect(registry.templates.map(\.text) == ["a"])
        #expect(registry.conflicts.map(\.name) == ["template html"])
        #expect(registry.conflicts.first?.modules == ["First", "Second"])
    }
}

@Suite("Plugin documentation")
struct PluginDocumentationTests {
    /// A mapping holding every documented key with its example value.
    func examples(_ options: [OptionDocumentation]) throws -> YAMLNode {
        let yaml = options.filter { !$0.key.hasPrefix("(") }.map { "\($0.key): \($0.example)" }.joined(separator: "\n")
        return try #require(try YAMLParser().parse(Array(yaml.utf8), file: "example.yaml"))
    }

    @Test("every plugin's documented keys are exactly the keys its options read, and the examples decode")
    func documentationMatchesOptions() throws {
        let registry = PluginRegistry.builtin
        for entry in registry.indicators.values {
            let documented = Set(entry.options.map(\.key).filter { !$0.hasPrefix("(") })
            let (keys, problems) = entry.keysRead(try examples(entry.options))
            #expect(problems.isEmpty, "\(entry.type): \(problems)")
            #expect(keys == documented, "\(entry.type)")
        }
        for entry in registry.sinks.values {
            let (keys, problems) = entry.keysRead(try examples(entry.options))
            #expect(problems.isEmpty, "\(entry.type): \(problems)")
            #expect(keys == Set(entry.options.map(\.key)), "\(entry.type)")
        }
    }

    @Test("the catalogue lists every plugin with its keys and required ones as required")
    func catalogue() throws {
        let text = try #require(PluginCatalogue(registry: .builtin).render())
        for type in PluginRegistry.builtin.indicators.keys { #expect(text.contains("indicator plugin `\(type)`")) }
        for type in PluginRegistry.builtin.sinks.keys { #expect(text.contains("output `\(type)`")) }
        let survey = try #require(PluginCatalogue(registry: .builtin).render(type: "survey_scale"))
        #expect(survey.contains("questions    list of question ids   required"))
        #expect(survey.contains("scale        [min, max]             [1, 5]"))
        #expect(survey.contains("respondents  `partner` or `agency`  partner"))
        #expect(PluginCatalogue(registry: .builtin).render(type: "nope") == nil)
    }

    @Test("docs/reference.md lists the catalogue exactly as `tutahi plugins` prints it")
    func referenceIsCurrent() throws {
        let catalogue = try #require(PluginCatalogue(registry: .builtin).render())
        let reference = try String(contentsOfFile: CLI.root + "/docs/reference.md", encoding: .utf8)
        #expect(reference.contains("```\n" + catalogue + "```\n"), "paste `tutahi plugins` into docs/reference.md")
    }
}
