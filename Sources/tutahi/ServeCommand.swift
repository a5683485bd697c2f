import ArgumentParser
import Logging
import ServiceLifecycle
import TutahiCore
import TutahiDashboard
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
            (the data files are read afresh by every check). With `http:` it also serves the live \
            view: pages, /api/v1/scorecard, /api/v1/explain/AGENCY/PARTNER, /metrics and /healthz, each \
            limited to what the asking viewer may see.
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
        var services: [any Service] = []
        var reader: OpenedStore?
        var dashboard: Dashboard?
        if let settings = configuration.dashboard {
            do {
                // Pages read through a connection of their own, so a check's transaction never holds them up.
                reader = try await OpenedStore.forReading(location, monitor: configuration.monitor, logger: logger)
                guard let store = reader?.store else { throw StoreError(path: "\(location)", reason: "the store cannot be read") }
                let live = try Dashboard(configuration: configuration, settings: settings, store: store, logger: logger)
                await live.showLatestRun()
                services.append(live.service { url in
                    logger.notice("dashboard listening", metadata: ["url": "\(url)"])
                })
                dashboard = live
            } catch {
                Terminal.error("tutahi: error: the dashboard cannot start: \(error)")
                await opened.close()
                throw ExitCode(1)
            }
        }
        let shown = dashboard
        services.insert(
            ScheduledChecks(configuration: configuration, store: opened.store, logger: logger) {
                await shown?.showLatestRun()
            }, at: 0)
        let group = ServiceGroup(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [],
            logger: logger)
        do {
            try await group.run()
        } catch {
            Terminal.error("tutahi: error: \(error)")
            throw ExitCode(1)
        }
        await reader?.close()
        await opened.close()
    }
}
