import TutahiPluginAPI

/// `perception_gap`: do the agency and the partner see their relationship alike? The agency's
/// mean on a scale minus the partner's, scored by how close the two are.
///
/// n is the smaller side's number of responses, so suppression protects the smaller side: a
/// partner with four respondents is never exposed by comparison with a large agency sample.
public struct PerceptionGap: RelationshipIndicatorPlugin {
    /// The keys of a `perception_gap` indicator: those of `survey_scale` without `respondents`.
    public struct Options: Decodable, Sendable {
        /// The question ids that make up the scale.
        public var questions: Located<[String]>
        /// Reverse-coded questions (a subset of `questions`).
        public var reverse: Located<[String]>?
        /// The answer scale `[min, max]`, default `[1, 5]`.
        public var scale: Located<[Int]>?
        /// How many in-scale answers a response needs to count, default ceil(k/2).
        public var minItems: Located<Int>?

        enum CodingKeys: String, CodingKey {
            case questions, reverse, scale
            case minItems = "min_items"
        }
    }

    public static let type = "perception_gap"
    public static let summary = "How far apart the agency's and the partner's views of their relationship are"
    public static let defaultMinimumCount = 5
    public static let smallSamplePolicy = SmallSamplePolicy.suppress
    public static let options: [OptionDocumentation] = LikertScale.documentation

    let scale: LikertScale

    /// The answer scale, `[min, max]`.
    public var answerScale: ClosedRange<Int>? { scale.minimum...scale.maximum }

    /// Checks the options as `survey_scale` does.
    public init(options: Options, setup: IndicatorSetup) throws {
        scale = try LikertScale(
            questions: options.questions, reverse: options.reverse, scale: options.scale, minItems: options.minItems)
    }

    /// "How far apart the agency's and the partner's mean answers to T1, T2 are, on a 1–5 scale".
    public var defaultDescription: String? {
        "How far apart the agency's and the partner's mean answers to \(scale.itemsInWords) are, on a "
            + "\(scale.minimum)–\(scale.maximum) scale (100: they agree)"
    }

    /// "1.7 points apart on a 1–5 scale, the agency warmer".
    public func reading(of observation: Observation) -> String? {
        guard let gap = observation.value else { return nil }
        let warmer = abs(gap) < 0.05 ? "" : gap > 0 ? ", the agency warmer" : ", the partner warmer"
        return "\(PlainWords.number(abs(gap))) points apart on a \(scale.minimum)–\(scale.maximum) scale\(warmer)"
    }

    /// Scores each side's responses in the window and compares the means.
    public func measure(_ evidence: RelationshipEvidence, context: MeasurementContext) -> Observation {
        var sums: [SurveySide: (total: Double, count: Int)] = [.agency: (0, 0), .partner: (0, 0)]
        var means = [SurveySide.agency: QuestionMeans(scale), .partner: QuestionMeans(scale)]
        var reading = ScaleReading()
        for response in evidence.surveys where context.window.contains(response.submittedAt) {
            scale.read(response, into: &reading)
            guard let score = scale.score(of: reading.values) else { continue }
            sums[response.side, default: (0, 0)].total += score
            sums[response.side, default: (0, 0)].count += 1
            if context.wantsEvidence { means[response.side]?.add(reading) }
        }
        let agency = sums[.agency] ?? (0, 0), partner = sums[.partner] ?? (0, 0)
        let n = min(agency.count, partner.count)
        let counts: [(String, JSONValue)] = [("agency_n", .int(agency.count)), ("partner_n", .int(partner.count))]
        guard n > 0 else { return Observation(value: nil, score: nil, n: 0, detail: counts) }
        let agencyMean = agency.total / Double(agency.count), partnerMean = partner.total / Double(partner.count)
        let gap = agencyMean - partnerMean
        return Observation(
            value: gap, score: 100 * (1 - abs(gap) / Double(scale.maximum - scale.minimum)), n: n, detail: counts,
            detailWhenScored: [("agency_mean", .number(agencyMean)), ("partner_mean", .number(partnerMean))],
            evidence: context.wantsEvidence ? questionEvidence(means) : nil)
    }

    /// `{"questions": {Q: {"agency": {mean, n}, "partner": {mean, n}}}}`.
    private func questionEvidence(_ means: [SurveySide: QuestionMeans]) -> JSONValue {
        .object([("questions", .object(scale.questions.indices.map { index in
            (scale.questions[index], .object([
                ("agency", means[.agency]?.summary(index) ?? .null),
                ("partner", means[.partner]?.summary(index) ?? .null),
            ]))
        }))])
    }
}
