import ArgumentParser
import Logging
import ServiceLifecycle
import TutahiCore
import TutahiStore

/// `tutahi serve`: run checks on the configured schedules until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a check (as-of now) at every time the config's schedules name, until SIGTERM or SIGINT.",
        discussion: """
            Needs `store:` and `schedules:` in the config. After downtime, one catch-up check runs at \
            start. SIGTERM or SIGINT lets a running check finish, then exits 0. Only one process may \
            use a store at a time. The config is read once, at start: restart to pick up changes \
            (the data files are read afresh by every check).
            """)

    @OptionGroup var options: CommonOptions

    func run() async throws {
        let logger = options.bootstrapLogging(defaultLevel: .info)
        let configuration = try options.loadConfiguration(logger: logger)
        guard let location = configuration.store else {
            Terminal.error("\(configuration.file): `serve` needs `store:` (where it keeps runs and alert state)")
            throw ExitCode(2)
        }
        guard !configuration.schedules.isEmpty else {
            Terminal.error("\(configuration.file): `serve` needs `schedules:` (when to run checks)")
            throw ExitCode(2)
        }
        let opened: OpenedStore
        do {
            opened = try await OpenedStore.forWriting(location, monitor: configuration.monitor, logger: logger)
        } catch {
            Terminal.error("tutahi: error: \(error)")
            throw ExitCode(1)
        }
        logger.notice("serving", metadata: [
            "store": "\(location)", "monitor": "\(configuration.monitor)",
            "schedules": "\(configuration.schedules.map { "\($0.id) (\($0.cron))" }.joined(separator: ", "))",
            "timezone": "\(configuration.zone.identifier)",
        ])
        let service = ScheduledChecks(configuration: configuration, store: opened.store, logger: logger)
        let group = ServiceGroup(
            services: [service], gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [],
            logger: logger)
        do {
            try await group.run()
        } catch {
            Terminal.error("tutahi: error: \(error)")
            throw ExitCode(1)
        }
        await opened.close()
    }
}
