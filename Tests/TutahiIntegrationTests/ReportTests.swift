import Foundation
import Testing
import TutahiTestSupport

/// Reports written by the real binary.
@Suite("Reports: html, markdown, csv", .serialized)
struct ReportTests {
    static let golden = CLI.root + "/Tests/TutahiIntegrationTests/Golden"

    /// Compares `actual` with a golden file; `TUTAHI_UPDATE_GOLDEN=1` rewrites it instead.
    func expectGolden(_ actual: String, _ name: String) throws {
        let path = Self.golden + "/" + name
        if ProcessInfo.processInfo.environment["TUTAHI_UPDATE_GOLDEN"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        if actual != expected {
            let actualPath = NSTemporaryDirectory() + "tutahi-actual-" + name
            try actual.write(toFile: actualPath, atomically: true, encoding: .utf8)
            Issue.record("\(name) differs from its golden file: diff \(path) \(actualPath)")
        }
    }

    /// The text of an HTML fragment: tags removed.
    static func text(of html: String) -> String {
        var text = "", inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return text
    }

    @Test("Markdown and CSV on the sample match their golden files")
    func goldenFiles() throws {
        let directory = try CLI.sampleCopy()
        let output = try CLI.run(["run", "--config", directory + "/tutahi.yaml", "--as-of", "2026-10-31"])
        #expect(output.status == 0, "\(output.stderr)")
        try expectGolden(try String(contentsOfFile: directory + "/out/report.md", encoding: .utf8), "report.md")
        try expectGolden(try String(contentsOfFile: directory + "/out/scorecard.csv", encoding: .utf8), "scorecard.csv")
    }

    /// A world whose names try to break out of HTML, Markdown and CSV, with a suppressed survey result.
    func hostileWorld(extraOutputs: String = "", store: Bool = false) -> World {
        let world = World(
            config: """
                \(store ? "store: state/tutahi.sqlite" : "")
                dimensions: {trust: {label: "Trust & <b>respect</b>"}}
                indicators:
                  - {id: trust_q, plugin: survey_scale, dimension: trust, questions: [T1], min_n: 3,
                     label: "Trust | *asked*", description: "Mean of <T1>, 1–5"}
                  - {id: contact, plugin: engagement, dimension: trust, kinds: [hui], target: 2, label: Contact}
                outputs:
                  - {type: html, path: out/report.html}
                  - {type: markdown, path: out/report.md}
                  - {type: csv, path: out/scorecard.csv}
                \(extraOutputs)
                """,
            surveys: """
                s1,iwi-1,msd,T1,4,2026-01-10
                s2,iwi-1,msd,T1,5,2026-01-11

                """,
            interactions: """
                h1,hui,msd,iwi-1,2026-01-05,,,,
                h2,hui,msd,com-1,2026-01-06,,,,

                """)
        world.scratch.write("parties.csv", #"""
            id,name,kind,region,tags
            msd,"Ministry <script>alert(1)</script> & Co",agency,,
            iwi-1,"Ngāti | Hine ""*bold*""",iwi,,
            com-1,"=HYPERLINK(""http://x"")",community,,

            """#)
        return world
    }

    @Test("every value is escaped: HTML, Markdown and CSV")
    func escaping() throws {
        let world = hostileWorld()
        let output = try CLI.run(["run", "-c", world.scratch.path + "/tutahi.yaml", "--as-of", "2026-01-31"])
        #expect(output.status == 0, "\(output.stderr)")
        let html = try String(contentsOfFile: world.scratch.path + "/out/report.html", encoding: .utf8)
        #expect(!html.contains("<script"))
        #expect(html.contains("Ministry &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"))
        #expect(html.contains("Trust &amp; &lt;b&gt;respect&lt;/b&gt;"))
        #expect(!html.contains("<b>respect"))
        #expect(html.contains("Mean of &lt;T1&gt;, 1–5"))
        let markdown = try String(contentsOfFile: world.scratch.path + "/out/report.md", encoding: .utf8)
        #expect(markdown.contains(#"### Ngāti \| Hine "\*bold\*""#))
        #expect(markdown.contains(#"| Trust \| \*asked\* | Trust \& \<b\>respect\</b\> |"#))
        let csv = try String(contentsOfFile: world.scratch.path + "/out/scorecard.csv", encoding: .utf8)
        #expect(csv.hasPrefix("agency,partner,dimension,indicator,value,score,n,status\r\n"))
        #expect(csv.contains("msd,iwi-1,trust,contact,1,50,1,amber\r\n"))
    }

    @Test("a suppressed result reads 'fewer than N responses', never a number")
    func suppressed() throws {
        let world = hostileWorld()
        _ = try CLI.run(["run", "-c", world.scratch.path + "/tutahi.yaml", "--as-of", "2026-01-31"])
        let html = try String(contentsOfFile: world.scratch.path + "/out/report.html", encoding: .utf8)
        let card = try #require(html.components(separatedBy: "<article").first { $0.contains("Ngāti | Hine") })
        let row = try #require(card.split(separator: "\n").first { $0.contains("Trust | *asked*") && $0.contains("<td") })
        #expect(row.contains("fewer than 3 responses"))
        #expect(row.contains("Suppressed"))
        // No figure of the data: the only numbers are the minimum and the configured thresholds.
        #expect(row.contains("good from 70.0, needs attention from 40.0"))
        #expect(Self.text(of: String(row)).replacingOccurrences(of: "fewer than 3 responses", with: "")
            .replacingOccurrences(of: "good from 70.0, needs attention from 40.0", with: "").allSatisfy { !$0.isNumber })
        let markdown = try String(contentsOfFile: world.scratch.path + "/out/report.md", encoding: .utf8)
        #expect(markdown.contains(#"| Trust \| \*asked\* | Trust \& \<b\>respect\</b\> | fewer than 3 responses | | | ○ Suppressed |"#))
        let csv = try String(contentsOfFile: world.scratch.path + "/out/scorecard.csv", encoding: .utf8)
        #expect(csv.contains("msd,iwi-1,trust,trust_q,,,,suppressed\r\n"))
        // 4 and 5 average 4.5: it must not appear anywhere.
        let page = Self.text(of: html.components(separatedBy: "<body>").last ?? html)
        #expect(!page.contains("4.5") && !markdown.contains("4.5") && !csv.contains("4.5"))
    }

    @Test("the sample's HTML is self-contained: no script, no stylesheet link, no fetched resource")
    func selfContained() throws {
        let directory = try CLI.sampleCopy()
        #expect(try CLI.run(["run", "--config", directory + "/tutahi.yaml", "--as-of", "2026-10-31"]).status == 0)
        let html = try String(contentsOfFile: directory + "/out/report.html", encoding: .utf8).lowercased()
        for reference in ["<script", "<link", "<img", "<iframe", "<object", "@import", "url(", "src=", "http:", "https:", "//"] {
            #expect(!html.contains(reference), "the report contains `\(reference)`")
        }
    }

    @Test("with a store, each relationship has a trend chart of its overall score over runs")
    func trends() throws {
        let world = hostileWorld(store: true)
        let config = world.scratch.path + "/tutahi.yaml"
        _ = try CLI.run(["run", "-c", config, "--as-of", "2026-01-10"])
        var html = try String(contentsOfFile: world.scratch.path + "/out/report.html", encoding: .utf8)
        #expect(!html.contains("<svg"))  // one run: nothing to chart yet
        for asOf in ["2026-01-20", "2026-01-31", "2026-01-31"] {
            #expect(try CLI.run(["run", "-c", config, "--as-of", asOf]).status == 0)
        }
        html = try String(contentsOfFile: world.scratch.path + "/out/report.html", encoding: .utf8)
        // Three distinct as-ofs (the repeated one counts once). msd–com-1: hui on 6 January, target 2,
        // 365-day window: 50 at every as-of.
        #expect(html.contains("Overall score over the last 3 runs: 11 January 2026 50.0; 21 January 2026 50.0; 1 February 2026 50.0"))
        #expect(html.components(separatedBy: "<svg class=\"trend\"").count - 1 == 2)
    }

    @Test("a user's template replaces the built-in one; a broken one is a config error at its line and column")
    func templates() throws {
        let world = hostileWorld(extraOutputs: "  - {type: markdown, path: out/mine.md, template: mine.mustache}")
        world.scratch.write("mine.mustache", "{{title}}: {{#agencies}}{{name}} {{score}};{{/agencies}}\n")
        let config = world.scratch.path + "/tutahi.yaml"
        #expect(try CLI.run(["run", "-c", config, "--as-of", "2026-01-31"]).status == 0)
        let mine = try String(contentsOfFile: world.scratch.path + "/out/mine.md", encoding: .utf8)
        #expect(mine == "Tūtahi relationship health: Ministry &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co 50.0;\n")

        world.scratch.write("mine.mustache", "line one\n  {{#agencies}}{{name}}\n")
        let broken = try CLI.run(["validate", "-c", config])
        #expect(broken.status == 2)
        // The parser notices the unclosed section at the end of the file.
        #expect(broken.stderr.contains(world.scratch.path + "/mine.mustache:3:"), "\(broken.stderr)")
        #expect(broken.stderr.contains("a section is not closed"), "\(broken.stderr)")

        let printed = try CLI.run(["template", "html"])
        #expect(printed.status == 0)
        #expect(printed.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(try CLI.run(["template", "pdf"]).status == 2)
    }
}

/// Headless Chromium (Debian's `chromium`, installed by scripts/test).
enum Chromium {
    struct Missing: Error, CustomStringConvertible {
        var description: String { "headless Chromium is not installed (scripts/test installs Debian's `chromium`)" }
    }

    static var binary: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }

    /// Runs Chromium headless on `file` with `arguments`, offline, returning what it printed.
    static func run(_ arguments: [String], file: String) throws -> String {
        guard let binary else { throw Missing() }
        let scratch = Scratch()
        let output = scratch.write("stdout", ""), errors = scratch.write("stderr", "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=\(scratch.path)/profile",
            // Offline: any attempt to fetch something fails rather than waits.
            "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
        ] + arguments + ["file://" + file]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try process.run()
        if !Wait.until(limit: 120, { !process.isRunning }) { process.terminate() }
        process.waitUntilExit()
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }
}

@Suite("HTML report in headless Chromium", .serialized)
struct BrowserTests {
    @Test("Chromium shows every agency and partner of the sample, takes a screenshot and prints it")
    func renders() throws {
        let directory = try CLI.sampleCopy()
        #expect(try CLI.run(["run", "--config", directory + "/tutahi.yaml", "--as-of", "2026-10-31"]).status == 0)
        let report = directory + "/out/report.html"

        let dom = try Chromium.run(["--dump-dom"], file: report)
        let text = ReportTests.text(of: dom)
            .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
        let scorecard = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: directory + "/out/scorecard.json"))) as? [String: Any]
        let relationships = scorecard?["relationships"] as? [[String: Any]] ?? []
        #expect(relationships.count == 106)
        let names = Dictionary(
            try String(contentsOfFile: directory + "/data/parties.csv", encoding: .utf8).split(separator: "\n").dropFirst()
                .map { line in let fields = line.split(separator: ",", omittingEmptySubsequences: false); return (String(fields[0]), String(fields[1])) },
            uniquingKeysWith: { first, _ in first })
        var missing: [String] = []
        for relationship in relationships {
            for id in [relationship["agency"] as? String ?? "", relationship["partner"] as? String ?? ""] {
                if let name = names[id], !text.contains(name) { missing.append(name) }
            }
        }
        #expect(missing.isEmpty, "not on the page: \(Set(missing).sorted())")
        #expect(text.contains("As of 1 November 2026"))

        let screenshot = directory + "/out/report.png"
        _ = try Chromium.run(["--window-size=1280,2000", "--screenshot=\(screenshot)"], file: report)
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 50_000)

        let pdf = directory + "/out/report.pdf"
        _ = try Chromium.run(["--print-to-pdf=\(pdf)", "--no-pdf-header-footer"], file: report)
        let printed = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(printed.starts(with: Array("%PDF".utf8)))
        // Each agency starts a new printed page: six agencies, so more than six pages.
        let body = String(decoding: printed, as: UTF8.self)
        let pages = body.components(separatedBy: "/Type /Page").count - body.components(separatedBy: "/Type /Pages").count
        #expect(pages > 6, "\(pages) pages")
    }
}

@Suite("HTML report colours")
struct ContrastTests {
    /// WCAG 2 relative luminance of `#rrggbb`.
    static func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16) ?? 0
        func linear(_ shift: Int) -> Double {
            let channel = Double((value >> shift) & 0xFF) / 255
            return channel <= 0.03928 ? channel / 12.92 : pow((channel + 0.055) / 1.055, 2.4)
        }
        let red = linear(16), green = linear(8), blue = linear(0)
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue
    }

    static func contrast(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test("every status badge's text meets WCAG AA contrast (4.5:1) on its background")
    func statusContrast() throws {
        #expect(abs(Self.contrast("#000000", "#ffffff") - 21) < 0.001)  // the formula itself
        let template = try String(contentsOfFile: CLI.root + "/Sources/TutahiTemplates/Report/ReportMarkup.swift", encoding: .utf8)
        var checked: [String] = []
        for line in template.split(separator: "\n") where line.contains(".status.") && line.contains("background: #") {
            let background = try #require(line.range(of: "background: #").map { String(line[$0.upperBound...].prefix(6)) })
            let text = try #require(line.range(of: " color: #").map { String(line[$0.upperBound...].prefix(6)) })
            let ratio = Self.contrast("#" + background, "#" + text)
            #expect(ratio >= 4.5, "\(line): \(ratio)")
            checked.append(String(line.prefix(30)))
        }
        #expect(checked.count == 5, "\(checked)")  // green, amber, red, suppressed/no data, error
    }
}
