import TutahiPluginAPI

/// `ratio`: a custom indicator without code — numerator events over denominator events.
public struct Ratio: RelationshipIndicatorPlugin {
    /// The keys of a `ratio` indicator.
    public struct Options: Decodable, Sendable {
        /// The events counted above the line.
        public var numerator: EventSelector
        /// The events counted below the line (n).
        public var denominator: EventSelector
        /// The ratio that scores 100, default 1.
        public var target: Located<Double>?
    }

    public static let type = "ratio"
    public static let summary = "Numerator events as a share of denominator events, against a target"
    public static let defaultMinimumCount = 1
    public static let options: [OptionDocumentation] = [
        OptionDocumentation("numerator", "{kind, by, where}", default: nil, "the events counted above the line",
            example: "{kind: decision, by: agency, where: {mode: co-design}}"),
        OptionDocumentation("denominator", "{kind, by, where}", default: nil, "the events counted below the line (n)",
            example: "{kind: decision, by: agency}"),
        OptionDocumentation("target", "number > 0", default: "1", "the ratio that scores 100", example: "0.5"),
    ]

    let options: Options
    let target: Double

    /// Checks that the target is positive.
    public init(options: Options, setup: IndicatorSetup) throws {
        if let target = options.target, !(target.value > 0) { throw target.error("`target` must be greater than 0") }
        self.options = options
        target = options.target?.value ?? 1
    }

    /// "Decisions with mode co-design as a share of decisions, target 50%".
    public var defaultDescription: String? {
        func phrase(_ selector: EventSelector) -> String {
            var text = PlainWords.plural(selector.kinds.sorted())
            if selector.by != .any { text += " by the \(selector.by.rawValue)" }
            return text
        }
        return "\(PlainWords.capitalized(phrase(options.numerator))) matching the numerator, as a share of "
            + "\(phrase(options.denominator)), target \(Int((100 * target).rounded()))%"
    }

    /// "3 of 6 (50%)".
    public func reading(of observation: Observation) -> String? {
        guard case .int(let numerator)? = observation.detail.first(where: { $0.0 == "numerator" })?.1 else { return nil }
        return PlainWords.share(numerator, of: observation.n)
    }

    /// Counts both selectors in the window.
    public func measure(_ evidence: RelationshipEvidence, context: MeasurementContext) -> Observation {
        let events = evidence.interactions, inWindow = events.positions(in: context.window)
        let above = options.numerator.matcher(for: events), below = options.denominator.matcher(for: events)
        let numerator = above.count(in: events, among: inWindow)
        let n = below.count(in: events, among: inWindow)
        let value = n > 0 ? Double(numerator) / Double(n) : nil
        var observation = Observation(
            value: value, score: value.map { 100 * min($0 / target, 1) }, n: n,
            detail: [("numerator", .int(numerator)), ("denominator", .int(n))])
        if context.wantsEvidence {
            // In time order, ties by id, as the list holds them.
            func ids(_ matcher: EventMatcher) -> JSONValue {
                .array(matcher.positions(in: events, among: inWindow).map { .string(events.id(at: $0)) })
            }
            observation.evidence = .object([("numerator", ids(above)), ("denominator", ids(below))])
        }
        return observation
    }
}
