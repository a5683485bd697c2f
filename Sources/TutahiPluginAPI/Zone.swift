import Foundation

/// An IANA time zone and the local-calendar arithmetic Tūtahi does in it.
public struct Zone: Sendable, Hashable {
    /// The IANA name, such as `Pacific/Auckland`.
    public let identifier: String
    private let timeZone: TimeZone
    private let offsets: OffsetTable

    /// The zone named `identifier`, or nil when there is no such zone.
    public init?(identifier: String) {
        guard let timeZone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.timeZone = timeZone
        offsets = OffsetTable(timeZone)
    }

    /// The default zone, Pacific/Auckland.
    public static var auckland: Zone {
        Zone(identifier: "Pacific/Auckland") ?? Zone(utc: ())
    }

    private init(utc: Void) {
        identifier = "UTC"
        timeZone = TimeZone(secondsFromGMT: 0) ?? .current
        offsets = OffsetTable(timeZone)
    }

    /// The zone's offset from UTC at `instant`, in seconds.
    public func offset(at instant: Instant) -> Int {
        offsets.offset(at: instant.seconds)
            ?? timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant.seconds)))
    }

    /// Local wall-clock seconds since 1970-01-01T00:00 local (the instant shifted by its offset).
    public func wallSeconds(of instant: Instant) -> Int64 {
        instant.seconds + Int64(offset(at: instant))
    }

    /// The local date `instant` falls on.
    public func date(of instant: Instant) -> CivilDate {
        CivilDate(daysSinceEpoch: Int(wallSeconds(of: instant).floorDivided(by: 86_400)))
    }

    /// The instant of a local wall time given as seconds since 1970-01-01T00:00 local.
    ///
    /// A wall time inside a DST gap moves forward by the gap's length; an ambiguous one takes
    /// the earlier instant.
    public func instant(wallSeconds wall: Int64, nanoseconds: Int64 = 0) -> Instant {
        // Two days or more from a transition, a wall time has exactly one instant: the offset is
        // the same for every instant within a day of it.
        if let stretch = offsets.stretch(at: wall), stretch.start <= wall - 2 * 86_400, wall + 2 * 86_400 < stretch.end {
            return Instant(seconds: wall - Int64(stretch.offset), nanoseconds: nanoseconds)
        }
        let before = Int64(offset(at: Instant(seconds: wall - 86_400)))
        let after = Int64(offset(at: Instant(seconds: wall + 86_400)))
        func holds(_ candidate: Int64) -> Bool { candidate + Int64(offset(at: Instant(seconds: candidate))) == wall }
        let seconds: Int64
        switch (holds(wall - before), holds(wall - after)) {
        case (true, true): seconds = min(wall - before, wall - after)
        case (false, true): seconds = wall - after
        default: seconds = wall - before
        }
        return Instant(seconds: seconds, nanoseconds: nanoseconds)
    }

    /// The first instant whose local wall time is `wall` or later: the instant of a wall time that
    /// exists (the earlier one when it happens twice), or the end of the DST gap that skips it.
    public func firstInstant(atOrAfterWallSeconds wall: Int64) -> Instant {
        let before = Int64(offset(at: Instant(seconds: wall - 86_400)))
        let after = Int64(offset(at: Instant(seconds: wall + 86_400)))
        let candidates = [wall - before, wall - after].filter { $0 + Int64(offset(at: Instant(seconds: $0))) == wall }
        if let earliest = candidates.min() { return Instant(seconds: earliest) }
        // In a gap: the transition lies between the two readings; find its first second.
        var low = min(wall - before, wall - after), high = max(wall - before, wall - after)
        while low < high {
            let middle = low + (high - low) / 2
            if middle + Int64(offset(at: Instant(seconds: middle))) >= wall { high = middle } else { low = middle + 1 }
        }
        return Instant(seconds: low)
    }

    /// 00:00 local time on `date`.
    public func startOfDay(_ date: CivilDate) -> Instant {
        instant(wallSeconds: Int64(date.daysSinceEpoch) * 86_400)
    }

    /// The instant with the same local wall-clock time `days` dates later (earlier when negative).
    public func adding(days: Int, to instant: Instant) -> Instant {
        let wall = wallSeconds(of: instant) + Int64(days) * 86_400
        return self.instant(wallSeconds: wall, nanoseconds: instant.nanosecondOfSecond)
    }

    /// `instant` as RFC 3339 with this zone's offset at that instant.
    public func format(_ instant: Instant) -> String {
        Timestamp.format(instant, offsetSeconds: offset(at: instant))
    }

    /// Equal when the identifiers are.
    public static func == (lhs: Zone, rhs: Zone) -> Bool { lhs.identifier == rhs.identifier }

    /// Hashes the identifier.
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}

/// A zone's offsets from 1900 to 2200 as a list of transitions, read once from the time zone
/// database: national data does calendar arithmetic for millions of rows, and a bisection here
/// costs a fraction of asking ICU each time.
private final class OffsetTable: Sendable {
    private static let first: Int64 = -2_208_988_800  // 1900-01-01T00:00:00Z
    private static let last: Int64 = 7_258_118_400  // 2200-01-01T00:00:00Z
    /// The first second of each stretch of constant offset, ascending.
    private let starts: [Int64]
    /// The offset during each stretch.
    private let offsets: [Int]
    /// Per stretch of 2^20 seconds (about 12 days) from `first`, the stretch of constant offset its
    /// first second is in: a look-up and a step or two instead of a bisection.
    private let stretchAtBucket: [Int32]
    private static let bucketShift: Int64 = 20

    init(_ timeZone: TimeZone) {
        var starts = [Self.first]
        var offsets = [timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(Self.first)))]
        var current = Date(timeIntervalSince1970: TimeInterval(Self.first))
        while let next = timeZone.nextDaylightSavingTimeTransition(after: current), next > current,
            next.timeIntervalSince1970 < TimeInterval(Self.last)
        {
            let second = Int64(next.timeIntervalSince1970.rounded(.up))
            let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(second)))
            if offset != offsets[offsets.count - 1] {
                starts.append(second)
                offsets.append(offset)
            }
            current = next
        }
        self.starts = starts
        self.offsets = offsets
        var stretch = 0
        stretchAtBucket = (0...((Self.last - Self.first) >> Self.bucketShift)).map { bucket in
            let second = Self.first + (Int64(bucket) << Self.bucketShift)
            while stretch + 1 < starts.count, starts[stretch + 1] <= second { stretch += 1 }
            return Int32(stretch)
        }
    }

    /// The offset at `seconds` since the epoch; nil outside 1900–2200.
    func offset(at seconds: Int64) -> Int? {
        index(at: seconds).map { offsets[$0] }
    }

    /// The stretch of constant offset `seconds` is in: its offset, first second and the first second
    /// after it; nil outside 1900–2200.
    func stretch(at seconds: Int64) -> (offset: Int, start: Int64, end: Int64)? {
        index(at: seconds).map { index in
            (offsets[index], starts[index], index + 1 < starts.count ? starts[index + 1] : Self.last)
        }
    }

    private func index(at seconds: Int64) -> Int? {
        guard seconds >= Self.first, seconds < Self.last else { return nil }
        var stretch = Int(stretchAtBucket[Int((seconds - Self.first) >> Self.bucketShift)])
        while stretch + 1 < starts.count, starts[stretch + 1] <= seconds { stretch += 1 }
        return stretch
    }
}
