import TutahiPluginAPI

/// A small inline SVG of the agency's view beside the partner's on one answer scale: a solid bar
/// and a hatched, outlined bar, each labelled, so it reads in greyscale and without colour.
package struct PairedChart {
    let agencyMean: Double
    let partnerMean: Double
    let scale: ClosedRange<Int>

    static let width = 300.0
    static let barHeight = 16.0
    static let labelWidth = 92.0

    /// The chart. Only numbers and fixed words go into it, so it needs no escaping; it refers to
    /// nothing (not even a pattern by `url(…)`), so the page stays self-contained.
    var svg: String {
        let span = Self.width - Self.labelWidth - 4
        func length(_ mean: Double) -> Double {
            let share = (mean - Double(scale.lowerBound)) / Double(scale.upperBound - scale.lowerBound)
            return max(1, span * min(max(share, 0), 1))
        }
        let f = ReportFormat.oneDecimal
        let bar = Self.barHeight - 2, x = Self.labelWidth
        let agencyLength = length(agencyMean), partnerLength = length(partnerMean)
        let partnerTop = Self.barHeight + 7
        // The partner's bar: an outline hatched with diagonal strokes that stay inside it.
        var hatch = ""
        var offset = 3.0
        while offset + bar <= partnerLength {
            hatch += "<line x1=\"\(f(x + offset))\" y1=\"\(f(partnerTop + bar))\" x2=\"\(f(x + offset + bar))\" "
                + "y2=\"\(f(partnerTop))\"/>"
            offset += 4
        }
        let height = Int(2 * Self.barHeight + 14)
        return """
            <svg class="paired" role="img" viewBox="0 0 \(Int(Self.width)) \(height)" width="\(Int(Self.width))" \
            height="\(height)"><title>\(summary)</title>\
            <text x="0" y="\(Int(Self.barHeight) - 3)">Agency \(f(agencyMean))</text>\
            <rect class="agency" x="\(f(x))" y="1" width="\(f(agencyLength))" height="\(f(bar))"/>\
            <text x="0" y="\(Int(2 * Self.barHeight) + 3)">Partner \(f(partnerMean))</text>\
            <rect class="partner" x="\(f(x))" y="\(f(partnerTop))" width="\(f(partnerLength))" height="\(f(bar))"/>\
            <g class="hatch">\(hatch)</g></svg>
            """
    }

    /// The comparison in words.
    var summary: String {
        "The agency's view \(ReportFormat.oneDecimal(agencyMean)), the partner's "
            + "\(ReportFormat.oneDecimal(partnerMean)), on a \(scale.lowerBound)–\(scale.upperBound) scale"
    }
}
