import TutahiCore
import TutahiPluginAPI
import TutahiStore
import TutahiTemplates

/// One relationship: its card, its history from the store, what makes up its score and the
/// evidence behind each indicator.
struct RelationshipPage: MustacheView {
    struct HistoryRow: MustacheView {
        let run: Int64
        let asOf: String
        let score: String
        let status: ReportView.StatusView
    }

    struct ContributionRow: MustacheView {
        let label: String
        let dimension: String
        let score: String
        let share: String
        let points: String
        let previousPoints: String
        let change: String
        /// `up`, `down` or empty, for colour beside the sign.
        let direction: String
    }

    struct EvidenceList: MustacheView {
        let label: String
        let lines: [String]
    }

    let pageTitle: String
    let frame: FrameView
    let report: ReportView
    let card: ReportView.RelationshipView
    let agencyLink: String
    let hasHistory: Bool
    let historyChart: String
    let historyText: String
    let history: [HistoryRow]
    let contributionsNote: String
    let compared: Bool
    let contributions: [ContributionRow]
    let evidence: [EvidenceList]

    /// How many runs the history table lists (the chart shows them all).
    static let historyRows = 24

    init(
        _ snapshot: RelationshipSnapshot, scorecard: Scorecard, history points: [RelationshipHistoryPoint], frame: FrameView
    ) {
        var one = scorecard
        one.relationships = [snapshot.score]
        one.agencies = []
        one.alerts = scorecard.alerts.filter { $0.agency == snapshot.score.agency.id && $0.partner == snapshot.score.partner.id }
        one.contributions = [snapshot.score.key: snapshot.contributions]
        one.previousRun = snapshot.comparedTo
        report = ReportView(one, title: snapshot.score.partner.name, evidenceLimit: 5)
        card = report.groups[0].relationships[0]
        pageTitle = "\(snapshot.score.partner.name) with \(snapshot.score.agency.name)"
        self.frame = frame
        agencyLink = Links.agency(snapshot.score.agency.id)

        let zone = scorecard.zone
        hasHistory = !points.isEmpty
        let trend = points.map { TrendPoint(asOf: $0.asOf, score: $0.overall.score) }
        let chart = TrendChart(points: trend, zone: zone, width: 640, height: 160)
        historyChart = hasHistory ? chart.svg.replacingOccurrences(of: "class=\"trend\"", with: "class=\"history\"") : ""
        historyText = hasHistory ? chart.summary : ""
        history = points.reversed().prefix(Self.historyRows).map { point in
            HistoryRow(
                run: point.runID, asOf: ReportFormat.longDate(point.asOf, in: zone), score: ReportFormat.score(point.overall.score),
                status: ReportFormat.status(point.overall.status))
        }

        let labels = Dictionary(scorecard.indicators.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        let dimensions = Dictionary(scorecard.dimensions.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        compared = snapshot.comparedTo != nil
        contributionsNote = snapshot.score.overall.score == nil
            ? "There is no overall score this run, so no indicator brings points."
            : "Each indicator's share of the overall score and the points it brings; the points add up to the overall score"
                + (snapshot.comparedTo.map { ", compared with the run as of \(ReportFormat.longDate($0, in: zone))." } ?? ".")
        contributions = snapshot.contributions.map { contribution in
            let change = contribution.change
            return ContributionRow(
                label: labels[contribution.indicator] ?? contribution.indicator,
                dimension: dimensions[contribution.dimension] ?? contribution.dimension,
                score: ReportFormat.score(contribution.score), share: ReportFormat.percent(contribution.share),
                points: ReportFormat.oneDecimal(contribution.points),
                previousPoints: contribution.previous.map { ReportFormat.oneDecimal($0.points) } ?? "–",
                change: change.map { ($0 > 0 ? "+" : "") + ReportFormat.oneDecimal($0) } ?? "–",
                direction: change.map { $0 >= 0.05 ? "up" : $0 <= -0.05 ? "down" : "" } ?? "")
        }
        evidence = snapshot.score.indicators.compactMap { result in
            guard let evidence = result.evidence else { return nil }
            let lines = Self.lines(evidence)
            return lines.isEmpty ? nil : EvidenceList(label: labels[result.id] ?? result.id, lines: lines)
        }
    }

    /// Evidence in words: each item of a list on its line; means per question; a cut list's rest counted.
    static func lines(_ evidence: JSONValue) -> [String] {
        guard case .object(let pairs) = evidence else { return [EvidenceSummary.plain(evidence)] }
        var lines: [String] = []
        for (key, value) in pairs {
            switch value {
            case .array(let items):
                let words = key == "items" ? "" : "\(key.replacingOccurrences(of: "_", with: " ")): "
                if items.isEmpty { lines.append("\(words)none") }
                lines += items.map { item in
                    if case .string(let id) = item { return "\(words)\(id)" }
                    return words + EvidenceSummary.describe(item)
                }
            case .int(let count) where key == "more" || key.hasPrefix("more_"):
                lines.append("and \(count) more (the page keeps the first of each list)")
            case .object(let questions) where key == "questions":
                lines += questions.map { question, summary in "question \(question): \(Self.means(summary))" }
            default:
                lines.append("\(key.replacingOccurrences(of: "_", with: " ")): \(EvidenceSummary.plain(value))")
            }
        }
        return lines
    }

    /// `mean 3.8 from 6 answers`, or both sides' means.
    private static func means(_ summary: JSONValue) -> String {
        if let mean = summary["mean"], let n = summary["n"] {
            return "mean \(mean.doubleValue.map(ReportFormat.oneDecimal) ?? "–") from \(EvidenceSummary.plain(n)) answers"
        }
        if case .object(let sides) = summary {
            return sides.map { side, value in "\(side) \(means(value))" }.joined(separator: "; ")
        }
        return EvidenceSummary.plain(summary)
    }
}
