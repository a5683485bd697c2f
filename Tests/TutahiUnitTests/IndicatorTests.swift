import Testing
import TutahiTestSupport
import TutahiCore
import TutahiPluginAPI
import TutahiPluginTesting
@testable import InteractionIndicators
@testable import SurveyIndicators

@Suite("Indicators")
struct IndicatorTests {
    let agency = party("msd", "agency")
    let partner = party("iwi-1", "iwi")
    let asOf = instant("2026-04-01")

    func context(_ window: Period) -> MeasurementContext {
        MeasurementContext(asOf: asOf, window: Window(ending: asOf, length: window, in: zone), zone: zone)
    }

    func response(_ id: String, _ at: String, _ answers: [String: Int]) -> SurveyResponse {
        SurveyResponse(id: id, respondent: "iwi-1", about: "msd", submittedAt: instant(at), answers: answers)
    }

    func event(_ id: String, _ kind: String, _ fromAgency: Bool, _ at: String, ref: String? = nil, due: String? = nil,
               _ attributes: [String: String] = [:]) -> Interaction {
        Interaction(
            id: id, kind: kind, from: fromAgency ? "msd" : "iwi-1", to: fromAgency ? "iwi-1" : "msd", at: instant(at),
            ref: ref, due: due.flatMap { Timestamp.parse($0)?.end(in: zone) }, attributes: attributes)
    }

    func scale(_ questions: [String], reverse: [String]? = nil, scale: [Int]? = nil, minItems: Int? = nil) throws
        -> SurveyScale
    {
        let mark = SourceMark(file: "t", line: 1, column: 1)
        return try SurveyScale(
            options: .init(
                questions: Located(questions, at: mark), reverse: reverse.map { Located($0, at: mark) },
                scale: scale.map { Located($0, at: mark) }, minItems: minItems.map { Located($0, at: mark) }),
            setup: IndicatorSetup(id: "t", configDirectory: ".", zone: zone))
    }

    @Test("survey_scale: reverse items, out-of-scale answers, min_items, window edges")
    func surveyScale() throws {
        let plugin = try scale(["A", "B", "C"], reverse: ["C"])
        let evidence = RelationshipEvidence(agency: agency, partner: partner, surveys: [
            response("r0", "2025-03-31T23:59:59+13:00", ["A": 1, "B": 1, "C": 5]),  // before the window
            response("r1", "2025-04-01T00:00:00+13:00", ["A": 5, "B": 4, "C": 2]),  // first instant: 5,4,4 → 4.333
            response("r2", "2025-06-01", ["A": 3, "B": 9, "C": 5]),                 // B out of scale: 3,1 → 2
            response("r3", "2025-07-01", ["A": 4]),                                 // one item < min_items 2
            response("r4", "2026-01-01", ["A": 4, "B": 4, "C": 2]),                 // 4,4,4 → 4
        ])
        let m = plugin.measure(evidence, context: context(.days(365)))
        #expect(m.n == 3)
        let scores = [13.0 / 3, 2, 4]
        let mean = scores.reduce(0, +) / 3
        #expect(abs((m.value ?? 0) - mean) < 1e-12)
        #expect(abs((m.score ?? 0) - 100 * (mean - 1) / 4) < 1e-12)
        let detail = Dictionary(uniqueKeysWithValues: m.detail)
        let sd = (scores.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 2).squareRoot()
        #expect(abs((detail["sd"]?.doubleValue ?? 0) - sd) < 1e-12)
        #expect(detail["top2"] == .number(2.0 / 3))
        #expect(detail["out_of_scale"] == .int(1))
        // Alpha over r1 and r4 (the complete responses): items (5,4),(4,4),(4,4); totals 13, 12.
        // Item variances 0.5, 0, 0; total variance 0.5 → alpha = 3/2 · (1 − 0.5/0.5) = 0.
        #expect(detail["alpha"] == .number(0))
        let t = StudentT.quantile(0.975, degreesOfFreedom: 2)
        let half = t * sd / 3.0.squareRoot()
        guard case .array(let ci)? = detail["ci95"] else {
            Issue.record("no ci95")
            return
        }
        #expect(abs((ci[0].doubleValue ?? 0) - (mean - half)) < 1e-12)
        #expect(abs((ci[1].doubleValue ?? 0) - (mean + half)) < 1e-12)
    }

    @Test("survey_scale: n below min_n is suppressed, not shown; n = 0 is no data")
    func suppression() throws {
        let configuration = try loadConfig("""
            data: {parties: p.csv}
            dimensions: {trust: {}}
            indicators:
              - {id: t, plugin: survey_scale, dimension: trust, questions: [A], min_n: 3}
            """).get()
        let indicator = try #require(configuration.indicators.first)
        let two = Observation(value: 4, score: 75, n: 2)
        let three = Observation(value: 4, score: 75, n: 3)
        #expect(Scoring.resultForTesting(two, indicator).status == .suppressed)
        #expect(Scoring.resultForTesting(two, indicator).value == nil)
        #expect(Scoring.resultForTesting(three, indicator).status == .green)
        #expect(Scoring.resultForTesting(Observation(value: nil, score: nil, n: 0), indicator).status == .noData)
    }

    @Test("Student t quantiles match published tables", arguments: [
        (1.0, 12.706204736174698), (2, 4.302652729749464), (5, 2.570581835636314), (10, 2.228138851986274),
        (30, 2.042272456301238), (120, 1.979930405082423), (1000, 1.962339334507),
    ])
    func studentT(_ df: Double, _ expected: Double) {
        #expect(abs(StudentT.quantile(0.975, degreesOfFreedom: df) - expected) < 1e-6)
    }

    func followThrough(within: TimeAllowance? = nil, due: Bool = false, grace: TimeAllowance? = nil) throws -> FollowThrough {
        let yaml = """
            open: {kind: request}
            close: {kind: response}
            \(within.map { "within: \($0)" } ?? "")
            \(due ? "deadline: due" : "")
            \(grace.map { "grace: \($0)" } ?? "")
            """
        return try PluginSetup.indicator(FollowThrough.self, options: yaml, id: "f")
    }

    @Test("follow_through: the exact deadline instant is on time, one second later is late")
    func deadlines() throws {
        let plugin = try followThrough(within: .period(.days(10)))
        let evidence = RelationshipEvidence(agency: agency, partner: partner, interactions: [
            event("q1", "request", false, "2026-03-01T09:00:00+13:00"),
            event("a1", "response", true, "2026-03-11T09:00:00+13:00", ref: "q1"),   // exactly at the deadline
            event("q2", "request", false, "2026-03-02T09:00:00+13:00"),
            event("a2", "response", true, "2026-03-12T09:00:01+13:00", ref: "q2"),   // one second late
            event("q3", "request", false, "2026-03-03T09:00:00+13:00"),
            event("x3", "response", true, "2026-03-02T09:00:00+13:00", ref: "q3"),   // before its opening: ignored
            event("y3", "response", false, "2026-03-04T09:00:00+13:00", ref: "q3"),  // wrong side: ignored
            event("q4", "request", true, "2026-03-03T09:00:00+13:00"),              // by the agency: not an opening
        ])
        let m = try plugin.measure(evidence, context: context(.days(365)))
        #expect(m.n == 3)
        #expect(m.value == 1.0 / 3)
        let detail = Dictionary(uniqueKeysWithValues: m.detail)
        #expect(detail["on_time"] == .int(1))
        #expect(detail["late"] == .int(1))
        #expect(detail["open"] == .int(1))
        let median: Double = (20 + 1.0 / 86_400) / 2
        #expect(detail["median_days"] == JSONValue.number(median))
    }

    @Test("follow_through: 10d across the end of daylight saving is ten local days, not 240 hours")
    func dstDeadline() throws {
        let plugin = try followThrough(within: .period(.days(10)))
        // Opened 2026-03-30 09:00 NZDT; deadline 2026-04-09 09:00 NZST, which is 241 hours later.
        let evidence = RelationshipEvidence(agency: agency, partner: partner, interactions: [
            event("q1", "request", false, "2026-03-30T09:00:00+13:00"),
            event("a1", "response", true, "2026-04-09T08:30:00+12:00", ref: "q1"),
        ])
        let later = MeasurementContext(
            asOf: instant("2026-05-01"), window: Window(ending: instant("2026-05-01"), length: .days(365), in: zone),
            zone: zone)
        #expect(try plugin.measure(evidence, context: later).detail.first { $0.0 == "on_time" }?.1 == .int(1))
    }

    @Test("follow_through with deadline: due — date-only due is the end of that day, plus grace")
    func dueDates() throws {
        let plugin = try followThrough(due: true, grace: .period(.days(2)))
        let evidence = RelationshipEvidence(agency: agency, partner: partner, interactions: [
            event("c1", "request", false, "2026-02-01", due: "2026-02-10"),
            event("d1", "response", true, "2026-02-12T23:59:59+13:00", ref: "c1"),  // last second of grace
            event("c2", "request", false, "2026-02-01"),                            // no due: skipped
        ])
        let m = try plugin.measure(evidence, context: context(.days(365)))
        #expect(m.n == 1)
        #expect(m.value == 1)
        #expect(m.detail.first { $0.0 == "no_due" }?.1 == .int(1))
    }
}
