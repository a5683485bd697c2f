import TutahiPluginAPI
import TutahiColumns

/// Survey rows from one piece of a file that passed every check of a row on its own, with
/// question codes local to the piece.
struct SurveyBatch {
    var responseIDs = ByteStrings()
    var respondents: [Int32] = []
    var abouts: [Int32] = []
    var times: [Int64] = []
    /// Each row's line, counted from 1 at the start of the piece.
    var lines: [Int32] = []
    /// Per row, where its answers end in `answerQuestions` and `answerValues`.
    var answerEnds: [Int32] = []
    var answerQuestions: [Int32] = []
    var answerValues: [Int] = []
    var questions = ByteInterner()

    var count: Int { times.count }

    func answerRange(of row: Int) -> Range<Int> {
        (row == 0 ? 0 : Int(answerEnds[row - 1]))..<Int(answerEnds[row])
    }

    /// Appends one answer of the row being added; then call ``appendRow``.
    mutating func appendAnswer(question: UnsafeBufferPointer<UInt8>, value: Int) {
        answerQuestions.append(questions.intern(question).code)
        answerValues.append(value)
    }

    /// Closes the row whose answers were just appended.
    mutating func appendRow(_ envelope: SurveyRowChecks.Envelope, line: Int) {
        responseIDs.append(envelope.responseID)
        respondents.append(envelope.respondent)
        abouts.append(envelope.about)
        times.append(envelope.submittedAt.nanoseconds)
        lines.append(Int32(clamping: line))
        answerEnds.append(Int32(answerValues.count))
    }
}
