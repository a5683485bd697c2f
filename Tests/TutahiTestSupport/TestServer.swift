import Foundation

/// A real server from `Scripts/` (aiosmtpd for SMTP, http.server for webhooks), started by a test
/// on a port of its own and stopped when the test is done with it.
package final class TestServer: @unchecked Sendable {
    package let directory = Scratch()
    package let port: Int
    private let process = Process()

    /// Starts `script` on `port` (a free one by default) with `arguments`; waits until it listens.
    package init(_ script: String, port: Int = TestServer.freePort(), arguments: [String] = []) throws {
        self.port = port
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLI.root + "/Tests/TutahiIntegrationTests/Scripts/" + script, directory.path, "\(port)"]
            + arguments
        let log = directory.write("server.log", "")
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try process.run()
        guard Wait.forFile(directory.path + "/ready", limit: 60) else {
            stop()
            throw Failure(description: "\(script) did not start (scripts/test installs aiosmtpd): \(log)")
        }
    }

    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// What the server received, oldest first, each a JSON object.
    package func records(in folder: String) -> [[String: Any]] {
        let path = directory.path + "/" + folder
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return names.compactMap { name in
            (try? Data(contentsOf: URL(fileURLWithPath: path + "/" + name)))
                .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        }
    }

    package func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }

    /// A TCP port nothing listens on now.
    package static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
