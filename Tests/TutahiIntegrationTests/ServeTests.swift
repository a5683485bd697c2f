import Foundation
import GRDB
import Testing
import TutahiStore
import TutahiTestSupport

/// A config on disk with a store, a weekly schedule and an exec indicator that can be made slow:
/// when the file `slow` exists, the plugin writes its pid to `started` and sleeps that many seconds.
struct ServedWorld {
    let stored: StoredWorld

    init(backend: StoreBackend = .sqlite, cluster: TestPostgres? = nil) throws {
        stored = try StoredWorld(
            backend: backend, cluster: cluster,
            config: """
                dimensions: {voice: {}}
                indicators:
                  - {id: contact, plugin: engagement, dimension: voice, kinds: [hui], target: 2, window: 30d}
                  - {id: ext, plugin: exec, dimension: voice, command: [python3, slow.py], timeout: 300s}
                alerts:
                  - {id: quiet, when: contact < 50, severity: warning, message: "{partner}: contact {contact}"}
                outputs: [{type: json, path: out/scorecard.json}]
                schedules: [{id: weekly, cron: "0 7 * * 1"}]
                """,
            interactions: """
                h1,hui,msd,com-1,2026-01-05,,,,
                h2,hui,tpk,iwi-1,2026-01-20,,,,

                """)
        world.scratch.write("slow.py", """
            import json, os, sys, time
            json.load(sys.stdin)
            here = os.path.dirname(os.path.abspath(__file__))
            flag = os.path.join(here, "slow")
            if os.path.exists(flag):
                with open(os.path.join(here, "started.tmp"), "w") as f:
                    f.write(str(os.getpid()))
                os.rename(os.path.join(here, "started.tmp"), os.path.join(here, "started"))
                time.sleep(float(open(flag).read()))
            json.dump({"results": []}, sys.stdout)
            """)
    }

    var world: World { stored.world }
    var environment: [String: String] { stored.environment }
    var config: String { world.scratch.path + "/tutahi.yaml" }
    var store: String { world.scratch.path + "/state/tutahi.sqlite" }
    var started: String { world.scratch.path + "/started" }

    func makeSlow(seconds: Int) { world.scratch.write("slow", "\(seconds)") }

    func makeFast() {
        try? FileManager.default.removeItem(atPath: world.scratch.path + "/slow")
        if let pid = (try? String(contentsOfFile: started, encoding: .utf8)).flatMap({ Int32($0) }) { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(atPath: started)
    }

    /// `tutahi ARGUMENTS` with the store's environment.
    func tutahi(_ arguments: [String]) throws -> CLI.Output { try CLI.run(arguments, environment: environment) }

    /// `tutahi ARGUMENTS` started in the background.
    func start(_ arguments: [String]) throws -> RunningProcess { try RunningProcess(arguments, environment: environment) }

    /// What the store holds, through the store's own interface: runs, alert states with their
    /// counts, and each relationship's scores by run.
    func snapshot() async throws -> [String] {
        try await stored.reading { store in
            let runs = try await store.runs(limit: 1000, allMonitors: true).reversed()
            let states = try await store.alertStates()
            let msd = try await store.history(agency: "msd", partner: "com-1")
            let tpk = try await store.history(agency: "tpk", partner: "iwi-1")
            return [
                "runs: " + runs.map { "\($0.id ?? 0) \($0.asOfText)" }.joined(separator: ", "),
                "msd com-1 scored in runs: " + msd.map { "\($0.runID)" }.joined(separator: " "),
                "tpk iwi-1 scored in runs: " + tpk.map { "\($0.runID)" }.joined(separator: " "),
                "alerts: " + states.map { "\($0.key.rule) \($0.key.agency) \($0.key.partner) \($0.state.rawValue) \($0.consecutiveRuns)" }
                    .sorted().joined(separator: ", "),
            ]
        }
    }

    /// True when every recorded run has all of its scores (each run scores both relationships).
    func isConsistent() async throws -> Bool {
        let snapshot = try await snapshot()
        let runs = snapshot[0].dropFirst("runs: ".count).split(separator: ",").compactMap { $0.split(separator: " ").first }
            .joined(separator: " ")
        return snapshot[1] == "msd com-1 scored in runs: " + runs && snapshot[2].hasSuffix(runs)
    }
}

@Suite("Store and serve, as processes", .serialized, .timeLimit(.minutes(20)))
struct ServeTests {
    @Test("SIGKILL in the middle of a run leaves the store as it was; the next run goes on normally",
          arguments: StoreBackend.allCases)
    func killedRun(_ backend: StoreBackend) async throws {
        let world = try ServedWorld(backend: backend)
        defer { world.makeFast() }
        #expect(try world.tutahi(["run", "-c", world.config, "--as-of", "2026-02-10"]).status == 0)
        let before = try await world.snapshot()
        #expect(before.first == "runs: 1 2026-02-11T00:00:00+13:00")

        // Killed while its exec plugin (a real child process) is computing.
        world.makeSlow(seconds: 300)
        let killed = try world.start(["run", "-c", world.config, "--as-of", "2026-02-17"])
        #expect(Wait.forFile(world.started), "the plugin never started: \(killed.stderr)")
        killed.send(SIGKILL)
        #expect(killed.waitForExit() == 128 + SIGKILL)
        world.makeFast()
        #expect(try await world.snapshot() == before)

        // Killed at moments spread over a whole run, writing included: each time the store holds
        // whole runs only.
        var recorded = 1
        for delay in [0, 20_000, 60_000, 120_000, 200_000, 300_000, 450_000, 700_000] as [UInt32] {
            let run = try world.start(["run", "-c", world.config, "--as-of", "2026-02-17"])
            usleep(delay)
            run.send(SIGKILL)
            _ = run.waitForExit()
            #expect(try await world.isConsistent(), "inconsistent after a kill at \(delay) µs")
            let runs = try await world.snapshot()[0].split(separator: ",").count
            #expect(runs == recorded || runs == recorded + 1)
            recorded = runs
        }

        let next = try world.tutahi(["run", "-c", world.config, "--as-of", "2026-03-01"])
        #expect(next.status == 0, "\(next.stderr)")
        let after = try await world.snapshot()
        // Whole runs only; PostgreSQL may skip numbers a killed run took.
        #expect(after[0].hasSuffix(" 2026-03-02T00:00:00+13:00") && after[0].split(separator: ",").count == recorded + 1)
        // tpk–iwi-1's hui on 20 January is in every earlier window, so its alert is new on 1 March.
        #expect(after[3] == "alerts: quiet msd com-1 firing \(recorded + 1), quiet tpk iwi-1 firing 1")
    }

    @Test("the PostgreSQL server stopped mid-run: exit 1, nothing recorded, no message lost; the next run goes on")
    func serverStoppedMidRun() async throws {
        // A cluster of its own: stopping the shared one would pull it from under other tests.
        let server = try TestPostgres.privateCluster()
        defer { server.remove() }
        let world = try ServedWorld(backend: .postgres, cluster: server)
        defer { world.makeFast() }
        // A webhook nobody answers keeps its messages in the outbox.
        let config = try String(contentsOfFile: world.config, encoding: .utf8)
        world.world.scratch.write("tutahi.yaml", config.replacingOccurrences(
            of: "outputs: [{type: json, path: out/scorecard.json}]",
            with: "outputs: [{type: json, path: out/scorecard.json}, {type: webhook, url: \"http://127.0.0.1:9/alerts\", timeout: 1s}]"))
        #expect(try world.tutahi(["run", "-c", world.config, "--as-of", "2026-02-10"]).status == 0)
        let before = try await world.snapshot()
        let waiting = try await world.stored.reading { try await $0.waitingMessages(dueAt: nil).map(\.message.key) }
        #expect(waiting.count == 1)

        // The server goes away while the run computes; it is back before the run records.
        world.makeSlow(seconds: 300)
        let run = try world.start(["run", "-c", world.config, "--as-of", "2026-02-17"])
        #expect(Wait.forFile(world.started), "the plugin never started: \(run.stderr)")
        try server.stop("immediate")
        try server.resume()
        world.makeFast()
        #expect(run.waitForExit() == 1)
        #expect(run.stderr.contains("tutahi: error: store postgresql://tutahi@127.0.0.1:"), "\(run.stderr)")
        #expect(try await world.snapshot() == before)
        let still = try await world.stored.reading { try await $0.waitingMessages(dueAt: nil).map(\.message.key) }
        #expect(still == waiting)

        let next = try world.tutahi(["run", "-c", world.config, "--as-of", "2026-02-17"])
        #expect(next.status == 0, "\(next.stderr)")
        let after = try await world.snapshot()
        // (Run numbers are the database's: a failed run may use one up.)
        #expect(after[0].hasPrefix("runs: 1 2026-02-11T00:00:00+13:00, ") && after[0].hasSuffix(" 2026-02-18T00:00:00+13:00"))
        #expect(after[0].split(separator: ",").count == 2)
        let messages = try await world.stored.reading { try await $0.waitingMessages(dueAt: nil).map(\.message.key) }
        // The first run's message still waits (its webhook never answers), and nothing doubled.
        #expect(Array(messages.prefix(1)) == waiting && Set(messages).count == messages.count, "\(messages)")
    }

    @Test("a second serve (or run) on the same store refuses to start, naming the first")
    func singleInstance() throws {
        let world = try ServedWorld()
        let serve = try RunningProcess(["serve", "-c", world.config])
        #expect(Wait.until { serve.stderr.contains("next check") }, "\(serve.stderr)")
        #expect(serve.stderr.contains("at=2026-") || serve.stderr.contains("at=20"), "\(serve.stderr)")
        let message = "store \(world.store): in use by another tutahi process (pid \(serve.pid))"
        let second = try CLI.run(["serve", "-c", world.config])
        #expect(second.status == 1)
        #expect(second.stderr.contains(message), "\(second.stderr)")
        let run = try CLI.run(["run", "-c", world.config])
        #expect(run.status == 1)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        // Reading the store needs no lock: history and the outbox listing work beside serve.
        #expect(try CLI.run(["history", "-c", world.config]).status == 0)
        #expect(try CLI.run(["outbox", "-c", world.config]).status == 0)
        serve.send(SIGTERM)
        #expect(serve.waitForExit() == 0)
        #expect(try CLI.run(["run", "-c", world.config, "--as-of", "2026-02-10"]).status == 0)
    }

    @Test("after downtime serve runs one catch-up check; SIGTERM during it lets it finish, then exits 0")
    func catchUpAndGracefulStop() async throws {
        let world = try ServedWorld()
        defer { world.makeFast() }
        #expect(try CLI.run(["run", "-c", world.config, "--as-of", "2026-02-10"]).status == 0)
        // The last run was eight days ago: at least one Monday 07:00 was missed.
        let database = try DatabaseQueue(path: world.store)
        try await database.write { db in
            try db.execute(sql: "UPDATE run SET started_at = started_at - 8 * 86400 * 1000000000")
        }
        world.makeSlow(seconds: 3)
        let serve = try RunningProcess(["serve", "-c", world.config])
        #expect(Wait.forFile(world.started), "no catch-up check started: \(serve.stderr)")
        serve.send(SIGTERM)
        #expect(serve.waitForExit() == 0, "\(serve.stderr)")
        let log = serve.stderr
        #expect(log.contains("catching up"))
        #expect(log.contains("check done"))
        #expect(log.contains("duration="))
        #expect(log.contains("stopped"))
        let runs = try await world.snapshot()[0]
        #expect(runs.hasPrefix("runs: 1 2026-02-11T00:00:00+13:00, 2 "), "\(runs)")
        let scorecard = try String(contentsOfFile: world.world.scratch.path + "/out/scorecard.json", encoding: .utf8)
        #expect(!scorecard.contains("2026-02-11T00:00:00"))
    }

    @Test("serve needs a store and a schedule; history reads runs and one relationship")
    func serveNeedsAndHistory() throws {
        let scratch = Scratch()
        scratch.write("parties.csv", "id,name,kind\nmsd,MSD,agency\n")
        let bare = scratch.write("bare.yaml", minimalConfig)
        let noStore = try CLI.run(["serve", "-c", bare])
        #expect(noStore.status == 2)
        #expect(noStore.stderr.contains("`serve` needs `store:`"))
        let noSchedule = try CLI.run(["serve", "-c", scratch.write("s.yaml", minimalConfig + "\nstore: s.sqlite\n")])
        #expect(noSchedule.status == 2)
        #expect(noSchedule.stderr.contains("`serve` needs `schedules:`"))

        let timedWorld = try ServedWorld()
        let timed = try CLI.run(["run", "-c", timedWorld.config, "--as-of", "2025-12-31", "--timings"])
        let timings = timed.stderr.split(separator: "\n").first { $0.hasPrefix("timings: ") } ?? ""
        #expect(timings.split(separator: "·").map { $0.split(separator: " ").dropFirst($0.hasPrefix("timings") ? 1 : 0).first ?? "" }
            == ["load", "compute", "outputs", "record", "peak"], "\(timed.stderr)")
        // Loading is broken down into its parts, in the order they run.
        let parts = timings.split(separator: "(").dropFirst().first?.split(separator: ")").first ?? ""
        #expect(parts.split(separator: ", ").map { $0.split(separator: " ").first ?? "" }
            == ["parties", "surveys", "interactions", "table"], "\(timings)")

        let world = try ServedWorld()
        let empty = try CLI.run(["history", "-c", world.config])
        #expect(empty.status == 0)
        #expect(empty.stdout.contains("No runs recorded yet"))
        for asOf in ["2026-01-10", "2026-02-10"] {
            #expect(try CLI.run(["run", "-c", world.config, "--as-of", asOf]).status == 0)
        }
        let runs = try CLI.run(["history", "-c", world.config])
        let lines = runs.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[2].hasPrefix("2    2026-02-11T00:00:00+13:00"))
        #expect(lines[3].hasPrefix("1    2026-01-11T00:00:00+13:00"))
        let one = try CLI.run(["history", "-c", world.config, "msd", "com-1"])
        #expect(one.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") } == [
            "msd – com-1", "run as of overall voice", "─── ───────────────────────── ────────── ──────────",
            "1 2026-01-11T00:00:00+13:00 50.0 amber 50.0 amber", "2 2026-02-11T00:00:00+13:00 0.0 red 0.0 red",
        ])
    }
}
