import ArgumentParser
import Foundation
import TutahiCore

/// The `tutahi` command.
@main
struct Tutahi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tutahi",
        abstract: "Tūtahi: relationship health monitoring for agencies and their partners.",
        discussion: """
            Exit status: 0 when the command did its work, 1 when a check could not run \
            (unreadable data, an output that failed), 2 for a bad config or bad usage.
            """,
        version: TutahiVersion.current,
        subcommands: [
            RunCommand.self, ServeCommand.self, HistoryCommand.self, ValidateCommand.self, PluginsCommand.self,
            OutboxCommand.self, TemplateCommand.self, CalendarCommand.self, ExplainCommand.self,
        ])

    /// Parses the command line and maps every failure to the exit statuses the README lists.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            if let status = error as? ExitCode {
                Foundation.exit(status.rawValue)
            }
            // Usage errors: swift-argument-parser says 64; Tūtahi's usage errors are 2.
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
    }
}
