import Foundation
import Testing
import TutahiBuiltins
import TutahiCore

@Suite("Plugin registry")
struct RegistryTests {
    @Test("every folder under Plugins/ is registered, and every contract plugin exists")
    func everyFolderRegistered() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: CLI.root + "/Plugins").filter {
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: CLI.root + "/Plugins/" + $0, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
        #expect(Set(folders) == PluginRegistry.builtinFolders)
        let registry = PluginRegistry.builtin
        #expect(Set(registry.indicators.keys) == ["survey_scale", "follow_through", "advance_notice", "engagement", "ratio", "exec"])
        #expect(Set(registry.sinks.keys) == ["json", "console"])
    }
}
