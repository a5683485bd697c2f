/// One recorded interaction: a request, a reply, a commitment, a hui, an invoice, …
public struct Interaction: Sendable, Hashable {
    /// The interaction's unique id.
    public var id: String
    /// What happened, as a lowercase word (`request`, `response`, `hui`, …).
    public var kind: String
    /// The party it came from.
    public var from: String
    /// The party it went to.
    public var to: String
    /// When it happened.
    public var at: Instant
    /// The id of the interaction it answers or closes, if any.
    public var ref: String?
    /// When it is due, if it has a deadline (a bare date means the end of that date).
    public var due: Instant?
    /// True when `due` was written as a bare date (`due` is then the end of that date): a grace in
    /// working days counts from the date it names.
    public var dueIsDate: Bool
    /// Every other column or key, such as `channel` or `mode`.
    public var attributes: [String: String]

    /// Creates an interaction.
    public init(
        id: String, kind: String, from: String, to: String, at: Instant, ref: String? = nil, due: Instant? = nil,
        dueIsDate: Bool = false, attributes: [String: String] = [:]
    ) {
        self.dueIsDate = dueIsDate && due != nil
        self.id = id
        self.kind = kind
        self.from = from
        self.to = to
        self.at = at
        self.ref = ref
        self.due = due
        self.attributes = attributes
    }
}
