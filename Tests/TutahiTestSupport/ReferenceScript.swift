import Foundation

/// Runs an independent reference from `Scripts/` (a Python program over a package that
/// scripts/test installs) and returns what it prints.
package enum ReferenceScript {
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Runs `Scripts/<script>` with `arguments`, `input` on its standard input.
    package static func run(_ script: String, _ arguments: [String] = [], input: String = "", installedBy package: String)
        throws -> Data
    {
        let scratch = Scratch()
        let inputFile = scratch.write("input", input)
        let output = scratch.write("output", ""), errors = scratch.write("errors", "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLI.root + "/Tests/TutahiIntegrationTests/Scripts/" + script] + arguments
        process.standardInput = FileHandle(forReadingAtPath: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw Failure(description: "the \(package) reference failed (scripts/test installs \(package)): \(reason)")
        }
        return try Data(contentsOf: URL(fileURLWithPath: output))
    }
}
