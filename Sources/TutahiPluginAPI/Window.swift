/// A half-open interval of time `[start, end)`.
public struct Window: Sendable, Hashable {
    /// The first instant inside the window.
    public var start: Instant
    /// The first instant after the window.
    public var end: Instant

    /// Creates `[start, end)`.
    public init(start: Instant, end: Instant) {
        self.start = start
        self.end = end
    }

    /// The window of `length` that ends at `end`: `[end - length, end)`.
    public init(ending end: Instant, length: Period, in zone: Zone) {
        self.init(start: length.subtracted(from: end, in: zone), end: end)
    }

    /// True when `start <= instant < end`.
    public func contains(_ instant: Instant) -> Bool {
        instant >= start && instant < end
    }
}
