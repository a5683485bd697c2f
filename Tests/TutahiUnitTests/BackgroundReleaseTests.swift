import Testing
import TutahiColumns

/// What a check lets go of in the background must still be freed (a server runs check after check).
@Suite("Letting go of data in the background")
struct BackgroundReleaseTests {
    /// Signals when it is freed.
    final class Watched: Sendable {
        let freed: @Sendable () -> Void
        init(freed: @escaping @Sendable () -> Void) { self.freed = freed }
        deinit { freed() }
    }

    @Test("a value handed over is freed", .timeLimit(.minutes(1)))
    func freed() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            BackgroundRelease.release([Watched { done.resume() }])
        }
    }
}
