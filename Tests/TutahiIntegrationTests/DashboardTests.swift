import Foundation
import Testing
import TutahiCore
import TutahiPluginAPI
import TutahiStore
import TutahiTestSupport

/// `serve` with `http:`: every route for every kind of viewer, over real HTTP.
@Suite("The live dashboard", .serialized, .timeLimit(.minutes(20)))
struct DashboardTests {
    typealias Asker = DashboardWorld.Asker

    static let pages = ["/", "/alerts", "/agencies/msd", "/agencies/tpk"]
        + DashboardWorld.relationships.map { "/relationships/\($0.0)/\($0.1)" }
    static let missingPages = ["/agencies/nobody", "/relationships/msd/com-2", "/no/such/page"]
    static let explains = DashboardWorld.relationships.map { "/api/v1/explain/\($0.0)/\($0.1)" }
    static let missingAPI = ["/api/v1/explain/msd/com-2", "/api/v1/nothing"]

    /// True when `asker` may see what `path` shows.
    static func allowed(_ path: String, for asker: Asker) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        let visible = DashboardWorld.visible(to: asker)
        if parts.first == "agencies" { return visible.contains { $0.0 == parts[1] } }
        if parts.first == "relationships" { return visible.contains { $0.0 == parts[1] && $0.1 == parts[2] } }
        if parts.starts(with: ["api", "v1", "explain"]) { return visible.contains { $0.0 == parts[3] && $0.1 == parts[4] } }
        return asker != .none && asker != .wrong
    }

    @Test("every route × every viewer: exactly what each may see, 404 as for nothing, nothing of another's", arguments: Asker.allCases)
    func matrix(_ asker: Asker) async throws {
        let world = try DashboardWorld()
        let (serve, base) = try world.serve()
        defer {
            serve.send(SIGTERM)
            _ = serve.waitForExit()
        }
        let headers = DashboardWorld.headers(for: asker)
        let forbidden = DashboardWorld.forbidden(to: asker)
        let signedOut = asker == .none || asker == .wrong
        var bodies: [String: String] = [:]
        for path in Self.pages + Self.missingPages + ["/api/v1/scorecard", "/metrics"] + Self.explains + Self.missingAPI {
            let reply = try await HTTPProbe.get(base + path, headers: headers)
            bodies[path] = reply.body
            let isAPI = path.hasPrefix("/api/") || path == "/metrics"
            if signedOut {
                if isAPI {
                    #expect(reply.status == 401, "\(asker) \(path)")
                    #expect(reply.header("WWW-Authenticate") == "Bearer realm=\"tutahi\"", "\(asker) \(path)")
                } else {
                    #expect(reply.status == 303 && reply.header("Location") == "/sign-in", "\(asker) \(path): \(reply.status)")
                }
                #expect(!reply.body.contains("Ngāti") && !reply.body.contains("msd"), "\(asker) \(path) shows data")
                continue
            }
            let exists = !Self.missingPages.contains(path) && !Self.missingAPI.contains(path)
            let expected = path == "/metrics" ? (asker == .all ? 200 : 404) : (exists && Self.allowed(path, for: asker) ? 200 : 404)
            #expect(reply.status == expected, "\(asker) \(path): \(reply.status)")
            for word in forbidden {
                #expect(!reply.body.contains(word), "\(asker) \(path) shows `\(word)`")
            }
            #expect(reply.header("Content-Security-Policy")?.contains("default-src 'none'") == true, "\(path)")
            #expect(reply.header("Cache-Control") == "no-store", "\(path)")
            if !isAPI, reply.status == 200 {
                #expect(!reply.body.contains("<script"), "\(path) has a script")
                for (agency, partner) in DashboardWorld.visible(to: asker) where path == "/relationships/\(agency)/\(partner)" {
                    #expect(reply.body.contains(DashboardWorld.names[partner] ?? "?"), "\(path)")
                    #expect(reply.body.contains("What makes up the score") && reply.body.contains("Evidence"), "\(path)")
                }
            }
        }
        guard !signedOut else { return }
        // A page or answer the viewer may not see is byte for byte the one for what does not exist.
        for path in Self.pages where !Self.allowed(path, for: asker) {
            #expect(bodies[path] == bodies["/agencies/nobody"], "\(asker) \(path) differs from a missing page")
        }
        for path in Self.explains where !Self.allowed(path, for: asker) {
            #expect(bodies[path] == bodies["/api/v1/explain/msd/com-2"], "\(asker) \(path) differs from a missing one")
        }

        // The scorecard holds exactly the viewer's relationships, its agencies' roll-ups, and their alerts.
        let scorecard = try #require(try JSONSerialization.jsonObject(with: Data((bodies["/api/v1/scorecard"] ?? "").utf8)) as? [String: Any])
        #expect(scorecard["schema"] as? String == "tutahi.scorecard/1")
        let relationships = (scorecard["relationships"] as? [[String: Any]] ?? []).map { "\($0["agency"] ?? "")/\($0["partner"] ?? "")" }
        #expect(relationships == DashboardWorld.visible(to: asker).map { "\($0.0)/\($0.1)" }.sorted())
        let agencies = (scorecard["agencies"] as? [[String: Any]] ?? []).compactMap { $0["agency"] as? String }
        #expect(agencies == [.all: ["msd", "tpk"], .agency: ["msd"], .partner: []][asker])
        let alerts = (scorecard["alerts"] as? [[String: Any]] ?? []).map { "\($0["agency"] ?? "")/\($0["partner"] ?? "")" }
        #expect(Set(alerts).isSubset(of: Set(relationships)))
        #expect(alerts.contains("tpk/com-2") == (asker == .all), "contact 0 between tpk and com-2 fires for those who see it")

        // Each explanation is `tutahi explain`'s, compared with the previous run.
        for (agency, partner) in DashboardWorld.visible(to: asker) {
            let cli = try CLI.run(
                ["explain", "-c", world.config, "--as-of", "2026-03-10", "--compare-to", "2026-03-01", "--format", "json",
                 "--limit", "50", agency, partner], environment: world.environment)
            let fromCLI = try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? NSDictionary
            let fromAPI = try JSONSerialization.jsonObject(with: Data((bodies["/api/v1/explain/\(agency)/\(partner)"] ?? "").utf8)) as? NSDictionary
            #expect(fromAPI != nil && fromAPI == fromCLI, "\(agency)/\(partner): \(bodies["/api/v1/explain/\(agency)/\(partner)"] ?? "")")
        }
    }

    @Test("/metrics parses with prometheus-client's parser and matches the scorecard")
    func metrics() async throws {
        let world = try DashboardWorld()
        let (serve, base) = try world.serve()
        defer {
            serve.send(SIGTERM)
            _ = serve.waitForExit()
        }
        let headers = DashboardWorld.headers(for: .all)
        let text = try await HTTPProbe.get(base + "/metrics", headers: headers)
        #expect(text.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let parsed = try ReferenceScript.run("metrics_parse.py", input: text.body, installedBy: "prometheus-client")
        let samples = try #require(try JSONSerialization.jsonObject(with: parsed) as? [[String: Any]])
        func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
            samples.first { $0["name"] as? String == name && ($0["labels"] as? [String: String] ?? [:]) == labels }?["value"] as? Double
        }
        let scorecard = try JSONSerialization.jsonObject(
            with: Data(try await HTTPProbe.get(base + "/api/v1/scorecard", headers: headers).body.utf8)) as? [String: Any]
        for relationship in scorecard?["relationships"] as? [[String: Any]] ?? [] {
            let labels = ["agency": relationship["agency"] as? String ?? "", "partner": relationship["partner"] as? String ?? ""]
            let overall = (relationship["overall"] as? [String: Any])?["score"] as? Double
            #expect(value("tutahi_relationship_score", labels.merging(["dimension": "overall"]) { a, _ in a }) == overall, "\(labels)")
            for (dimension, result) in relationship["dimensions"] as? [String: [String: Any]] ?? [:] {
                #expect(
                    value("tutahi_relationship_score", labels.merging(["dimension": dimension]) { a, _ in a }) == result["score"] as? Double,
                    "\(labels) \(dimension)")
            }
        }
        // tpk–com-2 had no hui in the 30 days before 10 March: one warning fires.
        #expect(value("tutahi_alerts", ["state": "firing", "severity": "warning"]) == 1)
        #expect(value("tutahi_alerts", ["state": "pending", "severity": "critical"]) == 0)
        #expect(value("tutahi_outbox_pending") == 0)
        #expect(value("tutahi_rows_rejected") == 0)
        #expect(value("tutahi_relationships") == 4)
        let finished = try #require(value("tutahi_last_run_timestamp_seconds"))
        #expect(abs(finished - Date().timeIntervalSince1970) < 3600, "the last run finished within the hour: \(finished)")
        #expect((value("tutahi_run_duration_seconds") ?? -1) >= 0)
        #expect(samples.contains { $0["name"] as? String == "tutahi_relationship_score" && ($0["help"] as? String ?? "").contains("0 to 100") })
    }

    @Test("a browser signs in with its token: an HttpOnly, SameSite=Strict cookie; signing out ends it")
    func signIn() async throws {
        let world = try DashboardWorld()
        let (serve, base) = try world.serve()
        defer {
            serve.send(SIGTERM)
            _ = serve.waitForExit()
        }
        let refused = try await HTTPProbe.post(base + "/sign-in", form: "token=not-a-real-token-at-all")
        #expect(refused.status == 401 && refused.body.contains("That token is not known"))
        #expect(refused.header("Set-Cookie") == nil)
        let token = DashboardWorld.tokens[.partner] ?? ""
        let accepted = try await HTTPProbe.post(base + "/sign-in", form: "token=\(token)")
        #expect(accepted.status == 303 && accepted.header("Location") == "/")
        let cookie = try #require(accepted.header("Set-Cookie"))
        #expect(cookie.hasPrefix("tutahi_session=") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
        #expect(!cookie.contains(token))
        let session = String(cookie.prefix { $0 != ";" })
        let overview = try await HTTPProbe.get(base + "/", headers: ["Cookie": session])
        #expect(overview.status == 200 && overview.body.contains("Ngāti Hine") && overview.body.contains("signed in as ngati-hine"))
        #expect(!overview.body.contains("Community One"))
        let out = try await HTTPProbe.post(base + "/sign-out", form: "", headers: ["Cookie": session])
        #expect(out.status == 303)
        let after = try await HTTPProbe.get(base + "/", headers: ["Cookie": session])
        #expect(after.status == 303 && after.header("Location") == "/sign-in")
        // The token never reaches the log or the store.
        #expect(!serve.stderr.contains(token))
        let store = try Data(contentsOf: URL(fileURLWithPath: world.world.scratch.path + "/state/tutahi.sqlite"))
        #expect(store.range(of: Data(token.utf8)) == nil)
    }

    @Test("pages are read while a check runs: every answer whole, the old run until the new one is recorded")
    func pagesDuringACheck() async throws {
        let world = try DashboardWorld(schedule: "* * * * *", dataDays: 60)
        let (serve, base) = try world.serve()
        defer {
            serve.send(SIGTERM)
            _ = serve.waitForExit()
        }
        let headers = DashboardWorld.headers(for: .all)
        #expect(Wait.until(limit: 180) { serve.stderr.contains("check started") }, "\(serve.stderr)")
        var runs: [String] = []
        var whole = true
        while !serve.stderr.contains("dashboard shows run") || runs.isEmpty || runs.last == "Run 2" {
            let page = try await HTTPProbe.get(base + "/", headers: headers)
            whole = whole && page.status == 200 && page.body.hasSuffix("</html>\n")
            if let range = page.body.range(of: #"Run \d+"#, options: .regularExpression) { runs.append(String(page.body[range])) }
            if runs.count > 10_000 || serve.stderr.contains("check failed") { break }
        }
        #expect(whole)
        #expect(runs.first == "Run 2", "the run recorded before serve started: \(runs.prefix(3))")
        #expect(runs.last == "Run 3")
        #expect(Set(runs).isSubset(of: ["Run 2", "Run 3"]))
        #expect(runs.firstIndex(of: "Run 3").map { runs[$0...].allSatisfy { $0 == "Run 3" } } == true, "never back to the old run")
        let health = try await HTTPProbe.get(base + "/healthz")
        #expect(health.status == 200 && health.body == "ok\n")
    }
}

/// The pages as people see them: headless Chromium signs in through the form, reads every page the
/// viewer may see and some it may not, on a desktop and a phone.
@Suite("The live dashboard in a browser", .serialized, .timeLimit(.minutes(20)))
struct DashboardBrowserTests {
    typealias Asker = DashboardWorld.Asker

    @Test(
        "each viewer sees all of its own in Chromium and nothing else; nothing fetched from elsewhere; no overflow on a phone",
        arguments: [Asker.all, .agency, .partner], [1280, 390])
    func pages(_ asker: Asker, width: Int) async throws {
        let world = try DashboardWorld()
        let (serve, base) = try world.serve()
        defer {
            serve.send(SIGTERM)
            _ = serve.waitForExit()
        }
        let visible = DashboardWorld.visible(to: asker)
        let paths = ["/", "/alerts", "/agencies/msd", "/agencies/tpk"]
            + DashboardWorld.relationships.map { "/relationships/\($0.0)/\($0.1)" }
        let out = Scratch().path + "/browser"
        _ = try ReferenceScript.run(
            "dashboard_browser.py", [base, DashboardWorld.tokens[asker] ?? "", out, "\(width)"] + paths,
            installedBy: "websocket-client and chromium")
        let pages = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))) as? [[String: Any]])
        #expect(pages.count == paths.count)
        let origin = base + "/"
        for page in pages {
            let path = page["path"] as? String ?? ""
            let text = page["text"] as? String ?? ""
            let status = page["status"] as? Int ?? 0
            let parts = path.split(separator: "/").map(String.init)
            let allowed: Bool
            switch parts.first {
            case "agencies": allowed = visible.contains { $0.0 == parts[1] }
            case "relationships": allowed = visible.contains { $0.0 == parts[1] && $0.1 == parts[2] }
            default: allowed = true
            }
            #expect(status == (allowed ? 200 : 404), "\(asker) \(path)")
            #expect(text.contains("signed in as"), "\(asker) \(path): the session cookie carried the sign-in")
            for word in DashboardWorld.forbidden(to: asker) {
                #expect(!text.contains(word), "\(asker) \(path) shows `\(word)`")
            }
            for url in page["requests"] as? [String] ?? [] {
                #expect(url.hasPrefix(origin), "\(path) fetched \(url)")
            }
            let problems = (page["problems"] as? [String] ?? []).filter { !(status == 404 && $0.contains("404")) }
            #expect(problems.isEmpty, "\(asker) \(path): \(problems)")
            #expect((page["scroll_width"] as? Int ?? 0) <= width, "\(asker) \(path) is wider than \(width) px")
            if allowed, parts.first == "relationships" {
                #expect(text.contains(DashboardWorld.names[parts[2]] ?? "?") && text.contains("History")
                    && text.contains("What makes up the score") && text.contains("Evidence"), "\(path)")
            }
        }
        // Every agency and partner the viewer may see is named on the overview or its agency pages.
        let shown = pages.filter { ($0["status"] as? Int) == 200 }.map { $0["text"] as? String ?? "" }.joined()
        for (agency, partner) in visible {
            #expect(shown.contains(DashboardWorld.names[agency] ?? "?") && shown.contains(DashboardWorld.names[partner] ?? "?"))
        }
    }
}

/// What a check records for the live view reads back exactly, from either store.
@Suite("Dashboard snapshots in the store", .timeLimit(.minutes(20)))
struct DashboardSnapshotTests {
    @Test("a run's snapshot reads back byte for byte, its scorecard equal to the run's", arguments: StoreBackend.allCases)
    func roundTrip(_ backend: StoreBackend) async throws {
        let world = try StoredWorld(
            backend: backend,
            config: """
                dimensions: {voice: {}}
                indicators:
                  - {id: contact, plugin: engagement, dimension: voice, kinds: [hui], target: 2, window: 30d}
                outputs: [{type: json, path: out/scorecard.json}]
                http: {listen: "127.0.0.1:0", evidence: 1}
                """,
            interactions: """
                h1,hui,msd,com-1,2026-01-05,,,,
                h2,hui,msd,com-1,2026-03-05,,,,
                h3,hui,msd,com-1,2026-03-06,,,,
                h4,hui,tpk,iwi-1,2026-03-07,,,,

                """)
        _ = try await world.run(asOf: "2026-02-01")
        let evaluation = try await world.run(asOf: "2026-03-10")
        let (run, bytes, relationship) = try await world.reading { store in
            let latest = try #require(try await store.latestSnapshot())
            let relationship = try #require(
                try await store.relationshipSnapshot(runID: latest.run.id ?? 0, agency: "msd", partner: "com-1"))
            #expect(try await store.relationshipSnapshot(runID: latest.run.id ?? 0, agency: "msd", partner: "nobody") == nil)
            return (latest.run, latest.scorecard, relationship)
        }
        #expect(run.id == 2 && run.relationships == 2)
        let scorecard = try RunSnapshot.scorecard(from: bytes)
        #expect(scorecard.jsonValue == evaluation.scorecard.jsonValue)
        #expect(scorecard.relationships.map(\.partner.name) == ["Community One", "Ngāti Hine"])
        #expect(scorecard.trends[RelationshipKey(agency: "msd", partner: "com-1")]?.map(\.score) == [50, 100])
        let decoded = try RelationshipSnapshot(bytes: relationship)
        let again = RunSnapshot(scorecard: scorecard, relationships: [decoded])
        #expect(again.scorecardBytes == bytes)
        #expect(again.relationshipBytes.first?.bytes == relationship)
        // Compared with the run of 1 February (one hui of two in the 30 days before: 50), contact
        // brought 50 points more.
        #expect(decoded.previousOverall == 50 && decoded.score.overall.score == 100)
        #expect(decoded.contributions.map(\.change) == [50])
        // `evidence: 1` keeps one hui of the two and counts the other.
        #expect(decoded.score.indicators.first?.evidence?["more"] == .int(1))
    }
}
