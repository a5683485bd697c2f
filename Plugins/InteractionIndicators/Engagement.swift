import TutahiPluginAPI

/// `engagement`: regular contact — how many meetings, hui and the like, against a target.
public struct Engagement: RelationshipIndicatorPlugin {
    /// The keys of an `engagement` indicator.
    public struct Options: Decodable, Sendable {
        /// The kinds of events that count.
        public var kinds: [String]
        /// The number of events that scores 100.
        public var target: Located<Double>
        /// The side the events come from, default `any`.
        public var by: Side?
        /// A filter on events.
        public var filter: AttributeFilter?

        enum CodingKeys: String, CodingKey {
            case kinds, target, by
            case filter = "where"
        }
    }

    public static let type = "engagement"
    public static let summary = "Number of contacts (meetings, hui) in the window against a target"
    public static let defaultMinimumCount = 0
    public static let options: [OptionDocumentation] = [
        OptionDocumentation("kinds", "list of strings", default: nil, "the kinds of events that count", example: "[meeting, hui]"),
        OptionDocumentation("target", "number > 0", default: nil, "the count that scores 100", example: "6"),
        OptionDocumentation("by", "agency | partner | any", default: "any", "the side the events come from", example: "agency"),
        OptionDocumentation("where", "{attribute: value or [values]}", default: "all", "a filter on events",
            example: "{channel: in person}"),
    ]

    let selector: EventSelector
    /// The kinds in words, for readings: `meetings or hui`.
    private let kindsInWords: String
    let target: Double

    /// Checks that the target is positive.
    public init(options: Options, setup: IndicatorSetup) throws {
        guard options.target.value > 0 else { throw options.target.error("`target` must be greater than 0") }
        selector = EventSelector(kinds: Set(options.kinds), by: options.by ?? .any, filter: options.filter ?? .all)
        kindsInWords = PlainWords.plural(selector.kinds.sorted())
        target = options.target.value
    }

    /// "Meetings or hui between the two, against a target of 4 in the window".
    public var defaultDescription: String? {
        let side = selector.by == .any ? "between the two" : "by the \(selector.by.rawValue)"
        return "\(PlainWords.capitalized(PlainWords.plural(selector.kinds.sorted()))) \(side), "
            + "against a target of \(PlainWords.number(target)) in the window"
    }

    /// "2 hui or meetings (target 4)".
    public func reading(of observation: Observation) -> String? {
        "\(observation.n) \(kindsInWords) (target \(PlainWords.number(target)))"
    }

    /// Counts the matching events in the window; none at all scores 0.
    public func measure(_ evidence: RelationshipEvidence, context: MeasurementContext) -> Observation {
        let events = evidence.interactions, matcher = selector.matcher(for: events)
        let n = matcher.count(in: events, among: events.positions(in: context.window))
        var observation = Observation(value: Double(n), score: 100 * min(Double(n) / target, 1), n: n)
        if context.wantsEvidence {
            // In time order, ties by id, as the list holds them.
            let items = matcher.positions(in: events, among: events.positions(in: context.window)).map { position in
                JSONValue.object([
                    ("id", .string(events.id(at: position))), ("kind", .string(events.kind(at: position))),
                    ("at", .string(context.zone.format(events.time(at: position)))),
                ])
            }
            observation.evidence = .object([("items", .array(items))])
        }
        return observation
    }
}
