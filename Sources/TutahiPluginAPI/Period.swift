import TutahiYAML
/// A duration as the configuration writes it: `Nd` and `Nw` count local calendar days,
/// `Ns`, `Nm` and `Nh` exact elapsed time.
public enum Period: Sendable, Hashable, CustomStringConvertible, Decodable {
    /// N local calendar days (`Nd`, or `Nw` as 7N).
    case days(Int)
    /// Exact elapsed seconds (`Ns`, `Nm`, `Nh`).
    case seconds(Int64)

    /// The longest duration accepted: 100 years (36,525 days), so that no instant arithmetic can
    /// overflow and a typo such as `200000d` is an error rather than "all data".
    public static let maximumDays = 36_525

    /// Parses `30d`, `4w`, `72h`, `15m`, `20s` up to ``maximumDays``; nil for anything else.
    public init?(_ text: String) {
        guard let unit = text.last, !text.dropLast().isEmpty, text.dropLast().count <= 12,
            text.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int64(text.dropLast())
        else { return nil }
        let limit = Int64(Self.maximumDays) * 86_400
        switch unit {
        case "d" where number <= limit / 86_400: self = .days(Int(number))
        case "w" where number * 7 <= limit / 86_400: self = .days(Int(number) * 7)
        case "h" where number <= limit / 3600: self = .seconds(number * 3600)
        case "m" where number <= limit / 60: self = .seconds(number * 60)
        case "s" where number <= limit: self = .seconds(number)
        default: return nil
        }
    }

    /// True for `0d`, `0s` and the like.
    public var isZero: Bool { self == .days(0) || self == .seconds(0) }

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
                "expected a duration such as `30d`, `4w`, `72h`, `15m` or `20s` of at most 100 years (36525d), "
                    + "found `\(text)`", at: mark)
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
