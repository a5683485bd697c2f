import Testing
import TutahiPluginAPI

@Suite("Survey answers")
struct SurveyAnswersTests {
    @Test("answers are found by question, in any order equal, and hash alike")
    func lookup() {
        let answers: SurveyAnswers = ["T2": 5, "T1": 4, "T3": 1]
        #expect(answers["T1"] == 4 && answers["T2"] == 5 && answers["T3"] == 1)
        #expect(answers["T4"] == nil)
        #expect(answers.count == 3 && !answers.isEmpty)
        #expect(answers == SurveyAnswers(["T3": 1, "T1": 4, "T2": 5]))
        #expect(answers != ["T1": 4, "T2": 5])
        #expect(answers != ["T1": 4, "T2": 5, "T3": 2])
        #expect(answers.hashValue == SurveyAnswers(["T3": 1, "T2": 5, "T1": 4]).hashValue)
        #expect(answers.dictionary == ["T1": 4, "T2": 5, "T3": 1])
        #expect(Set(answers.keys) == ["T1", "T2", "T3"] && answers.values.reduce(0, +) == 10)
        #expect(answers.description == #"["T1": 4, "T2": 5, "T3": 1]"#)
        let none: SurveyAnswers = [:]
        #expect(none.isEmpty && none["T1"] == nil && none.description == "[:]")
    }

    @Test("a response made from a dictionary reads the same as one loaded")
    func fromDictionary() {
        let response = SurveyResponse(
            id: "R1", respondent: "iwi-1", about: "msd", submittedAt: Instant(nanoseconds: 0), answers: ["Q1": 3])
        #expect(response.answers["Q1"] == 3)
        #expect(Array(response.answers).map(\.key) == ["Q1"])
    }
}
