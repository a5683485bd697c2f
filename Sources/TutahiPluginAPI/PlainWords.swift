/// Plain-language pieces for plugins' descriptions and readings.
public enum PlainWords {
    /// An event kind as people say it, plural: `request` → `requests`, `oia_request` →
    /// `oia requests`, `hui` → `hui` (te reo Māori has no plural s).
    public static func plural(_ kind: String) -> String {
        let words = kind.replacingOccurrences(of: "_", with: " ")
        if words.hasSuffix("hui") || words.hasSuffix("s") { return words }
        if words.hasSuffix("y"), !words.hasSuffix("ay"), !words.hasSuffix("ey") { return words.dropLast() + "ies" }
        return words + "s"
    }

    /// Kinds joined with "or": `meetings or hui`.
    public static func plural(_ kinds: [String]) -> String {
        kinds.map { plural($0) }.joined(separator: " or ")
    }

    /// The first letter in capitals.
    public static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    /// `count of total` with the share as a whole percentage: `5 of 7 (71%)`; with `qualifier`,
    /// it goes before the share: `5 of 7 in time (71%)`.
    public static func share(_ count: Int, of total: Int, _ qualifier: String = "") -> String {
        guard total > 0 else { return "\(count) of \(total)" }
        let qualified = qualifier.isEmpty ? "" : " " + qualifier
        return "\(count) of \(total)\(qualified) (\(Int((100 * Double(count) / Double(total)).rounded()))%)"
    }

    /// A number with one decimal, or none when it is whole: `3.7`, `4`.
    public static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        if tenths.truncatingRemainder(dividingBy: 10) == 0 { return String(Int(tenths / 10)) }
        return String(tenths / 10)
    }
}

extension Period {
    /// In words: `10 days`, `72 hours`, `1 day`.
    public var words: String {
        func counted(_ count: Int64, _ unit: String) -> String { "\(count) \(unit)\(count == 1 ? "" : "s")" }
        switch self {
        case .days(let days): return counted(Int64(days), "day")
        case .seconds(let seconds):
            if seconds % 3600 == 0 { return counted(seconds / 3600, "hour") }
            if seconds % 60 == 0 { return counted(seconds / 60, "minute") }
            return counted(seconds, "second")
        }
    }
}

extension TimeAllowance {
    /// In words: `10 days`, `20 working days`.
    public var words: String {
        switch self {
        case .period(let period): return period.words
        case .workingDays(let count): return "\(count) working day\(count == 1 ? "" : "s")"
        }
    }
}
