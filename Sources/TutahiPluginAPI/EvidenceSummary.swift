/// Evidence in words, for reports and `tutahi explain`: which items count against a result, and
/// each item as one line.
public enum EvidenceSummary {
    /// Outcomes that count against a result.
    public static let adverseOutcomes: Set<String> = ["late", "open", "short_notice", "no_consultation"]

    /// The items of `evidence` (its `items` list) whose outcome counts against the result, in order.
    public static func adverseItems(_ evidence: JSONValue?) -> [JSONValue] {
        guard case .array(let items)? = evidence?["items"] else { return [] }
        return items.filter { item in
            if case .string(let outcome)? = item["outcome"] { return adverseOutcomes.contains(outcome) }
            return false
        }
    }

    /// One item in words: `late e17: opened 2026-05-03 09:00, deadline 2026-05-17 00:00, closed …`.
    public static func describe(_ item: JSONValue) -> String {
        guard case .object(let fields) = item else { return plain(item) }
        let outcome = item["outcome"].map(plain).map { $0.replacingOccurrences(of: "_", with: " ") }
        let rest = fields.filter { $0.0 != "outcome" && $0.0 != "id" }.map { "\($0.0) \(plain($0.1))" }
        return [outcome, item["id"].map(plain)].compactMap { $0 }.joined(separator: " ") + ": "
            + rest.joined(separator: ", ")
    }

    /// A value in words: text as written, an RFC 3339 time as its local date and minute
    /// (`2026-05-03 09:00`), null as `none`, anything else as JSON.
    public static func plain(_ value: JSONValue) -> String {
        switch value {
        case .string(let text):
            if text.count >= 20, Timestamp.parse(text) != nil, case let characters = Array(text), characters[10] == "T" {
                return String(characters[0..<10]) + " " + String(characters[11..<16])
            }
            return text
        case .null: return "none"
        default: return value.serialized()
        }
    }
}
