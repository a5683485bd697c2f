import TutahiPluginAPI

extension Explanation {
    /// The explanation as a tree for people: each relationship's overall score, then each dimension
    /// with its indicators' scores, points and changes, then the evidence that counts against them
    /// (at most `limit` items each).
    public func text(configuration: Configuration, limit: Int?) -> String {
        var out = ""
        let dimensions = Dictionary(configuration.dimensions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let labels = Dictionary(configuration.indicators.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        let header = "As of \(zone.date(of: asOf.adding(seconds: -1)).longDescription)"
            + (comparedTo.map { ", compared with \(zone.date(of: $0.adding(seconds: -1)).longDescription)" } ?? "")
        out += header + "\n"
        for relationship in relationships {
            let score = relationship.score
            out += "\n\(score.agency.name) (\(score.agency.id)) and \(score.partner.name) (\(score.partner.id))\n"
            out += "  overall \(Self.number(score.overall.score)) \(score.overall.status.words)"
            if comparedTo != nil {
                out += " (was \(Self.number(relationship.previousOverall))"
                if let now = score.overall.score, let then = relationship.previousOverall {
                    out += ", \(Self.signed(now - then))"
                }
                out += ")"
            }
            out += "\n"
            let evidence = Dictionary(relationship.evidence.map { ($0.indicator, $0.evidence) }, uniquingKeysWith: { a, _ in a })
            for dimension in score.dimensions {
                let parts = relationship.contributions.filter { $0.dimension == dimension.id }
                guard !parts.isEmpty else { continue }
                let label = dimensions[dimension.id]?.label ?? dimension.id
                out += "    \(label): \(Self.number(dimension.result.score)) \(dimension.result.status.words)\n"
                for part in parts {
                    let result = score.indicators.first { $0.id == part.indicator }
                    out += "      \(labels[part.indicator] ?? part.indicator) [\(part.indicator)]: "
                    out += "score \(Self.number(part.score)), \(Self.points(part.points)) points"
                    if let change = part.change { out += " (\(Self.signed(change)))" }
                    if let result, result.status == .suppressed || result.status == .noData || result.status == .error {
                        out += ", \(result.status.words)"
                    }
                    out += "\n"
                    if let items = evidence[part.indicator].map({ Self.lines(of: $0, limit: limit) }) {
                        for line in items { out += "        " + line + "\n" }
                    }
                }
            }
        }
        return out
    }

    /// The evidence in words: items that count against the result, per-question means, counted ids.
    static func lines(of evidence: JSONValue, limit: Int?) -> [String] {
        guard case .object(let pairs) = evidence else { return ["evidence: " + evidence.serialized()] }
        var lines: [String] = []
        for (key, value) in pairs {
            switch (key, value) {
            case ("items", .array(let items)):
                let adverse = EvidenceSummary.adverseItems(evidence)
                let hasOutcomes = items.contains { $0["outcome"] != nil }
                let shown = hasOutcomes ? adverse : items
                if hasOutcomes, !adverse.isEmpty {
                    lines.append("\(adverse.count) of \(items.count) count against it:")
                }
                for item in shown.prefix(limit ?? shown.count) { lines.append("- " + EvidenceSummary.describe(item)) }
                if let limit, shown.count > limit { lines.append("… and \(shown.count - limit) more") }
            case ("questions", .object(let questions)):
                for (question, summary) in questions { lines.append("\(question): \(means(summary))") }
            case (_, .array(let ids)):
                lines.append("\(key): \(ids.count) (\(ids.prefix(limit ?? ids.count).map(plain).joined(separator: ", "))"
                    + (limit.map { ids.count > $0 ? ", …" : "" } ?? "") + ")")
            default:
                lines.append("\(key): \(plain(value))")
            }
        }
        return lines
    }

    private static func means(_ summary: JSONValue) -> String {
        if case .object(let sides) = summary, sides.contains(where: { $0.0 == "agency" }) {
            return sides.map { "\($0.0) \(means($0.1))" }.joined(separator: ", ")
        }
        let mean: String
        switch summary["mean"] {
        case .number(let value)?: mean = number(value)
        case .int(let value)?: mean = "\(value)"
        default: mean = "–"
        }
        return "mean \(mean) (n \(summary["n"].map(plain) ?? "0"))"
    }

    private static func plain(_ value: JSONValue) -> String { EvidenceSummary.plain(value) }

    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return OneDecimal.format(value)
    }

    static func points(_ value: Double) -> String {
        let hundredths = (value * 100).rounded() / 100
        return String(format: "%.2f", hundredths)
    }

    static func signed(_ value: Double) -> String {
        let text = points(value)
        return value > 0 && text != "0.00" ? "+" + text : text
    }
}
