import Foundation
import TutahiYAML
import TutahiSupport

/// One process at a time on a store: an advisory `flock` on `STORE.lock`, holding the owner's pid.
///
/// The kernel drops the lock when its process ends, however it ends, so a killed `serve` never
/// leaves a stale lock behind.
public final class StoreLock: Sendable {
    /// The lock file.
    public let path: String
    private let descriptor: Int32

    /// Takes the lock for the store at `storePath`, or throws naming the process that holds it.
    public init(storePath: String) throws(StoreError) {
        path = storePath + ".lock"
        let directory = (storePath as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError(path: storePath, reason: "cannot open lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? FileBytes.read(path, limit: 64)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            close(fd)
            let pid = holder.split(separator: "\n").first.map(String.init) ?? "?"
            throw StoreError(
                path: storePath,
                reason: "in use by another tutahi process (pid \(pid)); only one `serve` or `run` may use a store at a time")
        }
        descriptor = fd
        _ = ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = FileDescriptorIO.writeAll(pid, to: fd)
    }

    deinit {
        close(descriptor)  // releases the lock
    }
}
