import Foundation
import Logging
import TutahiPluginAPI

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program without a shell, in its own process group, feeding it input and collecting its
/// output. Past the timeout the whole group is killed, so a wrapper's children die with it.
struct ExecProcess: Sendable {
    let command: [String]
    let directory: String
    let timeoutSeconds: Double
    /// Where the program's standard error goes, line by line.
    let logger: Logger
    /// The most output kept from the program (more is an error).
    var maximumOutputBytes = 256 << 20

    func run(input: [UInt8]) async throws -> [UInt8] {
        _ = Pipes.ignoreBrokenPipes
        let program = try resolveProgram()
        let pipes = try (Pipes.make(), Pipes.make(), Pipes.make())
        let (stdin, stdout, stderr) = pipes
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin.read, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr.write, 2)
        // Nothing else we hold (or inherited without close-on-exec) reaches the program: otherwise a
        // plugin that outlives us could keep our parent waiting on a descriptor it never closes.
        if let closeFrom = Pipes.addCloseFrom {
            _ = closeFrom(&actions, 3)
        } else {
            for fd in [stdin.read, stdin.write, stdout.read, stdout.write, stderr.read, stderr.write] {
                posix_spawn_file_actions_addclose(&actions, fd)
            }
        }
        guard let addChdir = Pipes.addChdir, addChdir(&actions, directory) == 0 else {
            for fd in [stdin.read, stdin.write, stdout.read, stdout.write, stderr.read, stderr.write] { close(fd) }
            throw ExecFailure(description: "cannot run `\(command[0])` in \(directory)")
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)

        let arguments = ([program] + command.dropFirst()).map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, program, &actions, &attributes, arguments, environ)
        for fd in [stdin.read, stdout.write, stderr.write] { close(fd) }
        guard status == 0 else {
            for fd in [stdin.write, stdout.read, stderr.read] { close(fd) }
            throw ExecFailure(description: "cannot start `\(command[0])`: \(String(cString: strerror(status)))")
        }
        let limit = maximumOutputBytes
        // Blocking pipe I/O runs on threads of its own, never on the concurrency pool.
        let readDeadline = Date().addingTimeInterval(timeoutSeconds + 1)
        // The request is written with a deadline too: a program that exits without reading, while
        // a grandchild keeps its input open, must not hold the writer past the timeout.
        async let written: Void = Pipes.onThread { Pipes.writeAll(input, to: stdin.write, until: readDeadline) }
        async let output = Pipes.onThread { Pipes.readAll(stdout.read, limit: limit, until: readDeadline) }
        async let errors = Pipes.onThread { Pipes.readAll(stderr.read, limit: 1 << 20, until: readDeadline) }
        let exit = await wait(for: pid)
        _ = await written
        let (data, overflow) = await output
        let stderrText = String(decoding: await errors.0, as: UTF8.self)
        for line in stderrText.split(separator: "\n") {
            logger.info("\(line)", metadata: ["stream": "stderr"])
        }
        guard let exit else {
            throw ExecFailure(description: "`\(command[0])` ran past its timeout of \(Self.seconds(timeoutSeconds)) and was stopped")
        }
        guard !overflow else {
            throw ExecFailure(description: "`\(command[0])` wrote more than \(limit) bytes")
        }
        guard exit == 0 else {
            let last = stderrText.split(separator: "\n").last.map(String.init) ?? ""
            throw ExecFailure(description: "`\(command[0])` \(exit > 0 ? "exited with status \(exit)" : "was killed by signal \(-exit)")\(last.isEmpty ? "" : ": \(last)")")
        }
        return data
    }

    /// Waits for `pid`; nil when the timeout passed (the whole process group is then killed).
    private func wait(for pid: pid_t) async -> Int32? {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                kill(-pid, SIGKILL)  // anything the program left running in its group goes with it
                if status & 0x7F == 0 { return (status >> 8) & 0xFF }
                return -(status & 0x7F)
            }
            if result < 0, errno != EINTR { return 255 }
            if Date() >= deadline {
                kill(-pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                return nil
            }
            try? await Task.sleep(nanoseconds: 5_000_000)
        }
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))s" : "\(value)s"
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

/// Pipe plumbing for ``ExecProcess``.
enum Pipes {
    typealias AddChdir = @convention(c) (
        UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
    ) -> Int32

    /// A program that exits without reading its input must give us EPIPE, not a fatal SIGPIPE.
    /// (The child gets default signal handling back through POSIX_SPAWN_SETSIGDEF.)
    static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+): closes every descriptor from 3 up.
    static let addCloseFrom: AddCloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")
        .map { unsafeBitCast($0, to: AddCloseFrom.self) }

    typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32

    /// Linux's `pipe2`, which Swift does not import by name.
    static let pipe2: Pipe2? = dlsym(nil, "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift does not import by name.
    static let addChdir: AddChdir? = dlsym(nil, "posix_spawn_file_actions_addchdir_np")
        .map { unsafeBitCast($0, to: AddChdir.self) }

    static func make() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        // Close-on-exec from the start: a program started at the same moment by another indicator
        // must not inherit this pipe, or neither side would ever see end of file.
        guard let pipe2 = Pipes.pipe2, pipe2(&fds, O_CLOEXEC) == 0 else {
            throw ExecFailure(description: "cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        return (fds[0], fds[1])
    }

    /// Runs blocking `body` on a thread of its own and returns its result.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    /// What a wait on a pipe found.
    enum Readiness {
        /// Ready to read or write.
        case ready
        /// Not yet; wait again.
        case notYet
        /// The deadline passed, or the pipe failed: give up.
        case stop
    }

    /// Waits (at most a second at a time) until `fd` is ready for `events` or `deadline` passes.
    static func wait(_ fd: Int32, for events: Int32, until deadline: Date) -> Readiness {
        let remaining = deadline.timeIntervalSinceNow
        if remaining <= 0 { return .stop }
        var poller = pollfd(fd: fd, events: Int16(events), revents: 0)
        let ready = poll(&poller, 1, Int32(min(remaining * 1000, 1000) + 1))
        if ready < 0 { return errno == EINTR ? .notYet : .stop }
        if ready == 0 { return .notYet }
        // A reader may still drain a closed pipe; a writer cannot write to one.
        if events == POLLOUT, poller.revents & Int16(POLLERR | POLLHUP) != 0 { return .stop }
        return .ready
    }

    /// Writes everything, stopping quietly if the program closes its input or `deadline` passes,
    /// then closes `fd`.
    static func writeAll(_ bytes: [UInt8], to fd: Int32, until deadline: Date) {
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var offset = 0
        while offset < bytes.count {
            switch wait(fd, for: POLLOUT, until: deadline) {
            case .stop: return
            case .notYet: continue
            case .ready: break
            }
            let count = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress.map { $0 + offset }, min(bytes.count - offset, 1 << 16))
            }
            if count > 0 { offset += count } else if count < 0, errno != EAGAIN, errno != EINTR { return }
        }
    }

    /// Reads until end of file or `deadline`, keeping at most `limit` bytes; the flag says whether
    /// more came.
    static func readAll(_ fd: Int32, limit: Int, until deadline: Date) -> ([UInt8], Bool) {
        defer { close(fd) }
        var data: [UInt8] = []
        var overflow = false
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        reading: while true {
            switch wait(fd, for: POLLIN, until: deadline) {
            case .stop: break reading
            case .notYet: continue
            case .ready: break
            }
            guard let count = chunk.withUnsafeMutableBytes({ FileDescriptorIO.read(fd, into: $0) }), count > 0
            else { break }
            if data.count + count <= limit { data.append(contentsOf: chunk[0..<count]) } else { overflow = true }
        }
        return (data, overflow)
    }
}
