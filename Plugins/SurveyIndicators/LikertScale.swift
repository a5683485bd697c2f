import TutahiPluginAPI

/// The items of a Likert scale and how one response is scored on them (the `survey_scale`
/// rules of `Plugins/SurveyIndicators/README.md`, shared by `survey_scale` and `perception_gap`).
struct LikertScale: Sendable {
    let questions: [String]
    let reversed: Set<String>
    /// Per question, whether it is reverse-coded.
    private let isReversed: [Bool]
    let minimum: Int
    let maximum: Int
    let minimumItems: Int

    /// Checks the keys: questions present and unique, reverse a subset, a scale with min < max,
    /// min_items between 1 and the number of questions.
    init(
        questions: Located<[String]>, reverse: Located<[String]>?, scale: Located<[Int]>?, minItems: Located<Int>?
    ) throws {
        self.questions = questions.value
        guard !questions.value.isEmpty else { throw questions.error("`questions` needs at least one question id") }
        guard Set(questions.value).count == questions.value.count else {
            throw questions.error("`questions` lists a question twice")
        }
        reversed = Set(reverse?.value ?? [])
        isReversed = questions.value.map(reversed.contains)
        if let reverse, let stray = reverse.value.first(where: { !questions.value.contains($0) }) {
            throw reverse.error("`reverse` names `\(stray)`, which is not in `questions`")
        }
        let bounds = scale?.value ?? [1, 5]
        guard bounds.count == 2, bounds[0] < bounds[1] else {
            throw SourceError("`scale` must be `[min, max]` with min < max", at: scale?.mark ?? questions.mark)
        }
        minimum = bounds[0]
        maximum = bounds[1]
        minimumItems = minItems?.value ?? (questions.value.count + 1) / 2
        if let minItems, !(1...questions.value.count).contains(minItems.value) {
            throw minItems.error("`min_items` must be between 1 and \(questions.value.count) (the number of questions)")
        }
    }

    /// Reads `response` on the scale into `reading`, replacing what it held (its buffers are reused
    /// from response to response, so that reading one allocates nothing, and the response is
    /// borrowed, not copied).
    func read(_ response: borrowing SurveyResponse, into reading: inout ScaleReading) {
        reading.values.removeAll(keepingCapacity: true)
        reading.positions.removeAll(keepingCapacity: true)
        reading.outOfScale = 0
        let answers = response.answers
        for index in questions.indices {
            guard let answer = answers[questions[index]] else { continue }
            guard answer >= minimum, answer <= maximum else {
                reading.outOfScale += 1
                continue
            }
            reading.values.append(Double(isReversed[index] ? minimum + maximum - answer : answer))
            reading.positions.append(index)
        }
    }

    /// The response's score (the mean of its items), or nil when it has fewer than `min_items`.
    func score(of values: [Double]) -> Double? {
        guard values.count >= minimumItems, !values.isEmpty else { return nil }
        return values.reduce(0, +) / Double(values.count)
    }

    /// The items in words: `T1, T2, T3 (T3 reverse-coded)`.
    var itemsInWords: String {
        let reverse = questions.filter(reversed.contains)
        return questions.joined(separator: ", ")
            + (reverse.isEmpty ? "" : " (\(reverse.joined(separator: ", ")) reverse-coded)")
    }

    /// A mean on the scale as 0–100.
    func percentage(_ mean: Double) -> Double { 100 * (mean - Double(minimum)) / Double(maximum - minimum) }

    /// Plugin options documentation shared by both plugins.
    static let documentation: [OptionDocumentation] = [
        OptionDocumentation("questions", "list of question ids", default: nil, "the items of the scale", example: "[T1, T2, T3]"),
        OptionDocumentation("reverse", "list of question ids", default: "none", "reverse-coded items (v becomes min + max − v)",
            example: "[T3]"),
        OptionDocumentation("scale", "[min, max]", default: "[1, 5]", "the answer scale; other answers count as out_of_scale",
            example: "[1, 7]"),
        OptionDocumentation("min_items", "whole number", default: "ceil(k/2)", "in-scale answers a response needs to count",
            example: "2"),
    ]
}

/// One response read on a ``LikertScale``.
struct ScaleReading {
    /// The in-scale item values, in question order (reverse items turned round).
    var values: [Double] = []
    /// The position among the scale's questions of each value.
    var positions: [Int] = []
    /// How many of the response's answers were out of scale.
    var outOfScale = 0
}

/// Per-question means over counted responses (reverse items turned round, answers in scale only):
/// the `questions` evidence of the survey plugins. Never an individual answer.
struct QuestionMeans {
    private var sums: [Double]
    private var counts: [Int]

    init(_ scale: LikertScale) {
        sums = Array(repeating: 0, count: scale.questions.count)
        counts = Array(repeating: 0, count: scale.questions.count)
    }

    /// Adds a counted response's in-scale answers.
    mutating func add(_ reading: ScaleReading) {
        for (position, value) in zip(reading.positions, reading.values) {
            sums[position] += value
            counts[position] += 1
        }
    }

    /// `{mean, n}` for question `index`; mean null when no counted response answered it.
    func summary(_ index: Int) -> JSONValue {
        .object([
            ("mean", .number(counts[index] > 0 ? sums[index] / Double(counts[index]) : nil)),
            ("n", .int(counts[index])),
        ])
    }
}
