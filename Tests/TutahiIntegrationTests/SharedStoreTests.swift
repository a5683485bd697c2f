import Foundation
import Logging
import Testing
import TutahiCore
import TutahiPluginAPI
import TutahiStore
import TutahiTestSupport

/// The store's promises, held by both backends: the same tests, run once on SQLite and once on a
/// real PostgreSQL server.
@Suite("Stores: SQLite and PostgreSQL alike", .serialized, .timeLimit(.minutes(20)))
struct SharedStoreTests {
    /// Each run's alerts as `state: message`, and what it told.
    func step(_ world: StoredWorld, _ asOf: String) async throws -> ([String], [String]) {
        let evaluation = try await world.run(asOf: asOf)
        return (
            evaluation.scorecard.alerts.map { "\($0.state.rawValue): \($0.message)" },
            evaluation.alerts.notifications.map(\.reason.rawValue)
        )
    }

    @Test("alert state carries across runs: pending, firing, quiet, reminder, resolved", arguments: StoreBackend.allCases)
    func alertsAcrossRuns(_ backend: StoreBackend) async throws {
        let world = try StoredWorld(backend: backend)
        // 10 Jan: one hui in 30 days = 50, the rule does not hold.
        #expect(try await step(world, "2026-01-10") == ([], []))
        // 10 Feb: none in the window (0 < 50): pending, as `for: 2`.
        #expect(try await step(world, "2026-02-10") == (["pending: Community One: contact 0"], []))
        // 17 Feb: the second run in a row: firing, and told.
        #expect(try await step(world, "2026-02-17") == (["firing: Community One: contact 0"], ["firing"]))
        // 24 Feb: still firing; 7 days since it was told, repeat is 14: nothing to tell.
        #expect(try await step(world, "2026-02-24") == (["firing: Community One: contact 0"], []))
        // 3 Mar: 14 days since: a reminder.
        #expect(try await step(world, "2026-03-03") == (["firing: Community One: contact 0"], ["reminder"]))
        // 10 Mar: two hui in the window = 100: resolved, listed this once, saying what contact is now.
        #expect(try await step(world, "2026-03-10") == (["resolved: Community One: contact 100"], ["resolved"]))
        #expect(try await step(world, "2026-03-11") == ([], []))

        let (runs, states) = try await world.reading { store in
            (try await store.runs(limit: 50, allMonitors: false), try await store.alertStates())
        }
        #expect(runs.map(\.id) == [7, 6, 5, 4, 3, 2, 1])
        #expect(runs.map(\.alertsFiring) == [0, 0, 1, 1, 1, 0, 0])
        #expect(runs.last?.asOfText == "2026-01-11T00:00:00+13:00")
        #expect(runs.allSatisfy { $0.monitor == "default" })
        #expect(states.isEmpty)
    }

    @Test("history gives one relationship's overall and dimension scores, oldest first", arguments: StoreBackend.allCases)
    func history(_ backend: StoreBackend) async throws {
        let world = try StoredWorld(backend: backend)
        for asOf in ["2026-01-10", "2026-02-10", "2026-03-10"] { _ = try await world.run(asOf: asOf) }
        let (points, nobody) = try await world.reading { store in
            (try await store.history(agency: "msd", partner: "com-1"), try await store.history(agency: "msd", partner: "nobody"))
        }
        #expect(points.map(\.asOfText) == [
            "2026-01-11T00:00:00+13:00", "2026-02-11T00:00:00+13:00", "2026-03-11T00:00:00+13:00",
        ])
        #expect(points.map(\.overall.score) == [50, 0, 100])
        #expect(points.map { $0.dimensions["voice"]?.status } == [.amber, .red, .green])
        #expect(nobody.isEmpty)
    }

    @Test("a run whose output cannot be written is not recorded, and alert state stays as it was", arguments: StoreBackend.allCases)
    func failedRunRecordsNothing(_ backend: StoreBackend) async throws {
        let world = try StoredWorld(backend: backend, outputPath: "out")  // `out` is made a directory below
        try FileManager.default.createDirectory(atPath: world.world.scratch.path + "/out/x", withIntermediateDirectories: true)
        await #expect(throws: Check.Failure.self) { _ = try await world.run(asOf: "2026-02-10") }
        let (runs, states) = try await world.reading { store in
            (try await store.runs(limit: 50, allMonitors: false), try await store.alertStates())
        }
        #expect(runs.isEmpty && states.isEmpty)
    }

    @Test("two monitors run at once on one store, each with its own runs and alert states", arguments: StoreBackend.allCases)
    func monitorsApart(_ backend: StoreBackend) async throws {
        let north = try StoredWorld(backend: backend, monitor: "north")
        let south = try StoredWorld(sharing: north, monitor: "south")
        // North runs weekly from 10 February, south only on 10 February, at the same moments.
        async let northRuns: Void = {
            for asOf in ["2026-02-10", "2026-02-17"] { _ = try await north.run(asOf: asOf) }
        }()
        async let southRun = south.run(asOf: "2026-02-10")
        try await northRuns
        _ = try await southRun
        let (northStates, northRunList, everyRun) = try await north.reading { store in
            (try await store.alertStates(), try await store.runs(limit: 50, allMonitors: false),
             try await store.runs(limit: 50, allMonitors: true))
        }
        let southStates = try await south.reading { try await $0.alertStates() }
        // North held two runs in a row (firing); south one (pending): `for: 2` counts per monitor.
        #expect(northStates.map { "\($0.key.partner) \($0.state.rawValue) \($0.consecutiveRuns)" } == ["com-1 firing 2"])
        #expect(southStates.map { "\($0.key.partner) \($0.state.rawValue) \($0.consecutiveRuns)" } == ["com-1 pending 1"])
        #expect(northRunList.map(\.monitor) == ["north", "north"])
        #expect(everyRun.count == 3 && Set(everyRun.map(\.monitor)) == ["north", "south"])
        // South's history of 17 February would be north's: it has none.
        let southHistory = try await south.reading { try await $0.history(agency: "msd", partner: "com-1") }
        #expect(southHistory.map(\.asOfText) == ["2026-02-11T00:00:00+13:00"])

        // The command line: every monitor with a column naming it, or one other monitor.
        let all = try CLI.run(["history", "-c", north.config, "--all-monitors"], environment: north.environment)
        #expect(all.status == 0, "\(all.stderr)")
        let lines = all.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("monitor") == true && lines.count == 5)
        #expect(lines.dropFirst(2).map { $0.split(separator: " ").first.map(String.init) ?? "" }.sorted() == ["north", "north", "south"])
        let other = try CLI.run(["history", "-c", north.config, "--monitor", "south"], environment: north.environment)
        #expect(other.stdout.split(separator: "\n").count == 3 && other.stdout.contains("2026-02-11T00:00:00+13:00"))
    }

    @Test("a second writer of the same monitor is refused, naming the holder; another monitor is not", arguments: StoreBackend.allCases)
    func twinRefused(_ backend: StoreBackend) async throws {
        let world = try StoredWorld(backend: backend, monitor: "north")
        let configuration = try world.configuration()
        let location = try #require(configuration.store)
        let pid = ProcessInfo.processInfo.processIdentifier
        do {
            let first = try await OpenedStore.forWriting(location, monitor: "north", logger: Logger(label: "test"))
            await #expect {
                _ = try await OpenedStore.forWriting(location, monitor: "north", logger: Logger(label: "test"))
            } throws: { error in
                let text = "\(error)"
                return text.contains("monitor `north` is in use by") && text.contains("\(pid)")
                    && !text.contains(world.environment["TUTAHI_TEST_PASSWORD"] ?? "none")
            }
            let other = try await OpenedStore.forWriting(location, monitor: "south", logger: Logger(label: "test"))
            await other.close()
            await first.close()
        }
        // Released (closed, and for SQLite its lock gone with it): the monitor may be taken again.
        let again = try await OpenedStore.forWriting(location, monitor: "north", logger: Logger(label: "test"))
        await again.close()
    }
}

@Suite("PostgreSQL store: faults", .serialized, .timeLimit(.minutes(20)))
struct PostgresFaultTests {
    @Test("a wrong password or an unreachable server is one line naming the host, never the password")
    func cannotConnect() throws {
        let world = try StoredWorld(backend: .postgres)
        let wrong = try CLI.run(["run", "-c", world.config, "--as-of", "2026-02-10"], environment: ["TUTAHI_TEST_PASSWORD": "kawakawa-wrong"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.hasPrefix("tutahi: error: store postgresql://tutahi@127.0.0.1:"))
        #expect(wrong.stderr.contains("password authentication failed for user \"tutahi\""))
        #expect(!wrong.stderr.contains("kawakawa-wrong") && wrong.stderr.split(separator: "\n").count == 1)

        let text = try String(contentsOfFile: world.config, encoding: .utf8)
        let unreachable = world.world.scratch.write("unreachable.yaml", text.replacingOccurrences(
            of: "@127.0.0.1:\(try TestPostgres.shared().port)/", with: "@127.0.0.1:9/"))
        let refused = try CLI.run(["run", "-c", unreachable], environment: world.environment)
        #expect(refused.status == 1)
        #expect(refused.stderr == "tutahi: error: store postgresql://tutahi@127.0.0.1:9/\(Self.database(of: text)): cannot reach 127.0.0.1:9: Connection refused\n")
        #expect(!refused.stderr.contains(world.environment["TUTAHI_TEST_PASSWORD"] ?? "none"))
    }

    /// The database a config's store URL names.
    static func database(of config: String) -> String {
        guard let line = config.split(separator: "\n").first(where: { $0.hasPrefix("store:") }),
            let slash = line.lastIndex(of: "/"), let question = line.lastIndex(of: "?")
        else { return "" }
        return String(line[line.index(after: slash)..<question])
    }

    @Test("a database with a schema newer than this tutahi knows is refused and left alone")
    func newerSchema() async throws {
        let world = try StoredWorld(backend: .postgres)
        _ = try await world.run(asOf: "2026-02-10")
        let server = try TestPostgres.shared()
        let database = Self.database(of: try String(contentsOfFile: world.config, encoding: .utf8))
        let psql = try CLI.runProgram(
            ["/usr/bin/env", "psql", "-h", "127.0.0.1", "-p", "\(server.port)", "-U", "tutahi", "-d", database, "-tAc",
             "INSERT INTO tutahi_schema (version, name) VALUES (99, 'v99: from the future')"],
            environment: ["PGPASSWORD": server.password])
        #expect(psql.status == 0, "\(psql.stderr)")
        let run = try CLI.run(["run", "-c", world.config, "--as-of", "2026-02-17"], environment: world.environment)
        #expect(run.status == 1)
        #expect(run.stderr.contains("its schema (`v99: from the future`) is newer than this tutahi knows; use a newer tutahi"))
    }
}
