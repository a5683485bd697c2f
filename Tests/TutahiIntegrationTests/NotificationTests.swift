import Foundation
import GRDB
import Testing
import TutahiTestSupport

/// A world with a store and alerts: msd–com-1 has no hui (critical and warning), tpk–iwi-1 one of
/// two (warning only).
struct NotifyingWorld {
    let world: World

    init(outputs: String) {
        world = World(
            config: """
                store: state/tutahi.sqlite
                dimensions: {voice: {}}
                indicators:
                  - {id: contact, plugin: engagement, dimension: voice, kinds: [hui], target: 2, window: 30d}
                alerts:
                  - {id: low_contact, when: contact < 100, severity: warning, message: "{partner_name}: contact {contact}"}
                  - {id: no_contact, when: contact == 0, severity: critical, message: "No hui with {partner_name}"}
                recipients:
                  - {agency: msd, email: [relationships@msd.example], min_severity: warning}
                  - {agency: "*", email: [oversight@example.org], min_severity: critical}
                  - {agency: tpk, email: [tpk@example.org], min_severity: critical}
                outputs:
                \(outputs)
                """,
            interactions: """
                h1,hui,msd,com-1,2026-01-05,,,,
                h2,hui,tpk,iwi-1,2026-03-20,,,,

                """)
        world.scratch.write("parties.csv", """
            id,name,kind,region,tags
            msd,Ministry of Social Development,agency,,
            tpk,Te Puni Kōkiri,agency,,
            iwi-1,Ngāti Hine,iwi,,
            com-1,Ngā Kaitiaki o Te Awa,community,,

            """)
    }

    var config: String { world.scratch.path + "/tutahi.yaml" }

    func run(asOf: String = "2026-03-31", environment: [String: String] = [:]) throws -> CLI.Output {
        try CLI.run(["run", "-c", config, "--as-of", asOf], environment: environment)
    }

    /// Makes every waiting message due now, as if its backoff had passed.
    func makeRetriesDue() throws {
        let database = try DatabaseQueue(path: world.scratch.path + "/state/tutahi.sqlite")
        try database.write { db in try db.execute(sql: "UPDATE outbox SET next_attempt_at = 0") }
    }

    func outbox() throws -> [(destination: String, attempts: Int, delivered: Bool, error: String?)] {
        let database = try DatabaseQueue(path: world.scratch.path + "/state/tutahi.sqlite")
        return try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY id").map {
                ($0["destination"], $0["attempts"], ($0["delivered_at"] as Int64?) != nil, $0["last_error"])
            }
        }
    }
}

@Suite("Notifications: email and webhook against real servers", .serialized)
struct NotificationTests {
    static func email(port: Int, extra: String = "") -> String {
        """
          - type: email
            smtp: {host: 127.0.0.1, port: \(port), username: tutahi, password: "${SMTP_PASSWORD}", timeout: 60s\(extra)}
            from: "Tūtahi <tutahi@example.org>"
        """
    }

    @Test("one digest per address, routed by agency and by '*' with min_severity; headers arrive intact")
    func digests() throws {
        let server = try TestServer("smtp_server.py", arguments: ["--auth", "tutahi:kawakawa"])
        let world = NotifyingWorld(outputs: Self.email(port: server.port))
        let output = try world.run(environment: ["SMTP_PASSWORD": "kawakawa"])
        #expect(output.status == 0, "\(output.stderr)")
        let messages = server.records(in: "messages")
        #expect(messages.count == 2)  // tpk@example.org hears only critical alerts, and tpk has none
        let byAddress = Dictionary(uniqueKeysWithValues: messages.map { (($0["rcpt_tos"] as? [String])?.first ?? "", $0) })
        #expect(Set(byAddress.keys) == ["relationships@msd.example", "oversight@example.org"])

        let msd = try #require(byAddress["relationships@msd.example"])
        let headers = try #require(msd["headers"] as? [String: String])
        #expect(msd["auth"] as? [String] == ["PLAIN", "tutahi"])
        #expect(msd["mail_from"] as? String == "tutahi@example.org")
        #expect(msd["content_type"] as? String == "multipart/alternative")
        #expect(headers["From"] == "Tūtahi <tutahi@example.org>")
        #expect(headers["To"] == "relationships@msd.example")
        #expect(headers["Subject"] == "Tūtahi alerts as of 1 April 2026: 2 new, 0 still firing, 0 resolved")
        #expect((msd["raw_subject"] as? String)?.hasPrefix("=?UTF-8?B?") == true)  // encoded on the wire
        #expect(headers["Message-ID"]?.hasSuffix("@example.org>") == true)
        #expect(headers["Date"]?.hasSuffix("+0000") == true)
        let parts = try #require(msd["parts"] as? [[String: String]])
        #expect(parts.map { $0["type"] } == ["text/plain", "text/html"])
        let text = parts[0]["text"] ?? ""
        // Most severe first: the critical alert before the warning.
        let critical = try #require(text.range(of: "[CRITICAL] new: Ministry of Social Development – Ngā Kaitiaki o Te Awa"))
        let warning = try #require(text.range(of: "[WARNING] new: Ministry of Social Development – Ngā Kaitiaki o Te Awa"))
        #expect(critical.lowerBound < warning.lowerBound)
        #expect(text.contains("No hui with Ngā Kaitiaki o Te Awa"))
        #expect(!text.contains("Ngāti Hine"))  // tpk's alert is not msd's
        #expect(parts[1]["text"]?.contains("<td style=\"border-bottom: 1px solid #d5dae1; padding: 6px;\">Ngā Kaitiaki o Te Awa</td>") == true)

        let oversight = try #require(byAddress["oversight@example.org"])
        let oversightText = (oversight["parts"] as? [[String: String]])?.first?["text"] ?? ""
        #expect(oversightText.contains("[CRITICAL] new"))
        #expect(!oversightText.contains("[WARNING]"))
        #expect(try world.outbox().allSatisfy { $0.delivered && $0.attempts == 1 })
    }

    @Test("a resolved alert says so with the value now; report_url is linked from both parts of the digest")
    func resolvedWithValueNow() throws {
        let server = try TestServer("smtp_server.py", arguments: ["--auth", "tutahi:kawakawa"])
        let world = NotifyingWorld(
            outputs: Self.email(port: server.port) + "\n    report_url: https://relationships.example.org/report.html")
        world.world.scratch.write("events.csv", """
            id,kind,from,to,at,ref,due,mode,channel
            h1,hui,msd,com-1,2026-01-05,,,,
            h2,hui,tpk,iwi-1,2026-03-20,,,,
            h3,hui,msd,com-1,2026-04-05,,,,
            h4,hui,com-1,msd,2026-04-06,,,,

            """)
        #expect(try world.run(asOf: "2026-03-31", environment: ["SMTP_PASSWORD": "kawakawa"]).status == 0)
        #expect(try world.run(asOf: "2026-04-10", environment: ["SMTP_PASSWORD": "kawakawa"]).status == 0)
        let messages = server.records(in: "messages").filter { ($0["rcpt_tos"] as? [String]) == ["relationships@msd.example"] }
        #expect(messages.count == 2)
        let parts = try #require(messages.last?["parts"] as? [[String: String]])
        let text = parts[0]["text"] ?? ""
        // While it fired, contact was 0; two hui since make it 100.
        #expect(text.contains("[WARNING] resolved: Ministry of Social Development – Ngā Kaitiaki o Te Awa\n    Ngā Kaitiaki o Te Awa: contact 100\n"))
        #expect(text.contains("The full report, with what counts against each score: https://relationships.example.org/report.html"))
        #expect(parts[1]["text"]?.contains("<a href=\"https://relationships.example.org/report.html\">Read the full report</a>") == true)
    }

    @Test("AUTH LOGIN when the server offers no PLAIN; a wrong password is refused and the digest waits")
    func authLogin() throws {
        let loginOnly = try TestServer("smtp_server.py", arguments: ["--auth", "tutahi:kawakawa", "--login-only"])
        let world = NotifyingWorld(outputs: Self.email(port: loginOnly.port))
        #expect(try world.run(environment: ["SMTP_PASSWORD": "kawakawa"]).status == 0)
        #expect(loginOnly.records(in: "messages").map { $0["auth"] as? [String] } == [["LOGIN", "tutahi"], ["LOGIN", "tutahi"]])

        let server = try TestServer("smtp_server.py", arguments: ["--auth", "tutahi:kawakawa"])
        let wrong = NotifyingWorld(outputs: Self.email(port: server.port))
        #expect(try wrong.run(environment: ["SMTP_PASSWORD": "harakeke"]).status == 0)
        #expect(server.records(in: "messages").isEmpty)
        let outbox = try wrong.outbox()
        #expect(outbox.allSatisfy { !$0.delivered && ($0.error ?? "").contains("answered 535") }, "\(outbox)")
        #expect(outbox.allSatisfy { !($0.error ?? "").contains("harakeke") })
    }

    @Test("STARTTLS: the digest goes over TLS, checked against the configured CA, then AUTH")
    func startTLS() throws {
        let keys = Scratch()
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        openssl.arguments = [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
            "-addext", "subjectAltName=DNS:localhost", "-keyout", keys.path + "/key.pem", "-out", keys.path + "/cert.pem",
        ]
        openssl.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try openssl.run()
        openssl.waitUntilExit()
        #expect(openssl.terminationStatus == 0)
        let server = try TestServer(
            "smtp_server.py", arguments: ["--auth", "tutahi:kawakawa", "--tls", keys.path + "/cert.pem", keys.path + "/key.pem"])
        let world = NotifyingWorld(outputs: """
              - type: email
                smtp: {host: localhost, port: \(server.port), starttls: true, ca_file: \(keys.path)/cert.pem,
                       username: tutahi, password: "${SMTP_PASSWORD}", timeout: 60s}
                from: "Tūtahi <tutahi@example.org>"
            """)
        #expect(try world.run(environment: ["SMTP_PASSWORD": "kawakawa"]).status == 0)
        let messages = server.records(in: "messages")
        #expect(messages.count == 2, "\((try? world.outbox()) ?? [])")
        #expect(messages.allSatisfy { $0["tls"] as? Bool == true && $0["auth"] as? [String] == ["PLAIN", "tutahi"] })

        // Without the CA the server's certificate is not trusted: nothing is sent, the digests wait.
        let untrusting = NotifyingWorld(outputs: """
              - type: email
                smtp: {host: localhost, port: \(server.port), starttls: true, username: tutahi, password: kawakawa, timeout: 60s}
                from: "Tūtahi <tutahi@example.org>"
            """)
        #expect(try untrusting.run().status == 0)
        #expect(server.records(in: "messages").count == 2)
        #expect(try untrusting.outbox().allSatisfy { !$0.delivered })
    }

    @Test("server down on the first run and up on the second: each digest delivered exactly once; no changes, no mail")
    func downThenUp() throws {
        let port = TestServer.freePort()
        let world = NotifyingWorld(outputs: Self.email(port: port))
        let first = try world.run(environment: ["SMTP_PASSWORD": "kawakawa"])
        #expect(first.status == 0, "a run does not fail because a server is down: \(first.stderr)")
        let waiting = try world.outbox()
        #expect(waiting.count == 2)
        #expect(waiting.allSatisfy { !$0.delivered && $0.attempts == 1 && ($0.error ?? "").contains("cannot connect") })
        let listing = try CLI.run(["outbox", "-c", world.config], environment: ["SMTP_PASSWORD": "kawakawa"])
        #expect(listing.stdout.contains("relationships@msd.example"))
        #expect(listing.stdout.contains("cannot connect to 127.0.0.1:\(port)"))

        let server = try TestServer("smtp_server.py", port: port, arguments: ["--auth", "tutahi:kawakawa"])
        try world.makeRetriesDue()
        // The same as-of again: nothing has changed, so this run adds no message; it delivers the waiting two.
        #expect(try world.run(environment: ["SMTP_PASSWORD": "kawakawa"]).status == 0)
        #expect(server.records(in: "messages").count == 2)
        // The Message-IDs are the ones composed by the first run, kept across the retry.
        let ids = server.records(in: "messages").compactMap { ($0["headers"] as? [String: String])?["Message-ID"] }
        let queued = try DatabaseQueue(path: world.world.scratch.path + "/state/tutahi.sqlite").read { db in
            try String.fetchAll(db, sql: "SELECT message_id FROM outbox WHERE run_id = 1")
        }
        #expect(Set(ids).count == 2 && Set(ids) == Set(queued))
        #expect(try world.outbox().allSatisfy { $0.delivered })
        // And again: nothing new, nothing re-sent.
        try world.makeRetriesDue()
        #expect(try world.run(environment: ["SMTP_PASSWORD": "kawakawa"]).status == 0)
        #expect(server.records(in: "messages").count == 2)
        #expect(try CLI.run(["outbox", "-c", world.config], environment: ["SMTP_PASSWORD": "kawakawa"]).stdout
            .contains("Nothing is waiting"))
    }

    @Test("an SMTP server that accepts the connection and never answers: the run ends, the digest waits")
    func silentServer() throws {
        let server = try TestServer("smtp_server.py", arguments: ["--hang"])
        let world = NotifyingWorld(outputs: Self.email(port: server.port).replacingOccurrences(of: "timeout: 60s", with: "timeout: 2s"))
        let output = try world.run(environment: ["SMTP_PASSWORD": "kawakawa"])
        #expect(output.status == 0, "\(output.stderr)")
        let outbox = try world.outbox()
        #expect(outbox.count == 2)
        #expect(outbox.allSatisfy { !$0.delivered && ($0.error ?? "").contains("did not finish within 2") }, "\(outbox)")
    }

    @Test("webhook: 500 then 200 delivers once, with the secret header and the documented JSON")
    func webhook() throws {
        let server = try TestServer("http_server.py", arguments: ["fail-then-ok"])
        let world = NotifyingWorld(outputs: """
              - type: webhook
                url: http://127.0.0.1:\(server.port)/alerts
                headers: {Authorization: "Bearer ${HOOK_TOKEN}"}
            """)
        #expect(try world.run(environment: ["HOOK_TOKEN": "s3cret"]).status == 0)
        var outbox = try world.outbox()
        #expect(outbox.count == 1 && !outbox[0].delivered && outbox[0].error == "127.0.0.1 answered HTTP 500")
        let retried = try CLI.run(["outbox", "-c", world.config, "--retry"], environment: ["HOOK_TOKEN": "s3cret"])
        #expect(retried.stdout.contains("1 delivered, 0 still waiting"), "\(retried.stdout) \(retried.stderr)")
        outbox = try world.outbox()
        #expect(outbox[0].delivered && outbox[0].attempts == 2)
        let requests = server.records(in: "requests")
        #expect(requests.count == 2)
        #expect(requests[0]["body"] as? String == requests[1]["body"] as? String)
        let headers = try #require(requests[1]["headers"] as? [String: String])
        #expect(headers["Authorization"] == "Bearer s3cret")
        #expect(headers["Content-Type"] == "application/json")
        #expect(requests[1]["path"] as? String == "/alerts")
        let body = try #require((requests[1]["body"] as? String).flatMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        })
        #expect(body["schema"] as? String == "tutahi.alerts/1")
        #expect(body["as_of"] as? String == "2026-04-01T00:00:00+13:00")
        let changes = try #require(body["changes"] as? [[String: String]])
        #expect(changes.map { "\($0["severity"]!) \($0["rule"]!) \($0["agency"]!)/\($0["partner"]!) \($0["state"]!)" } == [
            "critical no_contact msd/com-1 firing", "warning low_contact msd/com-1 firing",
            "warning low_contact tpk/iwi-1 firing",
        ])
        #expect(changes[0]["message"] == "No hui with Ngā Kaitiaki o Te Awa")
        #expect(changes[0]["since"] == "2026-04-01T00:00:00+13:00")
        // The secret never reaches the store.
        let store = try String(decoding: Data(contentsOf: URL(fileURLWithPath: world.world.scratch.path + "/state/tutahi.sqlite")), as: UTF8.self)
        #expect(!store.contains("s3cret"))
    }

    @Test("serve wakes for a due retry between checks and delivers it")
    func serveRetries() throws {
        let port = TestServer.freePort()
        let world = NotifyingWorld(outputs: """
              - {type: webhook, url: "http://127.0.0.1:\(port)/alerts"}
            schedules: [{id: weekly, cron: "0 7 * * 1"}]
            """)
        let first = try world.run()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try world.outbox().map(\.delivered) == [false])
        let server = try TestServer("http_server.py", port: port, arguments: ["ok"])
        // Due in two seconds rather than thirty.
        let database = try DatabaseQueue(path: world.world.scratch.path + "/state/tutahi.sqlite")
        let soon = (Int64(Date().timeIntervalSince1970) + 2) * 1_000_000_000
        try database.write { db in try db.execute(sql: "UPDATE outbox SET next_attempt_at = ?", arguments: [soon]) }
        let serve = try RunningProcess(["serve", "-c", world.config])
        #expect(Wait.until(limit: 60) { (try? world.outbox().map(\.delivered)) == [true] }, "\(serve.stderr)")
        serve.send(SIGTERM)
        #expect(serve.waitForExit() == 0)
        #expect(server.records(in: "requests").count == 1)
        #expect(serve.stderr.contains("notification delivered"))
    }

    @Test("a webhook that never answers times out; the run still exits 0")
    func silentWebhook() throws {
        let server = try TestServer("http_server.py", arguments: ["hang"])
        let world = NotifyingWorld(outputs: """
              - {type: webhook, url: "http://127.0.0.1:\(server.port)/alerts", timeout: 1s}
            """)
        #expect(try world.run().status == 0)
        #expect(try world.outbox().first?.error?.contains("did not finish within 1") == true)
    }

    @Test("a recipient address that could break a mail header is a config error at its position")
    func badAddresses() throws {
        #expect(problems(minimalConfig + """

            recipients:
              - {agency: msd, email: ["ops@msd.example", "bad address@x", "a@b.example\\nBcc: x@y.example"]}
              - {agency: "*", email: not-an-address}
            """) == [
            "12:46: expected an email address such as `relationships@msd.example`, found `bad address@x`",
            "12:63: expected an email address such as `relationships@msd.example`, found `a@b.example\nBcc: x@y.example`",
            "13:26: expected an email address such as `relationships@msd.example`, found `not-an-address`",
        ])
    }

    @Test("notification outputs without a store are refused by validate, at their position")
    func needsStore() throws {
        let scratch = Scratch()
        scratch.write("parties.csv", "id,name,kind\nmsd,MSD,agency\n")
        let path = scratch.write("t.yaml", minimalConfig + """

            outputs:
              - {type: webhook, url: "http://127.0.0.1:9/x"}
            """)
        let output = try CLI.run(["validate", "-c", path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("t.yaml:12:12: `webhook` sends through the store's outbox, so it needs `store:`"), "\(output.stderr)")
    }
}
