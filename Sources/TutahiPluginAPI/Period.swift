/// A duration as the configuration writes it: `Nd` and `Nw` count local calendar days,
/// `Ns`, `Nm` and `Nh` exact elapsed time.
public enum Period: Sendable, Hashable, CustomStringConvertible, Decodable {
    /// N local calendar days (`Nd`, or `Nw` as 7N).
    case days(Int)
    /// Exact elapsed seconds (`Ns`, `Nm`, `Nh`).
    case seconds(Int64)

    /// Parses `30d`, `4w`, `72h`, `15m`, `20s`; nil for anything else.
    public init?(_ text: String) {
        guard let unit = text.last, let number = Int64(text.dropLast()), number >= 0,
            text.dropLast().allSatisfy(\.isASCII), !text.dropLast().hasPrefix("+"),
            number < 1_000_000_000
        else { return nil }
        switch unit {
        case "d": self = .days(Int(number))
        case "w": self = .days(Int(number) * 7)
        case "h": self = .seconds(number * 3600)
        case "m": self = .seconds(number * 60)
        case "s": self = .seconds(number)
        default: return nil
        }
    }

    /// Decodes a duration string, with a message naming the accepted forms.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let period = Period(text) else {
            let mark = YAMLDecoding.mark(of: decoder) ?? SourceMark(file: "<unknown>", line: 0, column: 0)
            if case .workingDays = TimeAllowance(text) {
                throw SourceError(
                    "working days (`\(text)`) count only where time is added to an event (`within`, `grace`, "
                        + "`min_notice`); here give a duration such as `30d`, `4w`, `72h`, `15m` or `20s`",
                    at: mark)
            }
            throw SourceError(
                "expected a duration such as `30d`, `4w`, `72h`, `15m` or `20s`, found `\(text)`", at: mark)
        }
        self = period
    }

    /// As a time limit: its length, counting a day as 24 hours.
    public var duration: Duration {
        switch self {
        case .days(let days): return .seconds(Int64(days) * 86_400)
        case .seconds(let seconds): return .seconds(seconds)
        }
    }

    /// The written form, such as `90d`.
    public var description: String {
        switch self {
        case .days(let days): return "\(days)d"
        case .seconds(let seconds):
            if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
            if seconds % 60 == 0 { return "\(seconds / 60)m" }
            return "\(seconds)s"
        }
    }

    /// `instant` plus this duration, in `zone`'s local calendar.
    public func added(to instant: Instant, in zone: Zone) -> Instant {
        switch self {
        case .days(let days): return zone.adding(days: days, to: instant)
        case .seconds(let seconds): return instant.adding(seconds: seconds)
        }
    }

    /// `instant` minus this duration, in `zone`'s local calendar.
    public func subtracted(from instant: Instant, in zone: Zone) -> Instant {
        switch self {
        case .days(let days): return zone.adding(days: -days, to: instant)
        case .seconds(let seconds): return instant.adding(seconds: -seconds)
        }
    }
}
