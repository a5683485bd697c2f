import ArgumentParser
import TutahiBuiltins
import TutahiCore

/// `tutahi plugins`: every plugin type with its keys, types, defaults and meaning.
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plugins",
        abstract: "List every indicator plugin and output type with its keys, types and defaults.")

    @Argument(help: "Show only this plugin or output type.")
    var type: String?

    func run() throws {
        guard let text = PluginCatalogue(registry: .builtin).render(type: type) else {
            Terminal.error("tutahi: error: no plugin or output type `\(type ?? "")`")
            throw ExitCode(2)
        }
        print(text, terminator: "")
    }
}
