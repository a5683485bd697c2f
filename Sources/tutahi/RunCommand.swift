import ArgumentParser
import TutahiCore
import TutahiPluginAPI
import TutahiStore
import TutahiColumns

/// `tutahi run`: one check, every output written.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one check: load the data, score every relationship, evaluate alerts, write the outputs.")

    @OptionGroup var options: CommonOptions

    @Option(
        name: .customLong("as-of"),
        help: "Check as of a date (YYYY-MM-DD: the whole date is included) or an RFC 3339 timestamp. Default: now.")
    var asOf: String?

    @Flag(help: "Print how long each phase took (load, compute, outputs, record, deliver) on standard error.")
    var timings = false

    @Option(help: "Threads for loading and scoring (default: one per core). The results are the same for any number.")
    var workers: Int?

    @Flag(
        name: .customLong("dry-run"),
        help: "Write every output, but record nothing in the store and send nothing (for a past date, say).")
    var dryRun = false

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1, found \(workers)") }
        if let asOf, Timestamp.parse(asOf) == nil {
            throw ValidationError(
                "--as-of `\(asOf)` is not a date (2026-06-30) or an RFC 3339 timestamp (2026-06-30T09:00:00+12:00)")
        }
    }

    func run() async throws {
        let logger = options.bootstrapLogging()
        let configuration = try options.loadConfiguration(logger: logger)
        let instant = asOf.flatMap { AsOf.parse($0, in: configuration.zone) } ?? AsOf.now()
        let check = Check(configuration: configuration, logger: logger, workers: workers)
        do {
            // A dry run only reads the store: it needs no lock and may run beside `serve`.
            var opened: OpenedStore?
            if let location = configuration.store {
                opened = dryRun
                    ? try await OpenedStore.forReading(location, monitor: configuration.monitor, logger: logger)
                    : try await OpenedStore.forWriting(location, monitor: configuration.monitor, logger: logger)
            }
            let memory: (any CheckMemory)? = opened?.store
            var phases: [String] = []
            var loadParts: [String] = []
            let scorecard = try await check.run(
                asOf: instant, memory: memory, dryRun: dryRun, progress: Terminal.progress,
                warn: { Terminal.clearProgress(); Terminal.error("tutahi: warning: \($0)") },
                timed: { phase, seconds in
                    let time = Seconds.format(Int64(seconds * 1e9))
                    if phase.hasPrefix("load/") {
                        loadParts.append("\(phase.dropFirst(5)) \(time)")
                    } else if phase == "load", !loadParts.isEmpty {
                        phases.append("load \(time) (\(loadParts.joined(separator: ", ")))")
                    } else {
                        phases.append("\(phase) \(time)")
                    }
                }
            ).scorecard
            Terminal.clearProgress()
            if timings {
                Terminal.error("timings: " + (phases + ["peak memory \(PeakMemory.megabytes) MB"]).joined(separator: " · "))
            }
            await opened?.close()
            let firing = scorecard.alerts.filter { $0.state == .firing }.count
            logger.notice("check done", metadata: [
                "as_of": "\(configuration.zone.format(instant))", "relationships": "\(scorecard.relationships.count)",
                "alerts_firing": "\(firing)", "rows_rejected": "\(scorecard.dataIssues.rejected)",
            ])
            // A national scorecard takes a moment to free, which the process need not wait for.
            BackgroundRelease.release(consume scorecard)
        } catch {
            Terminal.clearProgress()
            Terminal.error("tutahi: error: \(error)")
            throw ExitCode(1)
        }
    }
}
