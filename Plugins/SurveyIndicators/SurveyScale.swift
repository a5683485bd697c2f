import TutahiPluginAPI

/// `survey_scale`: the mean of Likert answers from one side of the relationship about the other
/// (by default the partner's people about the agency).
public struct SurveyScale: RelationshipIndicatorPlugin {
    /// The keys of a `survey_scale` indicator.
    public struct Options: Decodable, Sendable {
        /// The question ids that make up the scale.
        public var questions: Located<[String]>
        /// Reverse-coded questions (a subset of `questions`).
        public var reverse: Located<[String]>?
        /// The answer scale `[min, max]`, default `[1, 5]`.
        public var scale: Located<[Int]>?
        /// How many in-scale answers a response needs to count, default ceil(k/2).
        public var minItems: Located<Int>?
        /// Whose answers to read, default the partner's.
        public var respondents: SurveySide?

        enum CodingKeys: String, CodingKey {
            case questions, reverse, scale, respondents
            case minItems = "min_items"
        }
    }

    public static let type = "survey_scale"
    public static let summary = "Mean of survey answers (Likert items) from one side about the other"
    public static let defaultMinimumCount = 5
    public static let smallSamplePolicy = SmallSamplePolicy.suppress
    public static let options: [OptionDocumentation] = LikertScale.documentation + [
        OptionDocumentation("respondents", "`partner` or `agency`", default: "partner",
            "whose answers: the partner's about the agency, or the agency's own view of the partner", example: "agency"),
    ]

    let scale: LikertScale

    /// The answer scale, `[min, max]`.
    public var answerScale: ClosedRange<Int>? { scale.minimum...scale.maximum }
    let respondents: SurveySide

    /// Checks the options: questions present and unique, reverse a subset, a scale with min < max.
    public init(options: Options, setup: IndicatorSetup) throws {
        scale = try LikertScale(
            questions: options.questions, reverse: options.reverse, scale: options.scale, minItems: options.minItems)
        respondents = options.respondents ?? .partner
    }

    /// "Mean answer of the partner's people to T1, T2, T3 (T3 reverse-coded), on a 1–5 scale".
    public var defaultDescription: String? {
        let who = respondents == .partner ? "the partner's people about the agency" : "the agency's staff about the partner"
        return "Mean answer of \(who) to \(scale.itemsInWords), on a \(scale.minimum)–\(scale.maximum) scale"
    }

    /// "3.7 on a 1–5 scale".
    public func reading(of observation: Observation) -> String? {
        observation.value.map { "\(PlainWords.number($0)) on a \(scale.minimum)–\(scale.maximum) scale" }
    }

    /// Measures the responses of the chosen side in the window.
    public func measure(_ evidence: RelationshipEvidence, context: MeasurementContext) -> Observation {
        var scores: [Double] = []
        // The responses that answered every item in scale, one row of item values after another.
        var complete: [Double] = []
        var outOfScale = 0
        var means = QuestionMeans(scale)
        var reading = ScaleReading()
        evidence.surveys.withUnsafeBufferPointer { surveys in
            for index in surveys.indices
            where surveys[index].side == respondents && context.window.contains(surveys[index].submittedAt) {
                scale.read(surveys[index], into: &reading)
                outOfScale += reading.outOfScale
                guard let score = scale.score(of: reading.values) else { continue }
                scores.append(score)
                if context.wantsEvidence { means.add(reading) }
                if reading.values.count == scale.questions.count { complete += reading.values }
            }
        }
        let n = scores.count
        let mean = n > 0 ? scores.reduce(0, +) / Double(n) : nil
        let sd = n >= 2 ? Statistics.sampleVariance(scores).squareRoot() : nil
        var ci95: JSONValue = .null
        if let mean, let sd {
            let half = StudentT.criticalValue95(degreesOfFreedom: n - 1) * sd / Double(n).squareRoot()
            ci95 = .array([.number(mean - half), .number(mean + half)])
        }
        let top = n > 0 ? Double(scores.filter { $0 >= Double(scale.maximum - 1) }.count) / Double(n) : nil
        return Observation(
            value: mean, score: mean.map(scale.percentage), n: n,
            detail: [
                ("sd", .number(sd)), ("ci95", ci95), ("top2", .number(top)),
                ("alpha", .number(Statistics.cronbachAlpha(complete, items: scale.questions.count))),
                ("out_of_scale", .int(outOfScale)),
            ],
            evidence: context.wantsEvidence
                ? .object([("questions", .object(scale.questions.indices.map { (scale.questions[$0], means.summary($0)) }))])
                : nil)
    }
}

/// Sample statistics.
enum Statistics {
    /// The sample variance (n − 1 denominator); 0 for fewer than two values.
    static func sampleVariance(_ values: [Double]) -> Double {
        guard values.count >= 2 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        return values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    }

    /// Cronbach's alpha over rows of `k` ≥ 2 item values, given one row after another in `rows`; nil
    /// with fewer than two rows or no total variance.
    static func cronbachAlpha(_ rows: [Double], items k: Int) -> Double? {
        guard k >= 2, rows.count >= 2 * k else { return nil }
        let count = rows.count / k
        let itemVariances = (0..<k).map { item in sampleVariance((0..<count).map { rows[$0 * k + item] }) }
        let totalVariance = sampleVariance((0..<count).map { rows[($0 * k)..<($0 * k + k)].reduce(0, +) })
        guard totalVariance > 0 else { return nil }
        let kk = Double(k)
        return kk / (kk - 1) * (1 - itemVariances.reduce(0, +) / totalVariance)
    }
}
