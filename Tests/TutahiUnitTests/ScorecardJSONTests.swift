import Foundation
import Testing
import TutahiTestSupport
@testable import TutahiCore
import TutahiPluginAPI

/// A national scorecard is serialized in slices of relationships on several threads; the bytes must
/// be exactly those of serializing it whole.
@Suite("The scorecard's JSON, serialized in parallel")
struct ScorecardJSONTests {
    @Test("the same bytes as the whole value, pretty-printed or not, for a scorecard of several slices")
    func sameBytes() async throws {
        let configuration = try ConfigurationLoader(registry: .builtin, environment: [:])
            .load(path: CLI.root + "/config/tutahi.yaml")
        let engine = Engine(configuration: configuration, dataset: try DataLoader(configuration: configuration).load())
        var scorecard = await engine.check(at: try #require(AsOf.parse("2026-06-30", in: configuration.zone)))
        // The sample's relationships, repeated past three slices of 1,024.
        let one = scorecard.relationships
        #expect(one.count > 50)
        scorecard.relationships = Array(repeating: one, count: 3_500 / one.count + 1).flatMap { $0 }
        for indent in [2, 0] {
            let whole = scorecard.jsonValue.serializedBytes(indent: indent)
            let sliced = await scorecard.jsonBytes(indent: indent)
            #expect(sliced == whole, "indent \(indent)")
        }
        scorecard.relationships = []
        #expect(await scorecard.jsonBytes(indent: 2) == scorecard.jsonValue.serializedBytes(indent: 2))
    }
}
