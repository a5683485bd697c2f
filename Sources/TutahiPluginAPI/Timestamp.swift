/// RFC 3339 timestamps and bare dates, as data files and `--as-of` write them.
public enum Timestamp {
    /// What a timestamp field holds.
    public enum Parsed: Sendable, Hashable {
        /// A full timestamp with an offset: one instant.
        case instant(Instant)
        /// A bare `YYYY-MM-DD` date, whose meaning depends on the field.
        case date(CivilDate)

        /// The instant this means for an ordinary field: a bare date is 00:00 local on that date.
        public func start(in zone: Zone) -> Instant {
            switch self {
            case .instant(let instant): return instant
            case .date(let date): return zone.startOfDay(date)
            }
        }

        /// The instant this means for a `due` field or `--as-of`: a bare date is the end of that date
        /// (00:00 local on the following date).
        public func end(in zone: Zone) -> Instant {
            switch self {
            case .instant(let instant): return instant
            case .date(let date): return zone.startOfDay(CivilDate(daysSinceEpoch: date.daysSinceEpoch + 1))
            }
        }
    }

    /// Parses `text`; nil when it is not an RFC 3339 timestamp with an offset or a bare date.
    public static func parse(_ text: String) -> Parsed? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// Parses UTF-8 bytes; nil when they are not an RFC 3339 timestamp with an offset or a bare date.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed? {
        if let instant = parseCommonForm(bytes) { return .instant(instant) }
        var cursor = 0
        func number(_ width: Int) -> Int? {
            guard cursor + width <= bytes.count else { return nil }
            var value = 0
            for i in cursor..<(cursor + width) {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            cursor += width
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard cursor < bytes.count, bytes[cursor] == byte else { return false }
            cursor += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
            let day = number(2), let date = CivilDate(year: year, month: month, day: day),
            (MonthStarts.firstYear...MonthStarts.lastYear).contains(year)
        else { return nil }
        if cursor == bytes.count { return .date(date) }
        guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "T") || bytes[cursor] == UInt8(ascii: "t") else {
            return nil
        }
        cursor += 1
        guard let hour = number(2), hour < 24, expect(UInt8(ascii: ":")), let minute = number(2), minute < 60,
            expect(UInt8(ascii: ":")), let second = number(2), second < 60
        else { return nil }
        var nanos: Int64 = 0
        if expect(UInt8(ascii: ".")) {
            var digits = 0
            while cursor < bytes.count, bytes[cursor] >= 48, bytes[cursor] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int64(bytes[cursor] - 48) }
                digits += 1
                cursor += 1
            }
            guard digits > 0 else { return nil }
            // Digits past the ninth (nanoseconds) are read and dropped.
            if digits < 9 { for _ in digits..<9 { nanos *= 10 } }
        }
        guard cursor < bytes.count else { return nil }
        var offset = 0
        switch bytes[cursor] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            cursor += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = bytes[cursor] == UInt8(ascii: "-") ? -1 : 1
            cursor += 1
            guard let hours = number(2), hours < 24, expect(UInt8(ascii: ":")), let minutes = number(2), minutes < 60
            else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        guard cursor == bytes.count else { return nil }
        let wall = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return .instant(Instant(seconds: wall - Int64(offset), nanoseconds: nanos))
    }

    /// The instant of `YYYY-MM-DDTHH:MM:SS±HH:MM` or `YYYY-MM-DDTHH:MM:SSZ`, the form nearly every
    /// data row uses, read in one pass; nil for anything else (which ``parse(_:)`` then reads in full).
    @inline(__always)
    private static func parseCommonForm(_ bytes: UnsafeBufferPointer<UInt8>) -> Instant? {
        guard bytes.count == 25 || bytes.count == 20, let base = bytes.baseAddress else { return nil }
        @inline(__always) func digit(_ index: Int) -> Int? {
            let value = Int(base[index]) &- 48
            return value >= 0 && value <= 9 ? value : nil
        }
        @inline(__always) func two(_ index: Int) -> Int? {
            guard let high = digit(index), let low = digit(index + 1) else { return nil }
            return high * 10 + low
        }
        guard base[4] == UInt8(ascii: "-"), base[7] == UInt8(ascii: "-"),
            base[10] == UInt8(ascii: "T") || base[10] == UInt8(ascii: "t"),
            base[13] == UInt8(ascii: ":"), base[16] == UInt8(ascii: ":"),
            let century = two(0), let yearOfCentury = two(2), let month = two(5), let day = two(8),
            let hour = two(11), hour < 24, let minute = two(14), minute < 60, let second = two(17), second < 60
        else { return nil }
        guard let days = MonthStarts.daysSinceEpoch(year: century * 100 + yearOfCentury, month: month, day: day) else {
            return nil
        }
        var offset = 0
        if bytes.count == 25 {
            let sign = base[19]
            guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), base[22] == UInt8(ascii: ":"),
                let hours = two(20), hours < 24, let minutes = two(23), minutes < 60
            else { return nil }
            offset = (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        } else {
            guard base[19] == UInt8(ascii: "Z") || base[19] == UInt8(ascii: "z") else { return nil }
        }
        let wall = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return Instant(seconds: wall - Int64(offset), nanoseconds: 0)
    }

    /// `instant` as RFC 3339 at the given UTC offset, with fractional seconds only when present.
    public static func format(_ instant: Instant, offsetSeconds: Int) -> String {
        let wall = instant.seconds + Int64(offsetSeconds)
        let days = wall.floorDivided(by: 86_400)
        let secondOfDay = Int(wall - days * 86_400)
        let date = CivilDate(daysSinceEpoch: Int(days))
        var text = pad(date.year, 4) + "-" + pad(date.month, 2) + "-" + pad(date.day, 2)
        text += "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        var fraction = instant.nanosecondOfSecond
        if fraction > 0 {
            var digits = pad(Int(fraction), 9)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
            fraction = 0
        }
        let sign = offsetSeconds < 0 ? "-" : "+"
        let magnitude = abs(offsetSeconds)
        return text + sign + pad(magnitude / 3600, 2) + ":" + pad(magnitude / 60 % 60, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
