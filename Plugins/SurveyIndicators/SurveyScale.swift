import TutahiPluginAPI

/// `survey_scale`: the mean of Likert answers about the agency from the partner's people.
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

        enum CodingKeys: String, CodingKey {
            case questions, reverse, scale
            case minItems = "min_items"
        }
    }

    public static let type = "survey_scale"
    public static let summary = "Mean of survey answers (Likert items) about the agency from the partner"
    public static let defaultMinimumCount = 5
    public static let smallSamplePolicy = SmallSamplePolicy.suppress
    public static let options: [OptionDocumentation] = [
        OptionDocumentation("questions", "list of question ids", default: nil, "the items of the scale", example: "[T1, T2, T3]"),
        OptionDocumentation("reverse", "list of question ids", default: "none", "reverse-coded items (v becomes min + max − v)",
            example: "[T3]"),
        OptionDocumentation("scale", "[min, max]", default: "[1, 5]", "the answer scale; other answers count as out_of_scale",
            example: "[1, 7]"),
        OptionDocumentation("min_items", "whole number", default: "ceil(k/2)", "in-scale answers a response needs to count",
            example: "2"),
    ]

    let questions: [String]
    let reversed: Set<String>
    let minimum: Int
    let maximum: Int
    let minimumItems: Int

    /// Checks the options: questions present and unique, reverse a subset, a scale with min < max.
    public init(options: Options, setup: IndicatorSetup) throws {
        let questions = options.questions.value
        self.questions = questions
        guard !questions.isEmpty else { throw options.questions.error("`questions` needs at least one question id") }
        guard Set(questions).count == questions.count else {
            throw options.questions.error("`questions` lists a question twice")
        }
        reversed = Set(options.reverse?.value ?? [])
        if let reverse = options.reverse, let stray = reverse.value.first(where: { !questions.contains($0) }) {
            throw reverse.error("`reverse` names `\(stray)`, which is not in `questions`")
        }
        let scale = options.scale?.value ?? [1, 5]
        guard scale.count == 2, scale[0] < scale[1] else {
            throw SourceError(
                "`scale` must be `[min, max]` with min < max", at: options.scale?.mark ?? options.questions.mark)
        }
        minimum = scale[0]
        maximum = scale[1]
        minimumItems = options.minItems?.value ?? (questions.count + 1) / 2
        if let minItems = options.minItems, !(1...questions.count).contains(minItems.value) {
            throw minItems.error("`min_items` must be between 1 and \(questions.count) (the number of questions)")
        }
    }

    /// Measures the responses in the window.
    public func measure(_ evidence: RelationshipEvidence, context: MeasurementContext) -> Measurement {
        var scores: [Double] = []
        var complete: [[Double]] = []
        var outOfScale = 0
        for response in evidence.surveys where context.window.contains(response.submittedAt) {
            var items: [Double] = []
            for question in questions {
                guard let answer = response.answers[question] else { continue }
                guard answer >= minimum, answer <= maximum else {
                    outOfScale += 1
                    continue
                }
                let value = reversed.contains(question) ? minimum + maximum - answer : answer
                items.append(Double(value))
            }
            guard items.count >= minimumItems, !items.isEmpty else { continue }
            scores.append(items.reduce(0, +) / Double(items.count))
            if items.count == questions.count { complete.append(items) }
        }
        let n = scores.count
        let mean = n > 0 ? scores.reduce(0, +) / Double(n) : nil
        let sd = n >= 2 ? Statistics.sampleVariance(scores).squareRoot() : nil
        var ci95: JSONValue = .null
        if let mean, let sd {
            let half = StudentT.quantile(0.975, degreesOfFreedom: Double(n - 1)) * sd / Double(n).squareRoot()
            ci95 = .array([.number(mean - half), .number(mean + half)])
        }
        let top = n > 0 ? Double(scores.filter { $0 >= Double(maximum - 1) }.count) / Double(n) : nil
        return Measurement(
            value: mean, score: mean.map { 100 * ($0 - Double(minimum)) / Double(maximum - minimum) }, n: n,
            detail: [
                ("sd", .number(sd)), ("ci95", ci95), ("top2", .number(top)),
                ("alpha", .number(Statistics.cronbachAlpha(complete))), ("out_of_scale", .int(outOfScale)),
            ])
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

    /// Cronbach's alpha over rows of k ≥ 2 items; nil with fewer than two rows or no total variance.
    static func cronbachAlpha(_ rows: [[Double]]) -> Double? {
        guard rows.count >= 2, let k = rows.first?.count, k >= 2 else { return nil }
        let itemVariances = (0..<k).map { item in sampleVariance(rows.map { $0[item] }) }
        let totalVariance = sampleVariance(rows.map { $0.reduce(0, +) })
        guard totalVariance > 0 else { return nil }
        let kk = Double(k)
        return kk / (kk - 1) * (1 - itemVariances.reduce(0, +) / totalVariance)
    }
}
