import TutahiPluginAPI

/// How numbers, dates and statuses read in a report.
package enum ReportFormat {
    /// One decimal, or an en dash when there is no score.
    package static func score(_ score: Double?) -> String {
        guard let score, score.isFinite else { return "–" }
        return oneDecimal(score)
    }

    /// Up to two decimals without trailing zeros (`3.56`, `0.6`, `12`), or an en dash.
    package static func value(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        var text = String(Double((value * 100).rounded()) / 100)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A percentile as an English ordinal (`62nd`, `0th (lowest)`, `100th (highest)`), or an en dash.
    package static func ordinal(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        let whole = Int(value.rounded())
        let suffix: String
        switch (whole % 10, whole % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(whole)\(suffix)" + (whole == 0 ? " (lowest)" : whole == 100 ? " (highest)" : "")
    }

    /// Thresholds in words: `good from 75.0, needs attention from 50.0`; empty when unknown.
    package static func thresholds(_ thresholds: Thresholds?) -> String {
        thresholds.map { "good from \(oneDecimal($0.green)), needs attention from \(oneDecimal($0.amber))" } ?? ""
    }

    /// A share as a whole percentage.
    package static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "–" }
        return "\(Int((share * 100).rounded()))%"
    }

    package static func oneDecimal(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        let whole = Int(tenths / 10), fraction = Int(abs(tenths).truncatingRemainder(dividingBy: 10))
        return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(fraction)"
    }

    /// A status in words (capitalised), a CSS class and a shape, so colour is never the only cue.
    package static func status(_ status: Status) -> ReportView.StatusView {
        let symbol: String
        switch status {
        case .green: symbol = "●"
        case .amber: symbol = "▲"
        case .red: symbol = "■"
        case .suppressed: symbol = "○"
        case .noData: symbol = "○"
        case .error: symbol = "✕"
        }
        let words = status.words
        return ReportView.StatusView(
            word: words.prefix(1).uppercased() + words.dropFirst(), css: status.rawValue.replacingOccurrences(of: "_", with: "-"),
            symbol: symbol)
    }

    /// An id safe for an HTML `id` and a URL fragment.
    package static func anchor(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
    }

    /// `1 November 2026`.
    package static func longDate(_ instant: Instant, in zone: Zone) -> String {
        zone.date(of: instant).longDescription
    }
}
