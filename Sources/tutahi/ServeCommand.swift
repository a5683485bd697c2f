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
        guard configuration.store != nil else {
            Terminal.error("\(configuration.file): `serve` needs `store:` (where it keeps runs and alert state)")
            throw ExitCode(2)
        }
        guard !configuration.schedules.isEmpty else {
            Terminal.error("\(configuration.file): `serve` needs `schedules:` (when to run checks)")
            throw ExitCode(2)
        }
        let access: StoreAccess?
        do {
            access = try StoreAccess.open(for: configuration)
        } catch {
            Terminal.error("tutahi: error: \(error)")
            throw ExitCode(1)
        }
        guard let access else { throw ExitCode(2) }
        logger.notice("serving", metadata: [
            "store": "\(access.store.path)",
            "schedules": "\(configuration.schedules.map { "\($0.id) (\($0.cron))" }.joined(separator: ", "))",
            "timezone": "\(configuration.zone.identifier)",
        ])
        let service = ScheduledChecks(configuration: configuration, store: access.store, logger: logger)
        let group = ServiceGroup(
            services: [service], gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [],
            logger: logger)
        do {
            try await group.run()
        } catch {
            Terminal.error("tutahi: error: \(error)")
            throw ExitCode(1)
        }
        withExtendedLifetime(access.lock) {}
    }
}
