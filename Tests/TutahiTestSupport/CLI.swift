import Foundation

/// The `tutahi` binary and the repository it was built from, for tests that run it.
package struct CLI {
    package static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    package static var binary: String {
        let candidates = [root + "/.build/debug/tutahi"] + ((try? FileManager.default.contentsOfDirectory(
            atPath: root + "/.build")) ?? []).map { root + "/.build/\($0)/debug/tutahi" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    package struct Output {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    package static func run(_ arguments: [String], in directory: String? = nil, environment extra: [String: String] = [:]) throws -> Output {
        try runProgram([binary] + arguments, in: directory, environment: extra)
    }

    /// Runs `command` (a program and its arguments), its output going to files.
    package static func runProgram(_ command: [String], in directory: String? = nil, environment extra: [String: String] = [:])
        throws -> Output
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        // Output goes to files, not pipes: nothing here blocks a thread of the test runner's pool.
        let scratch = Scratch()
        let outPath = scratch.write("stdout", ""), errPath = scratch.write("stderr", "")
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }

    /// A copy of the bundled sample in a scratch directory.
    package static func sampleCopy() throws -> String {
        let scratch = Scratch()
        for item in ["tutahi.yaml", "data", "indicators", "plugins"] {
            try FileManager.default.copyItem(atPath: root + "/config/" + item, toPath: scratch.path + "/" + item)
        }
        return scratch.path
    }
}
