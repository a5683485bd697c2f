import Dispatch

/// Lets go of large values on a background thread.
package enum BackgroundRelease {
    /// Takes `value` and lets go of it on a background thread. Freeing a national check's data
    /// (hundreds of thousands of survey responses, each with its own answers) takes about a tenth of
    /// a second that the caller need not wait for; a process that exits meanwhile just ends.
    package static func release<Value: Sendable>(_ value: consuming Value) {
        let held = Held(value)
        DispatchQueue.global(qos: .utility).async { held.drop() }
    }

    /// The one reference to the value, dropped where the background job runs.
    private final class Held<Value: Sendable>: @unchecked Sendable {
        private var value: Value?
        init(_ value: consuming Value) { self.value = value }
        /// Lets go of the value (called once, on the background thread).
        func drop() { value = nil }
    }
}
