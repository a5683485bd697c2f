import Foundation
import TutahiSupport

/// One process at a time per monitor on an SQLite store: an advisory `flock` on `STORE.lock` (for
/// the monitor `default`) or `STORE.MONITOR.lock`, holding the owner's pid.
///
/// The kernel drops the lock when its process ends, however it ends, so a killed `serve` never
/// leaves a stale lock behind.
public final class FileLock: Sendable {
    /// The lock file.
    public let path: String
    private let descriptor: Int32

    /// Takes `monitor`'s lock on the store at `storePath`, or throws naming the process that holds it.
    public init(storePath: String, monitor: String = "default") throws(StoreError) {
        path = storePath + (monitor == "default" ? "" : "." + monitor) + ".lock"
        let directory = (storePath as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let fd = try Self.openLockFile(path, for: storePath)
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? FileBytes.read(path, limit: 64)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            close(fd)
            let pid = holder.split(separator: "\n").first.map(String.init) ?? "?"
            throw StoreError(
                path: storePath,
                reason: monitor == "default"
                    ? "in use by another tutahi process (pid \(pid)); only one `serve` or `run` may use a store at a time"
                    : "monitor `\(monitor)` is in use by another tutahi process (pid \(pid)); only one `run` or `serve` per monitor at a time")
        }
        descriptor = fd
        _ = ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = FileDescriptorIO.writeAll(pid, to: fd)
    }

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Takes the lock file at `path`, waiting while another process holds it: for short work that
    /// must not overlap, such as creating a store.
    public static func waiting(at path: String) throws(StoreError) -> FileLock {
        let fd = try openLockFile(path, for: path)
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw StoreError(path: path, reason: "cannot lock: \(reason)")
            }
        }
        return FileLock(descriptor: fd, path: path)
    }

    /// Opens (creating) the lock file `path`; an error names `store`.
    private static func openLockFile(_ path: String, for store: String) throws(StoreError) -> Int32 {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError(path: store, reason: "cannot open lock file \(path): \(String(cString: strerror(errno)))")
        }
        return fd
    }

    deinit {
        close(descriptor)  // releases the lock
    }
}
