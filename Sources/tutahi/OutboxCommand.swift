import ArgumentParser
import TutahiCore
import TutahiPluginAPI
import TutahiStore

/// `tutahi outbox`: what waits to be delivered, and why; `--retry` delivers it now.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Show notifications waiting to be delivered and why; --retry delivers them now.",
        discussion: """
            Messages are written to the outbox with their run and delivered after it; one that fails \
            is retried on later runs and serve ticks with backoff (30 s doubling to 1 h). --retry \
            tries every waiting message now, whatever its backoff. --delivered lists recent deliveries.
            """)

    @OptionGroup var options: CommonOptions

    @Flag(help: "Deliver every waiting message now.")
    var retry = false

    @Flag(help: "List recently delivered messages instead.")
    var delivered = false

    func run() async throws {
        let logger = options.bootstrapLogging(defaultLevel: retry ? .info : .warning)
        let configuration = try options.loadConfiguration(logger: logger)
        guard let location = configuration.store else {
            Terminal.error("\(configuration.file): there is no `store:`, so there is no outbox")
            throw ExitCode(2)
        }
        do {
            // Reading needs no lock (so it works while `serve` runs); delivering does.
            let opened = retry
                ? try await OpenedStore.forWriting(location, monitor: configuration.monitor, logger: logger)
                : try await OpenedStore.forReading(location, monitor: configuration.monitor, logger: logger)
            guard let opened else {
                print("Nothing is waiting: no run has been recorded yet.")
                return
            }
            print(try await opened.using { store in try await listing(store, configuration: configuration, logger: logger) },
                  terminator: "")
        } catch {
            Terminal.error("tutahi: error: \(error)")
            throw ExitCode(1)
        }
    }

    /// What `outbox` prints: the retry's result, then the delivered or the waiting messages.
    private func listing(_ store: any MonitorStore, configuration: Configuration, logger: Logger) async throws -> String {
        var text = ""
        let zone = configuration.zone
        if retry {
            let report = await OutboxCourier(memory: store, notifiers: configuration.notifiers, logger: logger)
                .deliverDue(ignoringBackoff: true)
            text += "\(report.delivered) delivered, \(report.failed) still waiting\n"
        }
        if delivered {
            let rows = try await store.deliveredMessages(limit: 50).map { queued, at in
                [queued.output, queued.message.destination, queued.message.summary, "\(queued.attempts)", Self.time(at, zone)]
            }
            return text + (rows.isEmpty ? "Nothing delivered yet.\n" : TextTable(
                header: ["output", "to", "summary", "attempts", "delivered at"], rows: rows).rendered())
        }
        let waiting = try await store.waitingMessages(dueAt: nil)
        guard !waiting.isEmpty else { return text + "Nothing is waiting: every notification has been delivered.\n" }
        let rows = waiting.map { queued in
            [
                "\(queued.id)", queued.output, queued.message.destination, queued.message.summary,
                "\(queued.attempts)", Self.time(queued.nextAttempt, zone), queued.lastError ?? "not tried yet",
            ]
        }
        return text + TextTable(
            header: ["id", "output", "to", "summary", "attempts", "next attempt", "last error"], rows: rows
        ).rendered()
    }

    private static func time(_ instant: Instant, _ zone: Zone) -> String {
        zone.format(Instant(seconds: instant.seconds))
    }
}
