/// A notification output users name in `outputs: [{type: …}]`, such as `email` or `webhook`.
///
/// After a run, a notifier composes its messages from the run's alert digest (pure: no I/O).
/// The store keeps them in its outbox, in the run's own transaction; then, and on later runs
/// and scheduler ticks until it succeeds, each is handed to ``deliver(_:)``.
public protocol Notifier: Sendable {
    /// The notifier's options, decoded from the output's keys other than `type`.
    associatedtype Options: Decodable & Sendable

    /// The name users write in `type:`.
    static var type: String { get }
    /// One line saying what the notifier sends.
    static var summary: String { get }
    /// The notifier's keys other than `type`, for `tutahi plugins`.
    static var options: [OptionDocumentation] { get }

    /// Checks `options` (throwing ``SourceError``s at their positions) and prepares the notifier.
    init(options: Options, setup: SinkSetup) throws

    /// The messages this run's digest calls for (none when nobody has anything new to hear).
    func messages(for digest: AlertDigest) throws -> [OutgoingMessage]

    /// Sends one message. Returning means the server accepted it; throwing leaves it in the outbox.
    func deliver(_ message: OutgoingMessage) async throws
}

/// One message waiting to be delivered: composed once, sent as it is on every attempt.
public struct OutgoingMessage: Sendable, Hashable {
    /// Where it goes: an email address or a URL.
    public var destination: String
    /// A key unique to this message (an email's Message-ID), kept across retries.
    public var key: String
    /// One line for `tutahi outbox`, such as the subject.
    public var summary: String
    /// The bytes to send: a whole RFC 5322 message, or a JSON body.
    public var payload: [UInt8]

    /// Creates a message.
    public init(destination: String, key: String, summary: String, payload: [UInt8]) {
        self.destination = destination
        self.key = key
        self.summary = summary
        self.payload = payload
    }
}
