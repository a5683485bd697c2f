import ArgumentParser
import TutahiBuiltins
import TutahiCore

/// `tutahi template NAME`: print a built-in template, to copy and change.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Print a built-in Mustache template, to copy, change and name in an output's `template:`.",
        discussion: "Templates: \(PluginRegistry.builtinTemplates.map(\.name).joined(separator: ", ")).")

    @Argument(help: "The template's name.")
    var name: String

    func validate() throws {
        guard PluginRegistry.builtinTemplates.contains(where: { $0.name == name }) else {
            throw ValidationError(
                "no template `\(name)`; there are: \(PluginRegistry.builtinTemplates.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        print(PluginRegistry.builtinTemplates.first { $0.name == name }?.text ?? "", terminator: "")
    }
}
