import ArgumentParser
import TutahiCore
import TutahiPluginAPI
import TutahiStore

/// `tutahi history`: past runs, or one relationship's scores over time, from the store.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List past runs, or show one relationship's overall and dimension scores over time.",
        discussion: """
            Reads the config's store without changing it. Without AGENCY and PARTNER: the most \
            recent runs of the config's monitor (or --monitor NAME, or --all-monitors), newest first. \
            With them: that relationship's scores in every run of the monitor, oldest first.
            """)

    @OptionGroup var options: CommonOptions

    @Argument(help: "An agency id, such as msd.")
    var agency: String?

    @Argument(help: "A partner id, such as waitomo-trust.")
    var partner: String?

    @Option(help: "How many runs to list.")
    var limit = 20

    @Option(help: "Read this monitor's runs instead of the config's `monitor:`.")
    var monitor: String?

    @Flag(help: "List the runs of every monitor sharing the store, with a monitor column.")
    var allMonitors = false

    func validate() throws {
        if agency != nil, partner == nil {
            throw ValidationError("give both AGENCY and PARTNER, or neither")
        }
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if allMonitors, monitor != nil { throw ValidationError("give --monitor or --all-monitors, not both") }
        if allMonitors, agency != nil { throw ValidationError("--all-monitors lists runs; a relationship's history is one monitor's") }
    }

    func run() async throws {
        let logger = options.bootstrapLogging()
        let configuration = try options.loadConfiguration(logger: logger)
        guard let location = configuration.store else {
            Terminal.error("\(configuration.file): there is no `store:`, so no history is kept")
            throw ExitCode(2)
        }
        do {
            guard let opened = try await OpenedStore.forReading(
                location, monitor: monitor ?? configuration.monitor, logger: logger)
            else {
                print("No runs recorded yet: \(location) does not exist. `tutahi run` creates it.")
                return
            }
            let text = try await opened.using { store in
                if let agency, let partner {
                    return try await relationshipHistory(store, agency: agency, partner: partner, configuration: configuration)
                }
                return try await runList(store, zone: configuration.zone)
            }
            print(text, terminator: "")
        } catch {
            Terminal.error("tutahi: error: \(error)")
            throw ExitCode(1)
        }
    }

    private func runList(_ store: any MonitorStore, zone: Zone) async throws -> String {
        let runs = try await store.runs(limit: limit, allMonitors: allMonitors)
        guard !runs.isEmpty else { return "No runs recorded yet.\n" }
        let rows = runs.map { run in
            (allMonitors ? [run.monitor] : []) + [
                "\(run.id ?? 0)", run.asOfText, zone.format(Instant(seconds: Instant(nanoseconds: run.startedAt).seconds)),
                Seconds.format(run.finishedAt - run.startedAt), "\(run.relationships)", "\(run.alertsFiring)",
                "\(run.alertsPending)", "\(run.alertsResolved)", "\(run.rowsRejected)", String(run.configDigest.prefix(12)),
            ]
        }
        let header = (allMonitors ? ["monitor"] : []) + ["run", "as of", "ran at", "took", "relationships", "firing", "pending", "resolved", "rejected", "config"]
        return TextTable(header: header, rows: rows).rendered()
    }

    private func relationshipHistory(
        _ store: any MonitorStore, agency: String, partner: String, configuration: Configuration
    ) async throws -> String {
        let points = try await store.history(agency: agency, partner: partner)
        guard !points.isEmpty else { return "No recorded run scored \(agency) – \(partner).\n" }
        let dimensions = configuration.dimensions.map(\.id)
        func cell(_ scored: ScoredStatus?) -> String {
            guard let scored else { return "–" }
            guard let score = scored.score else { return scored.status.words }
            return "\(OneDecimal.format(score)) \(scored.status.rawValue)"
        }
        let rows = points.map { point in
            ["\(point.runID)", point.asOfText, cell(point.overall)] + dimensions.map { cell(point.dimensions[$0]) }
        }
        return "\(agency) – \(partner)\n"
            + TextTable(header: ["run", "as of", "overall"] + dimensions, rows: rows).rendered()
    }
}
