import Logging
import ServiceLifecycle
import TutahiCore
import TutahiPluginAPI
import TutahiStore

/// The service `tutahi serve` runs: a check (as-of now) at every scheduled time, one catch-up
/// check after downtime, and on SIGTERM or SIGINT the running check finishes before it stops.
struct ScheduledChecks: Service, CustomStringConvertible {
    /// How the service group names it in logs: never the configuration's contents.
    var description: String { "scheduled checks of \(configuration.file)" }

    let configuration: Configuration
    let store: any MonitorStore
    let logger: Logger
    /// Called after every check, recorded or not (the dashboard shows the newest recorded run).
    let afterCheck: @Sendable () async -> Void

    func run() async throws {
        // Logged here, once the service group traps SIGTERM and SIGINT: from now on they stop it gracefully.
        logger.notice("serving", metadata: [
            "store": "\(configuration.store.map { "\($0)" } ?? "")", "monitor": "\(configuration.monitor)",
            "schedules": "\(configuration.schedules.map { "\($0.id) (\($0.cron))" }.joined(separator: ", "))",
            "timezone": "\(configuration.zone.identifier)",
        ])
        let schedules = ScheduleSet(schedules: configuration.schedules, zone: configuration.zone)
        var lastRun = try await store.lastRun().map { Instant(nanoseconds: $0.startedAt) }
        while !Task.isShuttingDownGracefully {
            let now = Instant.now
            if let last = lastRun, schedules.missedRun(since: last, now: now) {
                logger.notice("catching up: a scheduled check was missed", metadata: [
                    "last_run": "\(configuration.zone.format(last))",
                ])
            } else {
                guard let next = schedules.nextFire(after: now) else {
                    logger.error("no schedule names a future time; stopping")
                    return
                }
                logger.info("next check", metadata: [
                    "at": "\(configuration.zone.format(next.instant))",
                    "schedules": "\(next.scheduleIDs.joined(separator: ","))",
                ])
                do {
                    // Wake for due outbox retries on the way.
                    while let retry = try? await store.nextAttempt(), retry < next.instant, !configuration.notifiers.isEmpty {
                        // At least a second apart, even if the outbox cannot record a failure.
                        try await sleep(until: max(retry, Instant.now.adding(seconds: 1)))
                        _ = await OutboxCourier(memory: store, notifiers: configuration.notifiers, logger: logger)
                            .deliverDue()
                    }
                    try await sleep(until: next.instant)
                } catch {
                    break  // graceful shutdown while waiting
                }
            }
            lastRun = Instant.now
            await runCheck()
            await afterCheck()
        }
        logger.notice("stopped")
    }

    /// Sleeps until the wall clock reaches `instant`, re-reading the clock at least every 30 s so a
    /// changed clock or a suspended machine is noticed; throws when graceful shutdown starts.
    private func sleep(until instant: Instant) async throws {
        while true {
            let remaining = instant.nanoseconds - Instant.now.nanoseconds
            if remaining <= 0 { return }
            try await cancelWhenGracefulShutdown {
                try await Task.sleep(for: .nanoseconds(min(remaining, 30_000_000_000)))
            }
        }
    }

    private func runCheck() async {
        let started = Instant.now
        let asOf = AsOf.now()
        logger.info("check started", metadata: ["as_of": "\(configuration.zone.format(asOf))"])
        do {
            try await store.reconnectIfLost()
            let evaluation = try await Check(configuration: configuration, logger: logger)
                .run(asOf: asOf, memory: store)
            let scorecard = evaluation.scorecard
            logger.notice("check done", metadata: [
                "as_of": "\(configuration.zone.format(asOf))",
                "duration": "\(Seconds.format(Instant.now.nanoseconds - started.nanoseconds))",
                "relationships": "\(scorecard.relationships.count)",
                "alerts_firing": "\(scorecard.alerts.count { $0.state == .firing })",
                "notifications": "\(evaluation.alerts.notifications.count)",
                "rows_rejected": "\(scorecard.dataIssues.rejected)",
            ])
        } catch {
            logger.error("check failed", metadata: [
                "duration": "\(Seconds.format(Instant.now.nanoseconds - started.nanoseconds))",
                "reason": "\(error)",
            ])
        }
    }
}
