import Foundation
import GRDB
import Testing
import TutahiTestSupport

/// A config on disk with a store, a weekly schedule and an exec indicator that can be made slow:
/// when the file `slow` exists, the plugin writes its pid to `started` and sleeps that many seconds.
struct ServedWorld {
    let world = World(
        config: """
            store: state/tutahi.sqlite
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

    init() {
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

    var config: String { world.scratch.path + "/tutahi.yaml" }
    var store: String { world.scratch.path + "/state/tutahi.sqlite" }
    var started: String { world.scratch.path + "/started" }

    func makeSlow(seconds: Int) { world.scratch.write("slow", "\(seconds)") }

    func makeFast() {
        try? FileManager.default.removeItem(atPath: world.scratch.path + "/slow")
        if let pid = (try? String(contentsOfFile: started, encoding: .utf8)).flatMap({ Int32($0) }) { kill(pid, SIGKILL) }
        try? FileManager.default.removeItem(atPath: started)
    }

    /// What the store holds, as text: runs, and each table's rows for them.
    func snapshot() throws -> [String] {
        let database = try DatabaseQueue(path: store)
        return try database.read { db in
            [
                "runs: " + (try String.fetchAll(db, sql: "SELECT id || ' ' || as_of_text FROM run ORDER BY id")).joined(separator: ", "),
                "scorecards: \(try Int.fetchOne(db, sql: "SELECT count(*) FROM scorecard") ?? -1)",
                "scores: \(try Int.fetchOne(db, sql: "SELECT count(*) FROM score") ?? -1)",
                "alerts: " + (try String.fetchAll(db, sql: "SELECT rule || ' ' || agency || ' ' || partner || ' ' || state || ' ' || consecutive_runs FROM alert_state ORDER BY 1")).joined(separator: ", "),
            ]
        }
    }

    /// True when SQLite finds the file sound and every recorded run has all of its rows.
    func isConsistent() throws -> Bool {
        let database = try DatabaseQueue(path: store)
        return try database.read { db in
            let integrity = try String.fetchOne(db, sql: "PRAGMA integrity_check")
            let runs = try Int.fetchOne(db, sql: "SELECT count(*) FROM run") ?? -1
            let scorecards = try Int.fetchOne(db, sql: "SELECT count(*) FROM scorecard") ?? -2
            let partial = try Int.fetchOne(db, sql: "SELECT count(*) FROM run WHERE id NOT IN (SELECT run_id FROM score)") ?? -1
            let stale = try Int.fetchOne(db, sql: "SELECT count(*) FROM alert_state WHERE run_id != (SELECT max(id) FROM run)") ?? -1
            return integrity == "ok" && runs == scorecards && partial == 0 && stale == 0
        }
    }
}

@Suite("Store and serve, as processes", .serialized)
struct ServeTests {
    @Test("SIGKILL in the middle of a run leaves the store as it was; the next run goes on normally")
    func killedRun() throws {
        let world = ServedWorld()
        defer { world.makeFast() }
        #expect(try CLI.run(["run", "-c", world.config, "--as-of", "2026-02-10"]).status == 0)
        let before = try world.snapshot()
        #expect(before.first == "runs: 1 2026-02-11T00:00:00+13:00")

        // Killed while its exec plugin (a real child process) is computing.
        world.makeSlow(seconds: 300)
        let killed = try RunningProcess(["run", "-c", world.config, "--as-of", "2026-02-17"])
        #expect(Wait.forFile(world.started), "the plugin never started: \(killed.stderr)")
        killed.send(SIGKILL)
        #expect(killed.waitForExit() == 128 + SIGKILL)
        world.makeFast()
        #expect(try world.snapshot() == before)

        // Killed at moments spread over a whole run, writing included: each time the store is
        // sound and holds whole runs only.
        var recorded = 1
        for delay in [0, 20_000, 60_000, 120_000, 200_000, 300_000, 450_000, 700_000] as [UInt32] {
            let run = try RunningProcess(["run", "-c", world.config, "--as-of", "2026-02-17"])
            usleep(delay)
            run.send(SIGKILL)
            _ = run.waitForExit()
            #expect(try world.isConsistent(), "inconsistent after a kill at \(delay) µs")
            let runs = try world.snapshot()[0].split(separator: ",").count
            #expect(runs == recorded || runs == recorded + 1)
            recorded = runs
        }

        let next = try CLI.run(["run", "-c", world.config, "--as-of", "2026-03-01"])
        #expect(next.status == 0, "\(next.stderr)")
        let after = try world.snapshot()
        #expect(after[0].hasSuffix("\(recorded + 1) 2026-03-02T00:00:00+13:00"))
        // tpk–iwi-1's hui on 20 January is in every earlier window, so its alert is new on 1 March.
        #expect(after[3] == "alerts: quiet msd com-1 firing \(recorded + 1), quiet tpk iwi-1 firing 1")
    }

    @Test("a second serve (or run) on the same store refuses to start, naming the first")
    func singleInstance() throws {
        let world = ServedWorld()
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
    func catchUpAndGracefulStop() throws {
        let world = ServedWorld()
        defer { world.makeFast() }
        #expect(try CLI.run(["run", "-c", world.config, "--as-of", "2026-02-10"]).status == 0)
        // The last run was eight days ago: at least one Monday 07:00 was missed.
        let database = try DatabaseQueue(path: world.store)
        try database.write { db in
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
        let runs = try world.snapshot()[0]
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

        let timedWorld = ServedWorld()
        let timed = try CLI.run(["run", "-c", timedWorld.config, "--as-of", "2025-12-31", "--timings"])
        let timings = timed.stderr.split(separator: "\n").first { $0.hasPrefix("timings: ") } ?? ""
        #expect(timings.split(separator: "·").map { $0.split(separator: " ").dropFirst($0.hasPrefix("timings") ? 1 : 0).first ?? "" }
            == ["load", "compute", "outputs", "record"], "\(timed.stderr)")

        let world = ServedWorld()
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
