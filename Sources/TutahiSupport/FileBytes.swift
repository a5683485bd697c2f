#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files as bytes, with errors a user can act on.
public enum FileBytes {
    /// Why a file could not be read.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        /// The path that was read.
        public var path: String
        /// The reason, in words.
        public var reason: String
        /// Creates an error for `path`.
        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }

        /// `cannot read PATH: REASON`.
        public var description: String { "cannot read \(path): \(reason)" }
    }

    /// Opens the regular file at `path` for reading. A directory, FIFO, socket or device is
    /// refused at once: opening never waits for a writer that may never come.
    public static func openRegularFile(_ path: String) throws(ReadError) -> Int32 {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw ReadError(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw ReadError(path: path, reason: reason)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            return fd
        case S_IFDIR:
            close(fd)
            throw ReadError(path: path, reason: "it is a directory")
        default:
            close(fd)
            throw ReadError(path: path, reason: "it is not a regular file (a FIFO, socket or device)")
        }
    }

    /// Reads the file at `path`, refusing what is not a regular file and files longer than `limit` bytes.
    public static func read(_ path: String, limit: Int = .max) throws(ReadError) -> [UInt8] {
        let fd = try openRegularFile(path)
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            guard let count = chunk.withUnsafeMutableBytes({ FileDescriptorIO.read(fd, into: $0) }) else {
                throw ReadError(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw ReadError(path: path, reason: "it is larger than \(limit - 1) bytes") }
        }
    }
}

