#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TutahiPluginAPI
import TutahiSupport

/// Reads a file in fixed-size chunks, so that large data files stream in bounded memory.
struct FileChunks {
    static let chunkSize = 1 << 20

    /// Calls `body` with each chunk of the file at `path`, in order, without a leading UTF-8 BOM.
    static func forEach(path: String, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        var first = true
        let fd = try openForReading(path)
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        while true {
            guard let count = buffer.withUnsafeMutableBytes({ FileDescriptorIO.read(fd, into: $0) }) else {
                throw FileBytes.ReadError(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { return }
            var start = 0
            if first {
                first = false
                if count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
            }
            try buffer.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<count])) }
        }
    }
}


/// Opens `path` for reading; a missing file or a directory is a ``FileBytes/ReadError``.
func openForReading(_ path: String) throws(FileBytes.ReadError) -> Int32 {
    try FileBytes.openRegularFile(path)
}
