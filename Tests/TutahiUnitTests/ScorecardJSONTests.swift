import Foundation
import Testing
import TutahiTestSupport
@testable import TutahiCore
import TutahiPluginAPI

/// A national scorecard is serialized in slices of relationships on several threads; the bytes must
/// be exactly those of serializing it whole.
@Suite("The scorecard's JSON, serialized in parallel")
struct ScorecardJSONTests {
    /// Where two byte arrays first differ (nil when they are equal): a failure names one offset
    /// rather than printing megabytes of JSON.
    private static func firstDifference(_ one: [UInt8], _ other: [UInt8]) -> Int? {
        if let index = (0..<min(one.count, other.count)).first(where: { one[$0] != other[$0] }) { return index }
        return one.count == other.count ? nil : min(one.count, other.count)
    }

    /// The bundled sample's scorecard at the end of June 2026.
    private static func sampleScorecard() async throws -> Scorecard {
        let configuration = try ConfigurationLoader(registry: .builtin, environment: [:])
            .load(path: CLI.root + "/config/tutahi.yaml")
        let engine = Engine(configuration: configuration, dataset: try DataLoader(configuration: configuration).load())
        return await engine.check(at: try #require(AsOf.parse("2026-06-30", in: configuration.zone)))
    }

    @Test("the same bytes as the whole value, pretty-printed or not, for a scorecard of several slices")
    func sameBytes() async throws {
        var scorecard = try await Self.sampleScorecard()
        // The sample's relationships, repeated past three slices of 1,024.
        let one = scorecard.relationships
        #expect(one.count > 50)
        scorecard.relationships = Array(repeating: one, count: 3_500 / one.count + 1).flatMap { $0 }
        for indent in [2, 0] {
            let whole = scorecard.jsonValue.serializedBytes(indent: indent)
            let sliced = await scorecard.jsonBytes(indent: indent)
            #expect(Self.firstDifference(sliced, whole) == nil, "indent \(indent)")
        }
        // Written a part at a time, a failing write stops it: what was written is the start of the whole.
        struct Full: Error {}
        var written: [UInt8] = [], parts = 0
        await #expect(throws: Full.self) {
            try await scorecard.writeJSON(indent: 2) { (part: [UInt8]) throws(Full) in
                parts += 1
                if parts == 3 { throw Full() }
                written += part
            }
        }
        #expect(parts == 3)
        let whole = scorecard.jsonValue.serializedBytes(indent: 2)
        #expect(!written.isEmpty && written.count < whole.count && Array(whole.prefix(written.count)) == written)
        scorecard.relationships = []
        let empty = await scorecard.jsonBytes(indent: 2)
        #expect(Self.firstDifference(empty, scorecard.jsonValue.serializedBytes(indent: 2)) == nil)
    }

    @Test("relationships written as they go equal their values serialized: missing scores, failures, escapes, nesting")
    func streamedRelationships() async throws {
        var scorecard = try await Self.sampleScorecard()
        let agency = Party(id: "ag \"1\"\\", name: "A", kind: "agency")
        let partner = Party(id: "p\u{2028}é\n\u{1}", name: "P", kind: "partner")
        let detail: [(String, JSONValue)] = [
            ("ci95", .array([.number(-0.5), .number(1e20), .number(.nan), .null])),
            ("quote \"", .string("line\u{2029}")),
            ("nested", .object([
                ("empty", .object([])), ("none", .array([])), ("flag", .bool(true)), ("n", .int(-42)),
            ])),
        ]
        scorecard.relationships = [
            RelationshipScore(
                agency: agency, partner: partner, overall: ScoredStatus(score: 57.25, status: .amber), coverage: 0.5,
                dimensions: [
                    ("trust", ScoredStatus(score: nil, status: .error)),
                    ("voice", ScoredStatus(score: 100, status: .green)),
                ],
                indicators: [
                    IndicatorResult(
                        id: "a", value: 3.759259259259259, score: 68.98148148148148, n: 27, status: .amber,
                        detail: detail),
                    IndicatorResult(id: "b\t", value: nil, score: nil, n: 0, status: .error, error: "failed: \"x\""),
                ]),
            RelationshipScore(
                agency: agency, partner: partner, overall: ScoredStatus(score: nil, status: .error), coverage: nil,
                dimensions: [], indicators: []),
        ]
        for indent in [2, 0, 3] {
            let streamed = await scorecard.jsonBytes(indent: indent)
            let whole = scorecard.jsonValue.serializedBytes(indent: indent)
            #expect(Self.firstDifference(streamed, whole) == nil, "indent \(indent)")
        }
    }
}
