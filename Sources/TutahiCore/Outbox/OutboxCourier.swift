import Logging
import TutahiPluginAPI

/// Delivers what waits in the outbox: each message due is handed to its output; one the server
/// accepted is marked delivered and never sent again; one that failed waits with exponential
/// backoff (30 s, 1 min, 2 min, … at most 1 h). A failure never fails a run.
public struct OutboxCourier: Sendable {
    /// The store.
    public var memory: any CheckMemory
    /// The configured notification outputs, by outbox key.
    public var notifiers: [String: any Notifier]
    /// The log.
    public var logger: Logger

    /// Creates a courier.
    public init(memory: any CheckMemory, notifiers: [String: any Notifier], logger: Logger) {
        self.memory = memory
        self.notifiers = notifiers
        self.logger = logger
    }

    /// What one round of delivery did.
    public struct Report: Sendable, Equatable {
        /// Messages the servers accepted.
        public var delivered = 0
        /// Messages that failed and wait for another attempt.
        public var failed = 0
    }

    /// How long to wait after the `attempts`-th failed attempt.
    public static func backoff(afterAttempts attempts: Int) -> Int64 {
        let seconds: Int64 = 30 << Int64(min(max(attempts - 1, 0), 7))
        return min(seconds, 3_600)
    }

    /// Delivers every message due now (or every waiting one, `ignoringBackoff`).
    public func deliverDue(ignoringBackoff: Bool = false) async -> Report {
        var report = Report()
        let waiting: [QueuedMessage]
        do {
            waiting = try await memory.waitingMessages(dueAt: ignoringBackoff ? nil : Instant.now)
        } catch {
            logger.error("cannot read the outbox", metadata: ["reason": "\(error)"])
            return report
        }
        for queued in waiting {
            let metadata: Logger.Metadata = [
                "output": "\(queued.output)", "to": "\(queued.message.destination)", "message": "\(queued.message.key)",
            ]
            do {
                guard let notifier = notifiers[queued.output] else {
                    throw DeliveryFailure(reason: "output `\(queued.output)` is no longer configured")
                }
                try await notifier.deliver(queued.message)
                try await memory.markDelivered(queued.id, at: Instant.now)
                report.delivered += 1
                logger.info("notification delivered", metadata: metadata)
            } catch {
                report.failed += 1
                let attempts = queued.attempts + 1
                let next = Instant.now.adding(seconds: Self.backoff(afterAttempts: attempts))
                var failure = metadata
                failure["attempt"] = "\(attempts)"
                failure["reason"] = "\(error)"
                logger.warning("notification not delivered; will retry", metadata: failure)
                do {
                    try await memory.markFailed(queued.id, reason: "\(error)", nextAttempt: next)
                } catch {
                    logger.error("cannot update the outbox", metadata: ["reason": "\(error)"])
                }
            }
        }
        return report
    }
}

/// Why a message could not be handed on.
struct DeliveryFailure: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}
