import TutahiPluginAPI

/// `advance_notice`: no surprises — decisions preceded by consultation with enough notice.
public struct AdvanceNotice: RelationshipIndicatorPlugin {
    /// The keys of an `advance_notice` indicator.
    public struct Options: Decodable, Sendable {
        /// The least notice a consultation must give (a duration or working days).
        public var minNotice: TimeAllowance
        /// The kind of decision events, default `decision`.
        public var decisionKind: String?
        /// The kind of consultation events, default `consultation`.
        public var consultationKind: String?
        /// A filter on decisions.
        public var filter: AttributeFilter?

        enum CodingKeys: String, CodingKey {
            case minNotice = "min_notice"
            case decisionKind = "decision_kind"
            case consultationKind = "consultation_kind"
            case filter = "where"
        }
    }

    public static let type = "advance_notice"
    public static let summary = "Share of the agency's decisions preceded by consultation with enough notice"
    public static let defaultMinimumCount = 1
    public static let options: [OptionDocumentation] = [
        OptionDocumentation("min_notice", "duration or working days", default: nil,
            "the least notice a consultation must give; `Nwd`: the decision comes after the end of the Nth working day",
            example: "15wd"),
        OptionDocumentation("decision_kind", "string", default: "decision", "the kind of decision events", example: "decision"),
        OptionDocumentation("consultation_kind", "string", default: "consultation", "the kind of consultation events",
            example: "consultation"),
        OptionDocumentation("where", "{attribute: value or [values]}", default: "all", "a filter on decisions",
            example: "{mode: co-design}"),
    ]

    let options: Options

    /// Keeps the options.
    public init(options: Options, setup: IndicatorSetup) throws {
        self.options = options
    }

    /// "The agency's decisions preceded by its consultation at least 20 days before".
    public var defaultDescription: String? {
        let decisions = PlainWords.plural(options.decisionKind ?? "decision")
        let consultation = (options.consultationKind ?? "consultation").replacingOccurrences(of: "_", with: " ")
        return "The agency's \(decisions) preceded by its \(consultation) at least \(options.minNotice.words) before"
    }

    /// "4 of 5 with enough notice (80%)".
    public func reading(of observation: Observation) -> String? {
        guard case .int(let adequate)? = observation.detail.first(where: { $0.0 == "adequate" })?.1 else { return nil }
        return PlainWords.share(adequate, of: observation.n, "with enough notice")
    }

    /// Classifies the agency's decisions in the window.
    public func measure(_ evidence: RelationshipEvidence, context: MeasurementContext) throws -> Observation {
        let decisionKind = options.decisionKind ?? "decision"
        let consultationKind = options.consultationKind ?? "consultation"
        let filter = options.filter ?? .all
        let events = evidence.interactions
        let decisions = EventSelector(kinds: [decisionKind], by: .agency, filter: filter).matcher(for: events)
        let consultations = EventSelector(kinds: [consultationKind], by: .agency).matcher(for: events)
        var adequate = 0, shortNotice = 0, noConsultation = 0
        var items: [JSONValue] = []
        let zone = context.zone
        func note(_ decision: Int, _ consultation: Int?, _ outcome: String) {
            guard context.wantsEvidence else { return }
            items.append(.object([
                ("id", .string(events.id(at: decision))), ("at", .string(zone.format(events.time(at: decision)))),
                ("consultation", .string(consultation.map(events.id(at:)))),
                ("consulted", .string(consultation.map { zone.format(events.time(at: $0)) })),
                ("outcome", .string(outcome)),
            ]))
        }
        // Decisions come in time order (ties by id), as the evidence lists them.
        for decision in decisions.positions(in: events, among: events.positions(in: context.window)) {
            guard let target = events.referencedKey(at: decision), let consultation = events.position(of: target),
                consultations.matches(events, at: consultation)
            else {
                noConsultation += 1
                note(decision, nil, "no_consultation")
                continue
            }
            let noticeEnds = try options.minNotice.deadline(
                after: events.time(at: consultation), in: context.zone, calendar: context.calendar)
            if noticeEnds <= events.time(at: decision) {
                adequate += 1
                note(decision, consultation, "adequate")
            } else {
                shortNotice += 1
                note(decision, consultation, "short_notice")
            }
        }
        let n = adequate + shortNotice + noConsultation
        let value = n > 0 ? Double(adequate) / Double(n) : nil
        return Observation(
            value: value, score: value.map { 100 * $0 }, n: n,
            detail: [
                ("adequate", .int(adequate)), ("short_notice", .int(shortNotice)),
                ("no_consultation", .int(noConsultation)),
            ],
            evidence: context.wantsEvidence ? .object([("items", .array(items))]) : nil)
    }
}
