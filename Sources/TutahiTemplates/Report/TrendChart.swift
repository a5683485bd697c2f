import TutahiPluginAPI

/// A small inline SVG line of a relationship's overall score over past runs (0–100 scale).
package struct TrendChart {
    let points: [TrendPoint]
    let zone: Zone
    let width: Double
    let height: Double

    /// A chart of `points`, 120 by 32 pixels unless told otherwise.
    package init(points: [TrendPoint], zone: Zone, width: Double = 120, height: Double = 32) {
        self.points = points
        self.zone = zone
        self.width = width
        self.height = height
    }

    /// The chart, with a text alternative for screen readers. Only numbers and fixed words go
    /// into it, so it needs no escaping.
    package var svg: String {
        let scored = points.enumerated().compactMap { index, point in point.score.map { (index, $0) } }
        let step = points.count > 1 ? (width - 8) / Double(points.count - 1) : 0
        func x(_ index: Int) -> String { ReportFormat.oneDecimal(4 + Double(index) * step) }
        func y(_ score: Double) -> String { ReportFormat.oneDecimal(4 + (100 - min(max(score, 0), 100)) / 100 * (height - 8)) }
        let line = scored.map { "\(x($0.0)),\(y($0.1))" }.joined(separator: " ")
        let last = scored.last.map { "<circle cx=\"\(x($0.0))\" cy=\"\(y($0.1))\" r=\"2.5\"/>" } ?? ""
        return """
            <svg class="trend" role="img" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" \
            height="\(Int(height))"><title>\(summary)</title>\
            <line class="mid" x1="4" x2="\(Int(width) - 4)" y1="\(y(50))" y2="\(y(50))"/>\
            <polyline points="\(line)"/>\(last)</svg>
            """
    }

    /// The trend in words: each run's date and score.
    package var summary: String {
        "Overall score over the last \(points.count) runs: " + points.map { point in
            "\(ReportFormat.longDate(point.asOf, in: zone)) \(ReportFormat.score(point.score))"
        }.joined(separator: "; ")
    }
}
