import Foundation
import Testing
import TutahiPluginAPI

/// An output written a part at a time (the JSON scorecard) replaces its file whole or not at all.
@Suite("Atomic files written a part at a time")
struct AtomicFileTests {
    /// A new empty directory.
    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "tutahi-atomic-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("the parts are the file, in order, with the mode of the file they replace")
    func partsInOrder() async throws {
        let directory = try Self.directory()
        let path = directory + "/out.json"
        try "previous".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(chmod(path, 0o600) == 0)
        try await AtomicFile.write(to: path) { append in
            for part in ["{", "\"a\": 1", "}\n"] { try append(Array(part.utf8)) }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\"a\": 1}\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.json"])
    }

    @Test("a failure while the parts are made leaves the old file as it was, and no temporary file")
    func failureKeepsTheOldFile() async throws {
        struct Interrupted: Error {}
        let directory = try Self.directory()
        let path = directory + "/out.json"
        try "previous".write(toFile: path, atomically: false, encoding: .utf8)
        await #expect(throws: Interrupted.self) {
            try await AtomicFile.write(to: path) { append in
                try append(Array("{\"half\": ".utf8))
                throw Interrupted()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["out.json"])
    }
}
