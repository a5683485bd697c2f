#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Replaces files so that a reader sees the old content or the new, never half of either.
///
/// Each file is first written to a private temporary file beside it (an unpredictable name,
/// created with `O_EXCL | O_NOFOLLOW`, so a planted link can never redirect the write), with the
/// mode of the file it replaces. Inside ``staged(_:)`` the temporary files wait, and only
/// ``StagedFiles/commit()`` renames them into place: a check writes every output so, and commits
/// them only once everything, the store included, has succeeded.
public enum AtomicFile {
    /// Why a file could not be written.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        /// The file that was being written.
        public var path: String
        /// The reason, in words.
        public var reason: String
        /// `cannot write PATH: REASON`.
        public var description: String { "cannot write \(path): \(reason)" }

        /// Creates an error for `path`.
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// Where writes wait while a ``staged(_:)`` block runs; nil: rename at once.
    @TaskLocal static var staging: StagedFiles?

    /// Runs `body` with every ``write(_:to:)-(String,_)`` in it staged: the files are written to
    /// temporary files and renamed into place only by the returned ``StagedFiles/commit()``.
    public static func staged(_ body: () async throws -> Void) async rethrows -> StagedFiles {
        let staging = StagedFiles()
        do {
            try await $staging.withValue(staging) { try await body() }
        } catch {
            staging.discard()
            throw error
        }
        return staging
    }

    /// Writes `text` to `path` through a temporary file in the same directory, then renames it over `path`.
    /// Missing parent directories are created.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path` atomically (see ``write(_:to:)-(String,_)``).
    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let temporary = try Temporary(for: path)
        let written: String
        do {
            try temporary.append(bytes)
            written = try temporary.finish()
        } catch {
            temporary.discard()
            throw error
        }
        try place(written, at: path)
    }

    /// Writes to `path` atomically (see ``write(_:to:)-(String,_)``) what `produce` hands, in order,
    /// to the function it is given: a large file is written while the rest of it is still being
    /// made. When `produce` throws, `path` is left as it was and the error is rethrown.
    public static func write(
        to path: String, producing produce: (_ append: ([UInt8]) throws(WriteError) -> Void) async throws -> Void
    ) async throws {
        let temporary = try Temporary(for: path)
        let written: String
        do {
            try await produce { bytes throws(WriteError) in try temporary.append(bytes) }
            written = try temporary.finish()
        } catch {
            temporary.discard()
            throw error
        }
        try place(written, at: path)
    }

    /// Renames the written `temporary` over `path`, or leaves it staged when a ``staged(_:)`` block runs.
    private static func place(_ temporary: String, at path: String) throws(WriteError) {
        if let staging {
            staging.add(temporary: temporary, path: path)
        } else {
            try StagedFiles.rename(temporary, to: path)
        }
    }

    /// A new private file beside the file it will replace, open for writing.
    private struct Temporary {
        let fd: Int32
        /// Its name.
        let name: String
        /// The file it will replace.
        let path: String

        /// Creates the file beside `path`, with the mode of the file at `path` when there is one
        /// (else 0644 less the umask).
        init(for path: String) throws(WriteError) {
            self.path = path
            let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
                .joined(separator: "/")
            if !directory.isEmpty { try makeDirectories(directory, for: path) }
            var existing = stat()
            if lstat(path, &existing) == 0, (existing.st_mode & S_IFMT) == S_IFDIR {
                throw WriteError(path: path, reason: "it is a directory")
            }
            let base = path.split(separator: "/").last.map(String.init) ?? path
            var fd: Int32 = -1
            var temporary = ""
            for _ in 0..<16 {
                let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
                temporary = (directory.isEmpty ? "" : directory + "/") + ".\(base).\(random).tmp"
                fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
                if fd >= 0 || errno != EEXIST { break }
            }
            guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
            (self.fd, name) = (fd, temporary)
            // The new file keeps the old one's mode (a `chmod 600` stays); a new one gets 0644 less the umask.
            let mode: mode_t
            if stat(path, &existing) == 0, (existing.st_mode & S_IFMT) == S_IFREG {
                mode = existing.st_mode & 0o7777
            } else {
                let mask = umask(0)
                umask(mask)
                mode = 0o644 & ~mask
            }
            if fchmod(fd, mode) != 0 {
                let reason = FileDescriptorIO.describe(errno)
                discard()
                throw WriteError(path: path, reason: reason)
            }
        }

        /// Appends `bytes` (on a failure, ``discard()`` the file).
        func append(_ bytes: [UInt8]) throws(WriteError) {
            if let code = FileDescriptorIO.writeAll(bytes, to: fd) {
                throw WriteError(path: path, reason: FileDescriptorIO.describe(code))
            }
            #if os(Linux)
            // Each whole 4 MiB written is put to disk now, beside the parts still being made, so that
            // `finish`'s fsync has the last few to wait for rather than the whole file: on Linux this
            // advice starts writing the range back without waiting. (Advice only: fsync makes sure.)
            let stretch: off_t = 4 << 20
            let end = lseek(fd, 0, SEEK_CUR), start = (end - off_t(bytes.count)) / stretch * stretch
            if end >= 0, end / stretch * stretch > start {
                _ = posix_fadvise(fd, start, end / stretch * stretch - start, POSIX_FADV_DONTNEED)
            }
            #endif
        }

        /// Flushes the file to disk and closes it; returns its name (on a failure, ``discard()`` it).
        func finish() throws(WriteError) -> String {
            guard fsync(fd) == 0 else { throw WriteError(path: path, reason: FileDescriptorIO.describe(errno)) }
            close(fd)
            return name
        }

        /// Closes and removes the file (not once ``finish()`` has succeeded).
        func discard() {
            close(fd)
            unlink(name)
        }
    }

    private static func makeDirectories(_ directory: String, for path: String) throws(WriteError) {
        var current = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0, errno != EEXIST {
                throw WriteError(path: path, reason: "cannot create \(current): \(String(cString: strerror(errno)))")
            }
        }
    }
}

/// Files written and waiting to be renamed into place, all together or not at all.
public final class StagedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [(temporary: String, path: String)] = []

    /// Notes a temporary file waiting to replace `path`.
    func add(temporary: String, path: String) {
        lock.withLock { files.append((temporary, path)) }
    }

    /// Renames every waiting file into place, in the order they were written; on a failure the
    /// rest are removed and the error thrown (the files already renamed stay new).
    public func commit() throws(AtomicFile.WriteError) {
        let waiting = lock.withLock { () -> [(temporary: String, path: String)] in
            defer { files = [] }
            return files
        }
        for (index, file) in waiting.enumerated() {
            do {
                try Self.rename(file.temporary, to: file.path)
            } catch {
                for rest in waiting[(index + 1)...] { unlink(rest.temporary) }
                throw error
            }
        }
    }

    /// Removes every waiting file: the outputs stay as they were.
    public func discard() {
        let waiting = lock.withLock { () -> [(temporary: String, path: String)] in
            defer { files = [] }
            return files
        }
        for file in waiting { unlink(file.temporary) }
    }

    static func rename(_ temporary: String, to path: String) throws(AtomicFile.WriteError) {
        guard Foundation.rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw AtomicFile.WriteError(path: path, reason: reason)
        }
    }
}
