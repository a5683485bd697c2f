import Testing
import TutahiPluginAPI
import TutahiPluginTesting
import TutahiSupport
import TutahiTestSupport
@testable import InteractionIndicators

/// A plugin that breaks the engine's promise: its score depends on how many relationships it is
/// given at once.
private struct BatchSensitive: IndicatorPlugin {
    struct Options: Decodable, Sendable {}
    static let type = "batch_sensitive"
    static let summary = "Scores the size of the batch it is given"
    static let defaultMinimumCount = 0
    static let options: [OptionDocumentation] = []
    init(options: Options, setup: IndicatorSetup) throws {}
    func measure(_ relationships: [RelationshipEvidence], context: MeasurementContext) async throws -> [Observation?] {
        relationships.map { _ in Observation(value: nil, score: Double(relationships.count), n: 1) }
    }
}

@Suite("The plugin-testing library")
struct PluginTestingTests {
    let context = MeasurementContext(
        asOf: instant("2026-04-01"), window: Window(ending: instant("2026-04-01"), length: .days(90), in: zone), zone: zone)

    /// Three relationships of msd: iwi-1 with two requests (one answered), com-1 with one, com-2 with none.
    var relationships: [RelationshipEvidence] {
        let agency = party("msd", "agency")
        func request(_ id: String, _ partner: String, _ at: String) -> Interaction {
            Interaction(id: id, kind: "request", from: partner, to: "msd", at: instant(at))
        }
        func reply(_ id: String, _ partner: String, _ at: String, to request: String) -> Interaction {
            Interaction(id: id, kind: "response", from: "msd", to: partner, at: instant(at), ref: request)
        }
        return [
            RelationshipEvidence(agency: agency, partner: party("iwi-1", "iwi"), interactions: [
                request("q1", "iwi-1", "2026-03-01T09:00:00+13:00"), reply("a1", "iwi-1", "2026-03-02T09:00:00+13:00", to: "q1"),
                request("q2", "iwi-1", "2026-03-03T09:00:00+13:00"),
            ]),
            RelationshipEvidence(agency: agency, partner: party("com-1"), interactions: [
                request("q3", "com-1", "2026-03-05T09:00:00+13:00"),
            ]),
            RelationshipEvidence(agency: agency, partner: party("com-2")),
        ]
    }

    @Test("a plugin set up from YAML options gives the hand-computed results, the same in any slices")
    func conformingPlugin() async throws {
        let plugin = try PluginSetup.indicator(
            FollowThrough.self, options: "open: {kind: request}\nclose: {kind: response}\nwithin: 5d")
        let results = try await plugin.measure(relationships, context: context)
        // iwi-1: q1 answered in a day, q2 still open past its five days; com-1: q3 open; com-2: nothing.
        #expect(results.map { $0?.n } == [2, 1, 0])
        #expect(results.map { $0?.score } == [50, 0, nil])
        try await PluginConformance.checkSerialAndParallelAgree(plugin, on: relationships, context: context, slices: 2)
    }

    @Test("a plugin whose results depend on the batch is caught, naming the relationship and the field")
    func batchSensitivePlugin() async throws {
        let plugin = try PluginSetup.indicator(BatchSensitive.self, options: "{}")
        let mismatch = await #expect(throws: PluginConformance.Mismatch.self) {
            try await PluginConformance.checkSerialAndParallelAgree(plugin, on: relationships, context: context)
        }
        #expect(mismatch?.description == "msd/iwi-1: all at once against alone: score 3.0 against 1.0")
    }

    @Test("options are checked as in a config: an unknown key is an error at its position")
    func badOptions() throws {
        let errors = #expect(throws: SourceErrors.self) {
            try PluginSetup.indicator(FollowThrough.self, options: "open: {kind: request}\nclose: {kind: response}\nwithn: 5d")
        }
        #expect(errors?.description.hasPrefix("test.yaml:3:1: unknown key `withn`") == true)
    }
}
