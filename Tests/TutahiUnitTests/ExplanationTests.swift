import Foundation
import Testing
import TutahiTestSupport
@testable import TutahiCore
import TutahiPluginAPI

@Suite("Explanations: contributions, change and evidence")
struct ExplanationTests {
    /// The bundled sample, loaded once per test.
    static func sample() throws -> Engine {
        let configuration = try ConfigurationLoader(registry: .builtin, environment: [:])
            .load(path: CLI.root + "/config/tutahi.yaml")
        return Engine(configuration: configuration, dataset: try DataLoader(configuration: configuration).load())
    }

    @Test("points sum to the overall score and changes to its change, at several as-ofs of the sample")
    func sums() async throws {
        let engine = try Self.sample()
        for (asOf, earlier) in [("2026-10-31", "2026-07-31"), ("2026-06-30", "2026-03-31"), ("2026-03-31", "2025-12-31")] {
            let now = try #require(AsOf.parse(asOf, in: zone)), then = AsOf.parse(earlier, in: zone)
            #expect(then != nil)
            let explanation = await engine.explain(at: now, comparedTo: then)
            #expect(explanation.relationships.count > 50)
            var compared = 0
            for relationship in explanation.relationships {
                let points = relationship.contributions.reduce(0) { $0 + $1.points }
                if let overall = relationship.score.overall.score {
                    #expect(abs(points - overall) < 1e-9, "\(relationship.score.key) at \(asOf)")
                } else {
                    #expect(points == 0 && relationship.contributions.allSatisfy { $0.share == 0 })
                }
                if let overall = relationship.score.overall.score, let previous = relationship.previousOverall {
                    let change = relationship.contributions.reduce(0) { $0 + ($1.change ?? .nan) }
                    #expect(abs(change - (overall - previous)) < 1e-9, "\(relationship.score.key) at \(asOf)")
                    compared += 1
                }
            }
            #expect(compared > 50)
        }
    }

    @Test("without --compare-to there is no previous and no change")
    func uncompared() async throws {
        let engine = try Self.sample()
        let explanation = await engine.explain(at: try #require(AsOf.parse("2026-10-31", in: zone)))
        let json = explanation.json()
        #expect(json["compare_to"] == .null)
        guard case .array(let relationships)? = json["relationships"], case .object(let first)? = relationships.first
        else { Issue.record("no relationships"); return }
        let first2 = JSONValue.object(first)
        #expect(first2["overall"]?["previous"] == .null)
        guard case .array(let contributions)? = first2["contributions"] else { Issue.record("no contributions"); return }
        #expect(contributions.allSatisfy { $0["change"] == nil && $0["previous_score"] == nil })
    }

    static let config = """
        dimensions: {voice: {weight: 2}, good_faith: {}, trust: {}}
        indicators:
          - {id: replies, plugin: follow_through, dimension: voice, open: {kind: request}, close: {kind: response},
             within: 1d}
          - {id: notice, plugin: advance_notice, dimension: good_faith, min_notice: 2d}
          - {id: contact, plugin: engagement, dimension: voice, kinds: [hui], target: 2}
          - {id: codesign, plugin: ratio, dimension: good_faith, numerator: {kind: decision, where: {mode: co-design}},
             denominator: {kind: decision}}
          - {id: trust_q, plugin: survey_scale, dimension: trust, questions: [T1, T2], reverse: [T2], min_n: 2}
        """

    static let interactions = ExplanationSample.interactions

    static func evidence(_ card: Explanation, _ indicator: String) -> JSONValue? {
        ExplanationSample.evidence(card, indicator)
    }

    @Test("each built-in plugin's evidence on hand-built data: deadlines across DST, wrong-kind refs, ids in order")
    func pluginEvidence() async throws {
        let world = World(config: Self.config, surveys: """
            R1,iwi-1,msd,T1,4,2026-03-01
            R1,iwi-1,msd,T2,2,2026-03-01
            R2,iwi-1,msd,T1,2,2026-03-02
            R2,iwi-1,msd,T2,9,2026-03-02
            R3,iwi-1,msd,T2,1,2026-03-03

            """, interactions: Self.interactions)
        let configuration = try ConfigurationLoader(registry: .builtin, environment: [:])
            .load(path: world.scratch.path + "/tutahi.yaml")
        let engine = Engine(configuration: configuration, dataset: try DataLoader(configuration: configuration).load())
        let explanation = await engine.explain(
            [RelationshipKey(agency: "msd", partner: "iwi-1")], at: try #require(AsOf.parse("2026-04-30", in: zone)))
        // Daylight saving ends at 03:00 on Sunday 5 April 2026: one day after 10:00 (+13:00) on the
        // 4th is 10:00 (+12:00) on the 5th. a1 closes at that instant (on time), a2 a second later.
        #expect(Self.evidence(explanation, "replies") == .object([("items", .array([
            .object([("id", "q3"), ("opened", "2026-03-10T09:00:00+13:00"), ("deadline", "2026-03-11T09:00:00+13:00"),
                     ("closed", .null), ("outcome", "open")]),
            .object([("id", "q1"), ("opened", "2026-04-04T10:00:00+13:00"), ("deadline", "2026-04-05T10:00:00+12:00"),
                     ("closed", "2026-04-05T10:00:00+12:00"), ("outcome", "on_time")]),
            .object([("id", "q2"), ("opened", "2026-04-04T11:00:00+13:00"), ("deadline", "2026-04-05T11:00:00+12:00"),
                     ("closed", "2026-04-05T10:00:01+12:00"), ("outcome", "on_time")]),
        ]))]))
        // x2 comes one day after k1 (2 days' notice needed): short notice; x1 four days after:
        // adequate; x3 refers to a hui, not a consultation: none, and neither id nor time is given.
        #expect(Self.evidence(explanation, "notice") == .object([("items", .array([
            .object([("id", "x2"), ("at", "2026-03-02T09:00:00+13:00"), ("consultation", "k1"),
                     ("consulted", "2026-03-01T09:00:00+13:00"), ("outcome", "short_notice")]),
            .object([("id", "x1"), ("at", "2026-03-05T09:00:00+13:00"), ("consultation", "k1"),
                     ("consulted", "2026-03-01T09:00:00+13:00"), ("outcome", "adequate")]),
            .object([("id", "x3"), ("at", "2026-03-06T09:00:00+13:00"), ("consultation", .null),
                     ("consulted", .null), ("outcome", "no_consultation")]),
        ]))]))
        // Two hui at the same instant: by id.
        #expect(Self.evidence(explanation, "contact") == .object([("items", .array([
            .object([("id", "h0"), ("kind", "hui"), ("at", "2026-03-03T09:00:00+13:00")]),
            .object([("id", "h1"), ("kind", "hui"), ("at", "2026-03-03T09:00:00+13:00")]),
        ]))]))
        #expect(Self.evidence(explanation, "codesign") == .object([
            ("numerator", .array(["x1"])), ("denominator", .array(["x2", "x1", "x3"])),
        ]))
        // R1: T1 4, T2 2 reversed to 4. R2: T1 2, T2 9 out of scale. R3: T2 1 → 5. min_items 1.
        #expect(Self.evidence(explanation, "trust_q") == .object([("questions", .object([
            ("T1", .object([("mean", .number(3)), ("n", .int(2))])),
            ("T2", .object([("mean", .number(4.5)), ("n", .int(2))])),
        ]))]))
    }

    @Test("a suppressed survey result has no evidence; without asking, no plugin gives any")
    func suppressedAndUnasked() async throws {
        let world = World(config: Self.config, surveys: "R1,iwi-1,msd,T1,4,2026-03-01\n", interactions: Self.interactions)
        let configuration = try ConfigurationLoader(registry: .builtin, environment: [:])
            .load(path: world.scratch.path + "/tutahi.yaml")
        let engine = Engine(configuration: configuration, dataset: try DataLoader(configuration: configuration).load())
        let asOf = try #require(AsOf.parse("2026-04-30", in: zone))
        let explanation = await engine.explain(at: asOf)
        #expect(explanation.relationships.first?.score.indicator("trust_q")?.status == .suppressed)
        #expect(Self.evidence(explanation, "trust_q") == nil)
        let plain = await engine.score(engine.relationships(at: asOf), at: asOf)
        #expect(plain.allSatisfy { $0.indicators.allSatisfy { $0.evidence == nil } })
    }

    @Test("--limit keeps the first N of each list and counts the rest beside it")
    func limit() {
        let evidence = JSONValue.object([
            ("items", .array(["a", "b", "c"])), ("numerator", .array(["x"])), ("denominator", .array(["x", "y", "z"])),
        ])
        #expect(Explanation.limited(evidence, to: 2) == .object([
            ("items", .array(["a", "b"])), ("more", .int(1)), ("numerator", .array(["x"])),
            ("denominator", .array(["x", "y"])), ("more_denominator", .int(1)),
        ]))
    }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
