#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces files so that a reader sees the old content or the new, never half of either.
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

    /// Writes `text` to `path` through a temporary file in the same directory, then renames it over `path`.
    /// Missing parent directories are created.
    public static func write(_ text: String, to path: String) throws(WriteError) {
        try write(Array(text.utf8), to: path)
    }

    /// Writes `bytes` to `path` atomically (see ``write(_:to:)-(String,_)``).
    public static func write(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !directory.isEmpty { try makeDirectories(directory, for: path) }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let temporary = (directory.isEmpty ? "" : directory + "/") + ".\(name).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        var failure = FileDescriptorIO.writeAll(bytes, to: fd).map(FileDescriptorIO.describe)
        if failure == nil, fsync(fd) != 0 { failure = FileDescriptorIO.describe(errno) }
        close(fd)
        if let failure {
            unlink(temporary)
            throw WriteError(path: path, reason: failure)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
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

