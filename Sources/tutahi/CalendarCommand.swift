import ArgumentParser
import Foundation
import TutahiBuiltins
import TutahiCore
import TutahiPluginAPI

/// `tutahi calendar`: a calendar's non-working days other than weekends, with their names.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "List a calendar's public holidays and closed days (weekends aside) for one year.",
        discussion: """
            Without --config only the built-in calendars are known: `nz` (weekends and New Zealand's \
            national public holidays) and `nz-oia` (`nz` plus 25 December to 15 January, as the \
            Official Information Act counts working days).
            """)

    @Option(name: .shortAndLong, help: "A config file whose `calendars:` to read as well.")
    var config: String?

    @Argument(help: "The calendar (default: the config's `defaults.calendar`, else `nz`).")
    var name: String?

    @Option(help: "The year (default: this year).")
    var year: Int?

    func run() throws {
        var calendars = CalendarDefinition.builtins
        var defaultName = "nz"
        var zone = Zone.auckland
        if let config {
            let logger = Logger(label: "tutahi")
            let configuration = try CommonOptions.loadConfiguration(path: config, logger: logger)
            calendars = configuration.calendars
            defaultName = configuration.defaultCalendar
            zone = configuration.zone
        }
        let chosen = name ?? defaultName
        guard let calendar = calendars[chosen] else {
            Terminal.error(
                "tutahi: error: no calendar `\(chosen)`; known: \(calendars.keys.sorted().joined(separator: ", "))")
            throw ExitCode(2)
        }
        let listing = CalendarListing(calendar: calendar, year: year ?? zone.date(of: .now).year)
        guard let text = listing.render() else {
            Terminal.error("tutahi: error: \(listing.outOfRangeMessage)")
            throw ExitCode(2)
        }
        print(text, terminator: "")
    }
}
