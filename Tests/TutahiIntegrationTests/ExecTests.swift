import Foundation
import Testing
import TutahiTestSupport
import TutahiCore
import TutahiPluginAPI

@Suite("exec plugin")
struct ExecTests {
    func check(script: String, extra: String = "") async throws -> Scorecard {
        let world = World(
            config: """
                dimensions: {voice: {}}
                indicators:
                  - {id: ext, plugin: exec, dimension: voice, command: [python3, plugin.py], flavour: kawakawa\(extra.isEmpty ? ", timeout: 120s" : extra)}
                  - {id: contact, plugin: engagement, dimension: voice, kinds: [hui], target: 1}
                """,
            interactions: """
                h1,hui,msd,iwi-1,2026-03-01,,,,in person
                h2,hui,msd,com-1,2025-01-01,,,,online

                """)
        world.scratch.write("plugin.py", script)
        return try await world.check(asOf: "2026-03-31")
    }

    @Test("the request carries the config, window and in-window data; the reply becomes results")
    func protocolRoundTrip() async throws {
        let card = try await check(script: """
            import json, sys
            req = json.load(sys.stdin)
            assert req["protocol"] == "tutahi.plugin/1"
            assert req["indicator"]["flavour"] == "kawakawa"
            assert req["as_of"] == "2026-04-01T00:00:00+13:00", req["as_of"]
            assert req["window"]["start"] == "2025-04-01T00:00:00+13:00", req["window"]
            out = []
            for r in req["relationships"]:
                n = len(r["interactions"])
                if n:
                    out.append({"agency": r["agency"]["id"], "partner": r["partner"]["id"],
                                "value": n, "score": 80, "n": n, "detail": {"kinds": [e["kind"] for e in r["interactions"]]}})
            json.dump({"results": out}, sys.stdout)
            """)
        let iwi = try #require(card.relationship("msd", "iwi-1")?.indicator("ext"))
        #expect(iwi.score == 80)
        #expect(iwi.n == 1)
        #expect(iwi.status == .green)
        #expect(iwi.detail.first?.1 == .array([.string("hui")]))
        // com-1's only hui is outside the window: the plugin leaves it out, so it is no data.
        #expect(card.relationship("msd", "com-1")?.indicator("ext")?.status == .noData)
    }

    @Test("a failing program marks the indicator error for every relationship; the rest goes on", arguments: [
        ("import sys; sys.exit(3)", "exited with status 3"),
        ("import os, signal; os.kill(os.getpid(), signal.SIGKILL)", "killed by signal 9"),
        ("print('not json')", "not a JSON object"),
        ("import json; json.dump({'results': [{'agency': 'msd', 'partner': 'iwi-1', 'score': 120, 'n': 1}]}, open(1, 'w'))", "outside 0–100"),
        ("import json; json.dump({'results': [{'agency': 'msd', 'partner': 'nobody', 'score': 1, 'n': 1}]}, open(1, 'w'))", "unknown relationship"),
        ("import time; time.sleep(30)", "timeout"),
    ])
    func failures(_ script: String, _ reason: String) async throws {
        // Only the program that sleeps needs a short limit; the others get a generous one, so a busy
        // machine never turns their failure into a timeout.
        let card = try await check(script: script, extra: reason == "timeout" ? ", timeout: 1s" : ", timeout: 120s")
        for relationship in card.relationships {
            let ext = try #require(relationship.indicator("ext"))
            #expect(ext.status == .error)
            #expect(ext.score == nil)
            #expect(ext.error?.contains(reason) == true, "\(ext.error ?? "")")
            #expect(relationship.indicator("contact")?.status != .error)
        }
    }

    @Test("a large reply written slowly in pieces is read whole")
    func largeSlowReply() async throws {
        let card = try await check(script: """
            import json, sys, time
            req = json.load(sys.stdin)
            out = [{"agency": r["agency"]["id"], "partner": r["partner"]["id"], "value": 1, "score": 50, "n": 1,
                    "detail": {"padding": "x" * 400000}} for r in req["relationships"]]
            text = json.dumps({"results": out})
            for i in range(0, len(text), 65536):
                sys.stdout.write(text[i:i + 65536])
                sys.stdout.flush()
                time.sleep(0.02)
            """)
        #expect(card.relationships.count == 2)
        for relationship in card.relationships {
            #expect(relationship.indicator("ext")?.score == 50)
        }
    }

    @Test("the program gets standard input, output and error and no other descriptor of ours")
    func noInheritedDescriptors() async throws {
        // A descriptor without close-on-exec, as a parent process may hand us.
        let leaked = open("/dev/null", O_RDONLY)
        defer { close(leaked) }
        #expect(leaked > 2)
        let card = try await check(script: """
            import json, os, sys
            json.load(sys.stdin)
            def is_open(fd):
                try:
                    os.fstat(fd)
                    return True
                except OSError:
                    return False
            # The listing's own descriptor is closed again by the time is_open asks.
            others = [int(fd) for fd in os.listdir("/proc/self/fd") if int(fd) > 2 and is_open(int(fd))]
            json.dump({"results": [{"agency": "msd", "partner": "iwi-1", "value": len(others), "score": 50, "n": 1,
                                    "detail": {"fds": others}}]}, sys.stdout)
            """)
        let result = try #require(card.relationship("msd", "iwi-1")?.indicator("ext"))
        #expect(result.value == 0, "\(result.detail)")
    }
}
