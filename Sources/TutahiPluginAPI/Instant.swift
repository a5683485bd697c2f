#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in time: nanoseconds since 1970-01-01T00:00:00Z.
///
/// Integer nanoseconds keep comparisons exact (a reply at the deadline's very instant is on time)
/// and cover the years 1678 to 2261.
public struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Nanoseconds since the Unix epoch.
    public var nanoseconds: Int64

    /// Now, by the wall clock.
    public static var now: Instant {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Instant(seconds: Int64(spec.tv_sec), nanoseconds: Int64(spec.tv_nsec))
    }

    /// Creates an instant `nanoseconds` after the Unix epoch.
    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    /// Creates an instant `seconds` (and `nanoseconds`) after the Unix epoch.
    public init(seconds: Int64, nanoseconds: Int64 = 0) {
        self.nanoseconds = seconds &* 1_000_000_000 &+ nanoseconds
    }

    /// Whole seconds since the epoch (rounded down).
    public var seconds: Int64 { nanoseconds.floorDivided(by: 1_000_000_000) }

    /// The nanoseconds past the whole second.
    public var nanosecondOfSecond: Int64 { nanoseconds - seconds * 1_000_000_000 }

    /// The instant `seconds` of elapsed time later (earlier when negative).
    public func adding(seconds: Int64) -> Instant {
        Instant(nanoseconds: nanoseconds.addingReportingOverflow(seconds.multipliedReportingOverflow(by: 1_000_000_000).partialValue).partialValue)
    }

    /// Elapsed time from `earlier` to this instant, in days of 86,400 seconds.
    public func days(since earlier: Instant) -> Double {
        Double(nanoseconds - earlier.nanoseconds) / 86_400_000_000_000
    }

    /// Orders instants in time.
    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    /// The instant in UTC, for debugging.
    public var description: String { Timestamp.format(self, offsetSeconds: 0) }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDivided(by divisor: Int64) -> Int64 {
        let (q, r) = quotientAndRemainder(dividingBy: divisor)
        return r < 0 ? q - 1 : q
    }
}
