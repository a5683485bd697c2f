import Foundation

/// Runs a program without a shell, feeding it input and collecting its output, within a timeout.
struct ExecProcess: Sendable {
    let command: [String]
    let directory: String
    let timeoutSeconds: Double

    func run(input: [UInt8]) async throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try resolveProgram())
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw ExecFailure(description: "cannot start `\(command[0])`: \(error.localizedDescription)")
        }
        let writer = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: Data(input))
            try? stdin.fileHandleForWriting.close()
        }
        writer.start()
        let output = Task.detached { stdout.fileHandleForReading.readDataToEndOfFile() }
        let errors = Task.detached { stderr.fileHandleForReading.readDataToEndOfFile() }
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while process.isRunning {
            if Date() >= deadline {
                process.terminate()
                kill(process.processIdentifier, SIGKILL)
                _ = await output.value
                throw ExecFailure(description: "`\(command[0])` ran past its timeout of \(Int(timeoutSeconds))s")
            }
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
        let data = await output.value
        let stderrText = String(decoding: await errors.value, as: UTF8.self)
        guard process.terminationStatus == 0, process.terminationReason == .exit else {
            let last = stderrText.split(separator: "\n").last.map(String.init) ?? ""
            throw ExecFailure(description: "`\(command[0])` exited with status \(process.terminationStatus)\(last.isEmpty ? "" : ": \(last)")")
        }
        return Array(data)
    }

    private func resolveProgram() throws -> String {
        let program = command[0]
        if program.contains("/") { return program.hasPrefix("/") ? program : directory + "/" + program }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw ExecFailure(description: "`\(program)` is not found in PATH")
    }
}
