import Foundation
import Logging
import Testing
import TutahiTestSupport
import TutahiCore
import TutahiPluginAPI
import TutahiStore

/// A world with a store: hui between msd and com-1 on 5 January and 5 March 2026.
struct StoredWorld {
    let world: World

    init(outputPath: String = "out/scorecard.json") {
        world = World(
            config: """
                store: state/tutahi.sqlite
                dimensions: {voice: {}}
                indicators:
                  - {id: contact, plugin: engagement, dimension: voice, kinds: [hui], target: 2, window: 30d}
                alerts:
                  - {id: quiet, when: contact < 50, for: 2, repeat: 14d, severity: warning,
                     message: "{partner_name}: contact {contact}"}
                outputs: [{type: json, path: \(outputPath)}]
                """,
            interactions: """
                h1,hui,msd,com-1,2026-01-05,,,,
                h2,hui,msd,com-1,2026-03-05,,,,
                h3,hui,msd,com-1,2026-03-06,,,,

                """)
    }

    var storePath: String { world.scratch.path + "/state/tutahi.sqlite" }

    func run(asOf: String) async throws -> Evaluation {
        let configuration = try ConfigurationLoader(registry: .builtin, environment: [:])
            .load(path: world.scratch.path + "/tutahi.yaml")
        let store = try Store(path: try #require(configuration.store))
        let instant = try #require(AsOf.parse(asOf, in: configuration.zone))
        return try await Check(configuration: configuration, logger: Logger(label: "test")).run(asOf: instant, memory: store)
    }
}

@Suite("Store")
struct StoreTests {
    @Test("alert state carries across runs: pending, firing, quiet, reminder, resolved")
    func alertsAcrossRuns() async throws {
        let world = StoredWorld()
        func step(_ asOf: String) async throws -> ([String], [String]) {
            let evaluation = try await world.run(asOf: asOf)
            return (
                evaluation.scorecard.alerts.map { "\($0.state.rawValue): \($0.message)" },
                evaluation.alerts.notifications.map(\.reason.rawValue)
            )
        }
        // 10 Jan: one hui in 30 days = 50, the rule does not hold.
        #expect(try await step("2026-01-10") == ([], []))
        // 10 Feb: none in the window (0 < 50): pending, as `for: 2`.
        #expect(try await step("2026-02-10") == (["pending: Community One: contact 0"], []))
        // 17 Feb: the second run in a row: firing, and told.
        #expect(try await step("2026-02-17") == (["firing: Community One: contact 0"], ["firing"]))
        // 24 Feb: still firing; 7 days since it was told, repeat is 14: nothing to tell.
        #expect(try await step("2026-02-24") == (["firing: Community One: contact 0"], []))
        // 3 Mar: 14 days since: a reminder.
        #expect(try await step("2026-03-03") == (["firing: Community One: contact 0"], ["reminder"]))
        // 10 Mar: two hui in the window = 100: resolved, listed this once, saying what contact is now.
        #expect(try await step("2026-03-10") == (["resolved: Community One: contact 100"], ["resolved"]))
        #expect(try await step("2026-03-11") == ([], []))

        let store = try Store(path: world.storePath)
        let runs = try await store.runs()
        #expect(runs.map(\.id) == [7, 6, 5, 4, 3, 2, 1])
        #expect(runs.map(\.alertsFiring) == [0, 0, 1, 1, 1, 0, 0])
        #expect(runs.last?.asOfText == "2026-01-11T00:00:00+13:00")
        #expect(try await store.alertStates().isEmpty)
    }

    @Test("history gives one relationship's overall and dimension scores, oldest first")
    func history() async throws {
        let world = StoredWorld()
        for asOf in ["2026-01-10", "2026-02-10", "2026-03-10"] { _ = try await world.run(asOf: asOf) }
        let store = try Store(path: world.storePath)
        let points = try await store.history(agency: "msd", partner: "com-1")
        #expect(points.map(\.asOfText) == [
            "2026-01-11T00:00:00+13:00", "2026-02-11T00:00:00+13:00", "2026-03-11T00:00:00+13:00",
        ])
        #expect(points.map(\.overall.score) == [50, 0, 100])
        #expect(points.map { $0.dimensions["voice"]?.status } == [.amber, .red, .green])
        #expect(try await store.history(agency: "msd", partner: "nobody").isEmpty)
    }

    @Test("a run whose output cannot be written is not recorded, and alert state stays as it was")
    func failedRunRecordsNothing() async throws {
        let world = StoredWorld(outputPath: "out")  // `out` is made a directory below
        try FileManager.default.createDirectory(atPath: world.world.scratch.path + "/out/x", withIntermediateDirectories: true)
        await #expect(throws: Check.Failure.self) { _ = try await world.run(asOf: "2026-02-10") }
        let store = try Store(path: world.storePath)
        #expect(try await store.runCount() == 0)
        #expect(try await store.alertStates().isEmpty)
    }

    @Test("a store file that is not a database is a clear error")
    func notADatabase() throws {
        let scratch = Scratch()
        let path = scratch.write("junk.sqlite", String(repeating: "not sqlite ", count: 200))
        #expect {
            _ = try Store(path: path)
        } throws: { error in
            "\(error)".hasPrefix("store \(path): ") && "\(error)".contains("not a database")
        }
    }

    @Test("the lock admits one holder at a time and is free again when released")
    func lock() throws {
        let scratch = Scratch()
        let path = scratch.path + "/state/tutahi.sqlite"
        var first: StoreLock? = try StoreLock(storePath: path)
        #expect {
            _ = try StoreLock(storePath: path)
        } throws: { error in
            "\(error)".contains("in use by another tutahi process (pid \(ProcessInfo.processInfo.processIdentifier))")
        }
        #expect(first != nil)
        first = nil
        #expect(throws: Never.self) { _ = try StoreLock(storePath: path) }
    }

    @Test("the config digest changes with the config and is the SHA-256 of known input")
    func digest() throws {
        #expect(SHA256.hexDigest(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest(of: Array(String(repeating: "a", count: 1_000).utf8))
            == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        #expect(SHA256.hexDigest(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let scratch = Scratch()
        let one = try loadConfig(minimalConfig, in: scratch).get().digest
        let two = try loadConfig(minimalConfig + "\nstore: s.sqlite\n", in: scratch).get().digest
        #expect(one != two && one.count == 64)
    }
}
