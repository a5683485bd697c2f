import Foundation
import TutahiPluginAPI

/// `webhook`: after each run with alert changes, one JSON POST (`tutahi.alerts/1`).
public struct WebhookNotifier: Notifier {
    /// The keys of a `webhook` output.
    public struct Options: Decodable, Sendable {
        /// Where to POST.
        public var url: Located<String>
        /// Extra headers, such as `Authorization: "Bearer ${HOOK_TOKEN}"`.
        public var headers: [String: String]?
        /// The time limit of one delivery (default 10s).
        public var timeout: Located<Period>?
    }

    public static let type = "webhook"
    public static let summary = "A JSON POST of the run's alert changes (tutahi.alerts/1); any 2xx is delivered"
    public static let options: [OptionDocumentation] = [
        OptionDocumentation("url", "URL", default: nil, "where to POST (http or https)", example: "http://127.0.0.1:9000/alerts"),
        OptionDocumentation(
            "headers", "mapping", default: "none", "extra request headers; secrets as `${VAR}`",
            example: "{X-Tutahi-Region: te-tai-tokerau}"),
        OptionDocumentation("timeout", "duration", default: "10s", "the time limit of one delivery", example: "5s"),
    ]

    let post: HTTPPost
    /// The URL as it may be shown and stored: a `${VAR}` in it (a Slack or Teams key) as `***`.
    let shownURL: String

    /// Checks the URL.
    public init(options: Options, setup: SinkSetup) throws {
        guard let url = URL(string: options.url.value), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", url.host != nil
        else {
            throw options.url.error("expected an http or https URL such as `https://hooks.example.org/tutahi`")
        }
        shownURL = setup.secrets.redact(url.absoluteString)
        post = HTTPPost(
            url: url, headers: (options.headers ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            timeout: try options.timeout?.positive("timeout").duration ?? .seconds(10))
    }

    /// One POST when the run has changes (reminders are for email).
    public func messages(for digest: AlertDigest) throws -> [OutgoingMessage] {
        let changes = digest.entries.filter(\.isChange)
        guard !changes.isEmpty else { return [] }
        let body: JSONValue = .object([
            ("schema", .string("tutahi.alerts/1")),
            ("as_of", .string(digest.zone.format(digest.asOf))),
            ("changes", .array(changes.map { entry in
                .object([
                    ("rule", .string(entry.rule)), ("agency", .string(entry.agency.id)),
                    ("partner", .string(entry.partner.id)), ("severity", .string(entry.severity.rawValue)),
                    ("state", .string(entry.state.rawValue)), ("message", .string(entry.message)),
                    ("since", .string(digest.zone.format(entry.since))),
                ])
            })),
        ])
        return [OutgoingMessage(
            destination: shownURL, key: "\(digest.runKey).webhook",
            summary: "\(changes.count) alert change\(changes.count == 1 ? "" : "s")",
            payload: Array(body.serialized().utf8))]
    }

    /// POSTs it; any 2xx is delivered.
    public func deliver(_ message: OutgoingMessage) async throws {
        let status = try await post.send(message.payload)
        guard (200..<300).contains(status) else {
            throw DeliveryError("\(post.url.host ?? "the server") answered HTTP \(status)")
        }
    }
}
