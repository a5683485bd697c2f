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
        #expect(await scorecard.jsonBytes(indent: 2) == scorecard.jsonValue.serializedBytes(indent: 2))
    }
}
