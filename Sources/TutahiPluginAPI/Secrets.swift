/// The values that came into the configuration from `${VAR}`: secrets (passwords, tokens, webhook
/// URLs with a key in them) that must never reach a log, a listing, the store or a page.
public struct Secrets: Sendable, Hashable {
    /// The values, longest first (so a value containing another is replaced whole).
    public let values: [String]

    /// The secrets `values` (empty ones are ignored).
    public init(_ values: some Sequence<String>) {
        self.values = Set(values.filter { !$0.isEmpty }).sorted { ($0.count, $0) > ($1.count, $1) }
    }

    /// No secrets.
    public static let none = Secrets([])

    /// The values of the variables `text` names as `${NAME}`.
    public static func referenced(in text: String, environment: [String: String]) -> Secrets {
        var values: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else { break }
            if let value = environment[String(rest[start.upperBound..<end])] { values.append(value) }
            rest = rest[rest.index(after: end)...]
        }
        return Secrets(values)
    }

    /// `text` with every secret replaced by `***`.
    public func redact(_ text: String) -> String {
        values.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
    }

    /// Both sets.
    public func union(_ other: Secrets) -> Secrets { Secrets(values + other.values) }
}
