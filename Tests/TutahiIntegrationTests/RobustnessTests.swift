import Foundation
import GRDB
import Testing
import TutahiTestSupport
import TutahiCore
import TutahiPluginAPI

/// The cases an adversarial review found: each crashed, hung, leaked, disagreed or sent by accident.
@Suite("Robustness: nothing crashes, leaks or is sent by accident", .serialized)
struct RobustnessTests {
    @Test("a timestamp with ten or more fractional digits is read (to the nanosecond), in data and --as-of")
    func longFractions() throws {
        let parsed = Timestamp.parse("2026-03-04T10:15:00.123456789012Z")
        #expect(parsed == .instant(Instant(seconds: 1_772_619_300, nanoseconds: 123_456_789)))
        let world = World(config: minimalIndicators, interactions: "h1,hui,msd,iwi-1,2026-03-04T10:15:00.1234567890Z,,,,\n")
        let run = try CLI.run(["run", "-c", world.scratch.path + "/tutahi.yaml", "--as-of", "2026-03-31T00:00:00.00000000001+13:00"])
        #expect(run.status == 0, "\(run.stderr)")
    }

    let minimalIndicators = """
        dimensions: {voice: {}}
        indicators:
          - {id: contact, plugin: engagement, dimension: voice, kinds: [hui], target: 2}
        """

    @Test("expressions nested or long past the limits are config errors at their position, in `when` and messages")
    func deepExpressions() {
        func alert(_ when: String, message: String = "x") -> [String] {
            problems("""
                data: {parties: parties.csv}
                dimensions: {voice: {}}
                indicators:
                  - {id: contact, plugin: engagement, dimension: voice, kinds: [hui], target: 2}
                alerts:
                  - id: a
                    when: "\(when)"
                    message: "\(message)"
                """)
        }
        // 6,000 parentheses and 63,000 `not`s are past the length limit before the depth limit.
        let parens = alert(String(repeating: "(", count: 6000) + "overall" + String(repeating: ")", count: 6000))
        #expect(parens.count == 1 && parens[0].hasPrefix("7:") && parens[0].contains("too long: at most 1000"))
        let nots = alert(String(repeating: "not ", count: 63_000) + "overall > 1")
        #expect(nots.count == 1 && nots[0].contains("too long"))
        let deep = alert(String(repeating: "(", count: 100) + "overall" + String(repeating: ")", count: 100))
        #expect(deep == ["7:77: the expression is nested too deeply: at most 64 levels"])
        let sum = alert((0..<85_000).map { _ in "overall" }.joined(separator: " + ") + " > 1")
        #expect(sum.count == 1 && sum[0].contains("too long: at most 1000"))
        let message = alert("overall < 1", message: "{" + String(repeating: "-", count: 500) + "overall}")
        #expect(message.count == 1 && message[0].contains("nested too deeply"))
        // Within the limits: 64 levels and 1,000 tokens are fine.
        #expect(alert(String(repeating: "(", count: 63) + "overall" + String(repeating: ")", count: 63) + " > 1").isEmpty)
    }

    @Test("numbers and durations out of bounds are config errors at their position")
    func bounds() {
        let found = problems("""
            data: {parties: parties.csv}
            defaults: {window: 0d}
            dimensions: {voice: {weight: .inf}, trust: {weight: 1e999, thresholds: {green: .nan, amber: 50}}}
            indicators:
              - {id: a, plugin: engagement, dimension: voice, kinds: [hui], target: 2, weight: 1e308, window: 200000d}
              - {id: b, plugin: follow_through, dimension: voice, open: {kind: q}, close: {kind: r}, within: 999999999h}
              - {id: c, plugin: exec, dimension: voice, command: [python3, x.py], timeout: 0s}
            store: state/s.sqlite
            outputs:
              - {type: json, path: ""}
              - {type: email, smtp: {host: 127.0.0.1, port: 70000}, from: "a@example.org"}
              - {type: webhook, url: "http://127.0.0.1:9/x", timeout: 0s}
            """)
        #expect(found == [
            "2:20: a `window` of 0d holds nothing; give a duration such as `365d`",
            "3:30: `weight` must be a number greater than 0 and at most 1000000",
            "3:53: `weight` must be a number greater than 0 and at most 1000000",
            "3:72: threshold `green` must be a number from 0 to 100, found nan",
            "5:99: expected a duration such as `30d`, `4w`, `72h`, `15m` or `20s` of at most 100 years (36525d), found `200000d`",
            "6:98: expected a duration such as `10d`, `20wd` (working days), `4w`, `72h`, `15m` or `20s`, found `999999999h`",
            "7:80: `timeout` must be longer than zero",
            "10:24: `path` names no file; give one such as `out/report.html`",
            "11:49: expected a port from 1 to 65535, found 70000",
            "12:59: `timeout` must be longer than zero",
        ])
        #expect(problems("""
            data: {parties: parties.csv}
            dimensions: {voice: {}}
            indicators:
              - {id: a, plugin: engagement, dimension: voice, kinds: [hui], target: 2, weight: 1e308}
            """) == ["4:84: `weight` must be a number greater than 0 and at most 1000000"])
    }

    @Test("a FIFO in place of a data file is refused at once, not waited on")
    func fifo() throws {
        let world = World(config: minimalIndicators)
        let events = world.scratch.path + "/events.csv"
        try FileManager.default.removeItem(atPath: events)
        #expect(mkfifo(events, 0o644) == 0)
        let run = try CLI.run(["validate", "-c", world.scratch.path + "/tutahi.yaml"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("events.csv: cannot read") && run.stderr.contains("not a regular file (a FIFO"))
    }

    @Test("an exec plugin that exits without reading while a grandchild holds its input open is stopped at its timeout")
    func execGrandchild() async throws {
        let world = World(config: """
            dimensions: {voice: {}}
            indicators:
              - {id: ext, plugin: exec, dimension: voice, command: [sh, plugin.sh], timeout: 3s}
            """, interactions: (1...4000).map { "h\($0),hui,msd,iwi-1,2026-01-05,,,,\(String(repeating: "x", count: 200))" }
                .joined(separator: "\n") + "\n")
        // The grandchild keeps the pipe open and never reads; the request (about 1 MB) cannot fit.
        world.scratch.write("plugin.sh", "setsid sleep 600 &\nexit 0\n")
        let card = try await world.check(asOf: "2026-01-31")
        #expect(card.relationship("msd", "iwi-1")?.indicator("ext")?.status == .error)
        _ = try? CLI.run(["run", "--help"])  // nothing left blocked: the test returns
        system("pkill -f 'sleep 600' >/dev/null 2>&1")
    }

    @Test("a secret from ${VAR} never reaches the outbox, `tutahi outbox` or serve's log")
    func secrets() throws {
        let world = NotifyingWorld(outputs: """
              - {type: webhook, url: "http://127.0.0.1:9/hooks/${HOOK_KEY}"}
              - type: email
                smtp: {host: 127.0.0.1, port: 9, username: tutahi, password: "${SMTP_PASSWORD}", timeout: 2s}
                from: "Tūtahi <tutahi@example.org>"
            """)
        let secrets = ["HOOK_KEY": "hook-key-kawakawa-1234", "SMTP_PASSWORD": "pass-pōhutukawa-5678"]
        #expect(try world.run(environment: secrets).status == 0)
        let stored = try world.outbox()
        #expect(!stored.isEmpty)
        let database = try DatabaseQueue(path: world.world.scratch.path + "/state/tutahi.sqlite")
        let destinations = try database.read { db in try String.fetchAll(db, sql: "SELECT destination FROM outbox") }
        #expect(destinations.contains("http://127.0.0.1:9/hooks/***"))
        let listing = try CLI.run(["outbox", "-c", world.config], environment: secrets)
        #expect(listing.status == 0)
        #expect(!listing.stdout.contains("hook-key-kawakawa-1234") && listing.stdout.contains("/hooks/***"))
        world.world.scratch.write("tutahi.yaml", (try String(contentsOfFile: world.config, encoding: .utf8))
            + "\nschedules: [{id: s, cron: \"0 7 * * 1\"}]\n")
        let serve = try RunningProcess(["serve", "-c", world.config, "--verbose"], environment: secrets)
        #expect(Wait.until { (try? String(contentsOfFile: serve.stderrPath, encoding: .utf8))?.contains("serving") == true })
        serve.send(SIGTERM)
        #expect(serve.waitForExit() == 0)
        let log = (try? String(contentsOfFile: serve.stderrPath, encoding: .utf8)) ?? ""
        #expect(log.contains("scheduled checks of"))
        for secret in secrets.values { #expect(!log.contains(secret) && !listing.stderr.contains(secret)) }
    }

    /// A world with a store, a JSON and an HTML output, and alerts that fire (for the run tests).
    func storedWorld(outputs: String = "") -> World {
        World(config: """
            store: state/tutahi.sqlite
            dimensions: {voice: {}}
            indicators:
              - {id: contact, plugin: engagement, dimension: voice, kinds: [hui], target: 2, window: 30d}
            alerts:
              - {id: low, when: contact < 100, message: "contact {contact}"}
            outputs:
              - {type: json, path: out/scorecard.json}
            \(outputs)
            """, interactions: "h1,hui,msd,iwi-1,2026-01-05,,,,\nh2,hui,msd,iwi-1,2026-02-20,,,,\n")
    }

    func runs(_ world: World) throws -> Int {
        try DatabaseQueue(path: world.scratch.path + "/state/tutahi.sqlite").read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM run") ?? 0
        }
    }

    @Test("when a later output fails, no output changes and nothing is recorded; a file's mode is kept")
    func allOrNothing() throws {
        let world = storedWorld(outputs: "  - {type: html, path: out/report.html}")
        let config = world.scratch.path + "/tutahi.yaml"
        #expect(try CLI.run(["run", "-c", config, "--as-of", "2026-01-31"]).status == 0)
        let json = world.scratch.path + "/out/scorecard.json"
        #expect(chmod(json, 0o600) == 0)
        let before = try String(contentsOfFile: json, encoding: .utf8)
        // The HTML output's path becomes a directory: the run fails after the JSON was written.
        try FileManager.default.removeItem(atPath: world.scratch.path + "/out/report.html")
        try FileManager.default.createDirectory(
            atPath: world.scratch.path + "/out/report.html", withIntermediateDirectories: true)
        let failed = try CLI.run(["run", "-c", config, "--as-of", "2026-02-28"])
        #expect(failed.status == 1 && failed.stderr.contains("report.html"))
        #expect(try String(contentsOfFile: json, encoding: .utf8) == before)
        #expect(try runs(world) == 1)
        // Put right, the next run replaces the JSON and keeps its mode.
        try FileManager.default.removeItem(atPath: world.scratch.path + "/out/report.html")
        #expect(try CLI.run(["run", "-c", config, "--as-of", "2026-02-28"]).status == 0)
        #expect(try String(contentsOfFile: json, encoding: .utf8) != before)
        var info = stat()
        #expect(stat(json, &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: world.scratch.path + "/out").allSatisfy {
            !$0.hasSuffix(".tmp")
        })
    }

    @Test("an output path that is a link is replaced by the file, never written through")
    func symlink() throws {
        let world = storedWorld()
        let victim = world.scratch.write("victim.txt", "precious\n")
        try FileManager.default.createDirectory(atPath: world.scratch.path + "/out", withIntermediateDirectories: true)
        #expect(Foundation.symlink(victim, world.scratch.path + "/out/scorecard.json") == 0)
        #expect(try CLI.run(["run", "-c", world.scratch.path + "/tutahi.yaml", "--as-of", "2026-01-31"]).status == 0)
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        var info = stat()
        #expect(lstat(world.scratch.path + "/out/scorecard.json", &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
    }

    @Test("two email outputs whose senders share a domain both queue their digests")
    func twoEmailOutputs() throws {
        let world = NotifyingWorld(outputs: """
              - type: email
                smtp: {host: 127.0.0.1, port: 9, timeout: 2s}
                from: "Tūtahi <tutahi@example.org>"
              - type: email
                smtp: {host: 127.0.0.1, port: 9, timeout: 2s}
                from: "Oversight <oversight@example.org>"
            """)
        let run = try world.run()
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try world.outbox().count == 4)  // two addresses hear something, from each output
    }

    @Test("a store truncated to 0 bytes is refused, not taken for a new one")
    func truncatedStore() throws {
        let world = storedWorld()
        let config = world.scratch.path + "/tutahi.yaml"
        #expect(try CLI.run(["run", "-c", config, "--as-of", "2026-01-31"]).status == 0)
        #expect(truncate(world.scratch.path + "/state/tutahi.sqlite", 0) == 0)
        let run = try CLI.run(["run", "-c", config, "--as-of", "2026-02-28"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("the file is empty (0 bytes)"))
        #expect(try CLI.run(["history", "-c", config]).stderr.contains("the file is empty (0 bytes)"))
    }

    @Test("a header of 100,000 columns is refused by its width; CR-only line ends never echo the rows")
    func headers() throws {
        let world = World(config: minimalIndicators)
        world.scratch.write("events.csv", (["id", "kind", "from", "to", "at"] + (0..<100_000).map { "c\($0)" })
            .joined(separator: ",") + "\n")
        let wide = try CLI.run(["validate", "-c", world.scratch.path + "/tutahi.yaml"])
        #expect(wide.status == 1)
        #expect(wide.stderr.contains("events.csv:1: the header has 100005 columns; at most 10000 are read"))
        world.scratch.write("events.csv", "id,kind,from,to,at\re1,hui,msd,iwi-1,2026-01-05\re2,hui,\u{1B}[31mevil,x,y\r")
        let carriage = try CLI.run(["validate", "-c", world.scratch.path + "/tutahi.yaml"])
        #expect(carriage.status == 1)
        #expect(carriage.stderr.contains("are the file's lines ended by CR alone?"))
        #expect(!carriage.stderr.contains("\u{1B}") && carriage.stderr.split(separator: "\n").count == 1)
    }

    @Test("history and outbox read a store the user may only read")
    func readOnlyStore() throws {
        let world = storedWorld()
        let config = world.scratch.path + "/tutahi.yaml"
        #expect(try CLI.run(["run", "-c", config, "--as-of", "2026-01-31"]).status == 0)
        // As a user who may only read the store (root may write anything, so become `nobody`).
        for path in [world.scratch.path, world.scratch.path + "/state"] { chmod(path, 0o755) }
        for file in try FileManager.default.contentsOfDirectory(atPath: world.scratch.path + "/state") {
            chmod(world.scratch.path + "/state/" + file, 0o644)
        }
        chmod(world.scratch.path + "/tutahi.yaml", 0o644)
        let prefix = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        for command in ["history", "outbox"] {
            let output = try CLI.runProgram(prefix + [CLI.binary, command, "-c", config])
            #expect(output.status == 0, "\(command): \(output.stderr)")
        }
    }

    @Test("an as-of before the last recorded run is refused with a pointer to --dry-run, which records and sends nothing")
    func backwardsAndDryRun() throws {
        let world = storedWorld()
        let config = world.scratch.path + "/tutahi.yaml"
        #expect(try CLI.run(["run", "-c", config, "--as-of", "2026-02-28"]).status == 0)
        let backwards = try CLI.run(["run", "-c", config, "--as-of", "2026-01-31"])
        #expect(backwards.status == 1)
        #expect(backwards.stderr.contains("history only moves forward") && backwards.stderr.contains("--dry-run"))
        let dry = try CLI.run(["run", "-c", config, "--as-of", "2026-01-31", "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        let written = try String(contentsOfFile: world.scratch.path + "/out/scorecard.json", encoding: .utf8)
        #expect(written.contains("\"as_of\": \"2026-02-01T00:00:00+13:00\""))
        #expect(try runs(world) == 1)
        let far = try CLI.run(["run", "-c", config, "--as-of", "2024-06-30", "--dry-run"])
        #expect(far.status == 0)
        #expect(far.stderr.contains("tutahi: warning: as-of 2024-07-01T00:00:00+12:00 is outside the data"))
    }
}
