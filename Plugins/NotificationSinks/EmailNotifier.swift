import TutahiPluginAPI
import TutahiTemplates

/// `email`: one digest per recipient address per run — what is new, still firing and resolved,
/// most severe first — sent over SMTP.
public struct EmailNotifier: Notifier {
    /// The keys of an `email` output.
    public struct Options: Decodable, Sendable {
        /// The SMTP server.
        public var smtp: SMTPOptions
        /// The sender, such as `Tūtahi <tutahi@example.org>`.
        public var from: Located<String>
        /// Templates replacing the built-in ones.
        public var templates: TemplateOptions?
        /// Where the full report can be read (the HTML report or the dashboard), linked from each digest.
        public var reportURL: Located<String>?

        enum CodingKeys: String, CodingKey {
            case smtp, from, templates
            case reportURL = "report_url"
        }
    }

    /// `smtp:` keys.
    public struct SMTPOptions: Decodable, Sendable {
        /// The server's host name or address.
        public var host: String
        /// The port (25 by default).
        public var port: Located<Int>?
        /// `true`: require STARTTLS; `false`: never; unset: when the server offers it.
        public var starttls: Bool?
        /// The user name for AUTH PLAIN or LOGIN.
        public var username: String?
        /// The password (write `${VAR}`, never the secret itself).
        public var password: String?
        /// A PEM file of CA certificates to trust instead of the system's.
        public var caFile: String?
        /// The time limit of one delivery (default 30s).
        public var timeout: Located<Period>?

        enum CodingKeys: String, CodingKey {
            case host, port, starttls, username, password, timeout
            case caFile = "ca_file"
        }
    }

    /// `templates:` keys: Mustache files, relative to the config file.
    public struct TemplateOptions: Decodable, Sendable {
        /// The subject line (starts with `{{% CONTENT_TYPE: TEXT }}` so nothing is escaped).
        public var subject: Located<String>?
        /// The plain-text part.
        public var text: Located<String>?
        /// The HTML part.
        public var html: Located<String>?
    }

    public static let type = "email"
    public static let summary = "An alert digest per recipient address per run, over SMTP (STARTTLS, AUTH)"
    public static let options: [OptionDocumentation] = [
        OptionDocumentation(
            "smtp", "mapping", default: nil,
            "host, port (25), starttls (true, false or unset: when offered), username, password (write ${VAR}), ca_file, timeout (30s)",
            example: "{host: 127.0.0.1, port: 2525, starttls: false, timeout: 10s}"),
        OptionDocumentation("from", "text", default: nil, "the sender", example: "\"Tūtahi <tutahi@example.org>\""),
        OptionDocumentation(
            "templates", "mapping", default: "built in",
            "Mustache files for subject, text and html (`tutahi template email-html` prints one)",
            example: "{html: templates/digest.html.mustache}"),
        OptionDocumentation(
            "report_url", "URL", default: "none", "the full report (an http or https URL), linked from each digest",
            example: "https://relationships.example.org/report.html"),
    ]

    /// The built-in templates, for `tutahi template`.
    public static let builtInTemplates: [(name: String, text: String)] = [
        ("email-subject", EmailTemplates.subject), ("email-text", EmailTemplates.text), ("email-html", EmailTemplates.html),
    ]

    let sender: MailAddress
    let client: SMTPClient
    let subject: MustacheFile
    let text: MustacheFile
    let html: MustacheFile
    let reportURL: String?

    /// Checks the sender and the templates.
    public init(options: Options, setup: SinkSetup) throws {
        guard let sender = MailAddress(parsing: options.from.value) else {
            throw options.from.error("expected a sender address such as `Tūtahi <tutahi@example.org>`")
        }
        self.sender = sender
        if let url = options.reportURL {
            let lower = url.value.lowercased()
            guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
                !url.value.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
            else { throw url.error("expected an http or https URL for `report_url`, found `\(url.value)`") }
        }
        reportURL = options.reportURL?.value
        let smtp = options.smtp
        client = SMTPClient(settings: SMTPSettings(
            host: smtp.host, port: try smtp.port?.port() ?? 25, startTLS: smtp.starttls, username: smtp.username,
            password: smtp.password, caFile: smtp.caFile.map(setup.resolve),
            timeout: try smtp.timeout?.positive("timeout").duration ?? .seconds(30)))
        subject = try MustacheFile(builtIn: EmailTemplates.subject, override: options.templates?.subject, setup: setup)
        text = try MustacheFile(builtIn: EmailTemplates.text, override: options.templates?.text, setup: setup)
        html = try MustacheFile(builtIn: EmailTemplates.html, override: options.templates?.html, setup: setup)
    }

    /// One message per address with something to hear.
    public func messages(for digest: AlertDigest) throws -> [OutgoingMessage] {
        let now = Instant.now
        return digest.entriesByAddress.enumerated().map { index, routed in
            let view = DigestView(
                entries: routed.entries, digest: digest, recipient: routed.address, reportURL: reportURL)
            let line = subject.render(view).split(whereSeparator: \.isNewline).joined(separator: " ")
            let email = EmailMessage(
                from: sender, to: routed.address, subject: line,
                messageID: "<\(digest.runKey).\(index + 1)@\(sender.domain)>", dateSeconds: now.seconds,
                text: text.render(view), html: html.render(view))
            return OutgoingMessage(destination: routed.address, key: email.messageID, summary: line, payload: email.bytes)
        }
    }

    /// Sends one digest.
    public func deliver(_ message: OutgoingMessage) async throws {
        try await client.send(message.payload, from: sender.address, to: message.destination)
    }
}
