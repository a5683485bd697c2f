import Foundation

/// A `tutahi` process started in the background, its output going to files.
package final class RunningProcess: @unchecked Sendable {
    package let process = Process()
    package let stdoutPath: String
    package let stderrPath: String

    /// Starts `tutahi ARGUMENTS`, with `extra` in its environment.
    package init(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        let scratch = Scratch()
        stdoutPath = scratch.write("stdout", "")
        stderrPath = scratch.write("stderr", "")
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        try process.run()
    }

    package var pid: Int32 { process.processIdentifier }
    package var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Sends `signal` to the process.
    package func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for it to end (at most `limit` seconds, then kills it) and gives its exit status, or
    /// 128 + the signal that ended it.
    package func waitForExit(limit: Double = 120) -> Int32 {
        if !Wait.until(limit: limit, { !self.process.isRunning }) { send(SIGKILL) }
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}

/// Waiting for something another process does, with a generous limit (never a timing assertion).
package enum Wait {
    /// Polls `condition` every 50 ms until it holds (true) or `limit` seconds pass (false).
    @discardableResult
    package static func until(limit: Double = 120, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    /// Waits for the file at `path` to exist.
    @discardableResult
    package static func forFile(_ path: String, limit: Double = 120) -> Bool {
        until(limit: limit) { FileManager.default.fileExists(atPath: path) }
    }
}
