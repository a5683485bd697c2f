/// One survey response's answers: the whole number given to each question, by question id.
///
/// Read like a dictionary (`answers["T1"]`, `for (question, value) in answers`), but held
/// compactly: the loader keeps the answers of many responses in one shared block and each
/// response's answers are a stretch of it, so making and copying a response allocates nothing
/// per answer. A response answers each question at most once; iteration follows the order the
/// answers were read in.
public struct SurveyAnswers: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// Answers of one or more responses, stored back to back.
    package final class Block: Sendable {
        /// Question ids; an answer names its question by position here.
        let questions: [String]
        /// Per answer, its question's position in `questions`.
        let questionCodes: [Int32]
        /// Per answer, the number given.
        let values: [Int]

        /// A block of answers: per answer, its question (a position in `questions`) and value.
        package init(questions: [String], questionCodes: [Int32], values: [Int]) {
            self.questions = questions
            self.questionCodes = questionCodes
            self.values = values
        }
    }

    private let block: Block
    private let start: Int32
    private let end: Int32

    /// The answers at `range` of `block`.
    package init(block: Block, range: Range<Int>) {
        self.block = block
        start = Int32(range.lowerBound)
        end = Int32(range.upperBound)
    }

    /// Answers from a dictionary of question ids to values, in question order.
    public init(_ answers: [String: Int]) {
        let questions = answers.keys.sorted()
        block = Block(
            questions: questions, questionCodes: questions.indices.map { Int32($0) },
            values: questions.map { answers[$0] ?? 0 })
        start = 0
        end = Int32(questions.count)
    }

    /// Answers from a literal such as `["T1": 4, "T2": 5]` (a repeated question keeps its last value).
    public init(dictionaryLiteral elements: (String, Int)...) {
        self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// The number of questions answered.
    public var count: Int { Int(end - start) }

    /// True when no question was answered.
    public var isEmpty: Bool { start == end }

    /// The value given to `question`, or nil when it was not answered.
    public subscript(question: String) -> Int? {
        for answer in Int(start)..<Int(end) where block.questions[Int(block.questionCodes[answer])] == question {
            return block.values[answer]
        }
        return nil
    }

    /// The questions answered, in the order read.
    public var keys: [String] { map(\.key) }

    /// The values given, in the order read.
    public var values: [Int] { map(\.value) }

    /// The answers as a dictionary.
    public var dictionary: [String: Int] {
        Dictionary(map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// Each answer as a question id and the value given.
    public struct Iterator: IteratorProtocol {
        let answers: SurveyAnswers
        var position: Int

        /// The next answer, or nil after the last.
        public mutating func next() -> (key: String, value: Int)? {
            guard position < Int(answers.end) else { return nil }
            defer { position += 1 }
            let block = answers.block
            return (block.questions[Int(block.questionCodes[position])], block.values[position])
        }
    }

    /// An iterator over the answers, in the order read.
    public func makeIterator() -> Iterator { Iterator(answers: self, position: Int(start)) }

    /// The number of answers.
    public var underestimatedCount: Int { count }

    /// The same questions with the same values, in any order.
    public static func == (lhs: SurveyAnswers, rhs: SurveyAnswers) -> Bool {
        lhs.count == rhs.count && lhs.allSatisfy { rhs[$0.key] == $0.value }
    }

    /// A hash that, like the equality, does not depend on the order of the answers.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for (question, value) in self {
            var one = Hasher()
            one.combine(question)
            one.combine(value)
            combined ^= one.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }

    /// `["T1": 4, "T2": 5]`, in question order.
    public var description: String {
        let pairs = sorted { $0.key < $1.key }.map { "\(String(reflecting: $0.key)): \($0.value)" }
        return pairs.isEmpty ? "[:]" : "[" + pairs.joined(separator: ", ") + "]"
    }
}
