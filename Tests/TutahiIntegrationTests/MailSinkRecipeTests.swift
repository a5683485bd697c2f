import Foundation
import Testing
import TutahiTestSupport

@Suite("The README's recipe for trying email locally")
struct MailSinkRecipeTests {
    @Test("the sample's commented email output, uncommented, delivers its digests to scripts/mail-sink")
    func sampleEmailBlock() throws {
        let directory = try CLI.sampleCopy()
        let config = directory + "/tutahi.yaml"
        let port = TestServer.freePort()
        // Uncomment the block exactly as the README says; only the port is one of the test's own.
        var text = try String(contentsOfFile: config, encoding: .utf8)
        let commented = ["  # - type: email", "  #   smtp: {host: 127.0.0.1, port: 2525,", "  #   from: "]
        for line in commented { #expect(text.contains(line), "the sample's email block changed: \(line)") }
        text = text.replacingOccurrences(of: "  # - type: email", with: "  - type: email")
            .replacingOccurrences(of: "  #   smtp: {host: 127.0.0.1, port: 2525,", with: "    smtp: {host: 127.0.0.1, port: \(port),")
            .replacingOccurrences(of: "  #   from: ", with: "    from: ")
        try text.write(toFile: config, atomically: true, encoding: .utf8)

        let scratch = Scratch()
        let log = scratch.write("sink.log", ""), errors = scratch.write("sink.errors", "")
        let sink = Process()
        sink.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sink.arguments = ["python3", CLI.root + "/scripts/mail-sink", "\(port)"]
        sink.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        sink.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try sink.run()
        defer { kill(sink.processIdentifier, SIGKILL); sink.waitUntilExit() }
        func printed() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        func complaints() -> String { (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "" }
        try #require(Wait.until { printed().contains("listening on 127.0.0.1:\(port)") }, "\(complaints())")

        let run = try CLI.run(["run", "-c", config, "--as-of", "2026-10-31"], environment: ["SMTP_PASSWORD": "anything"])
        #expect(run.status == 0, "\(run.stderr)")
        // Both recipients of the sample hear something as of 31 October 2026.
        #expect(Wait.until { printed().contains("──── to oversight@example.org") && printed().contains("──── to relationships@msd.example") },
                "\(printed())")
        #expect(printed().contains("Subject: Tūtahi alerts as of 1 November 2026: 1 new, 0 still firing, 0 resolved"))
        #expect(complaints().isEmpty)
    }
}
