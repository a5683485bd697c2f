import NIOConcurrencyHelpers
import NIOCore

/// Runs `body` on `channel`, closing the channel when `limit` passes first; the error then says
/// what did not finish in time.
func withDeadline(
    _ limit: Duration, on channel: any Channel, what: String, _ body: @escaping @Sendable () async throws -> Void
) async throws {
    let timedOut = NIOLockedValueBox(false)
    let timeout = DeliveryError("\(what) did not finish within \(limit)")
    do {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await Task.sleep(for: limit)
                timedOut.withLockedValue { $0 = true }
                channel.close(promise: nil)
            }
            group.addTask(operation: body)
            try await group.next()
            group.cancelAll()
        }
    } catch {
        if timedOut.withLockedValue({ $0 }) { throw timeout }
        throw error
    }
    // Closing the channel may also end `body` quietly (a stream that simply finishes).
    if timedOut.withLockedValue({ $0 }) { throw timeout }
}
