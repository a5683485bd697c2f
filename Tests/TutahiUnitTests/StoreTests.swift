import Foundation
import Logging
import Testing
import TutahiTestSupport
import TutahiCore
import TutahiPluginAPI
import TutahiStore

@Suite("Store")
struct StoreTests {
    @Test("a store file that is not a database is a clear error")
    func notADatabase() throws {
        let scratch = Scratch()
        let path = scratch.write("junk.sqlite", String(repeating: "not sqlite ", count: 200))
        #expect {
            _ = try SQLiteStore(path: path)
        } throws: { error in
            "\(error)".hasPrefix("store \(path): ") && "\(error)".contains("not a database")
        }
    }

    @Test("a monitor's lock admits one holder at a time, is free again when released, and is the monitor's own")
    func lock() throws {
        let scratch = Scratch()
        let path = scratch.path + "/state/tutahi.sqlite"
        var first: FileLock? = try FileLock(storePath: path)
        #expect {
            _ = try FileLock(storePath: path)
        } throws: { error in
            "\(error)".contains("in use by another tutahi process (pid \(ProcessInfo.processInfo.processIdentifier))")
        }
        #expect(first != nil)
        first = nil
        #expect(throws: Never.self) { _ = try FileLock(storePath: path) }
        let north = try FileLock(storePath: path, monitor: "north")
        #expect(throws: Never.self) { _ = try FileLock(storePath: path, monitor: "south") }
        #expect { _ = try FileLock(storePath: path, monitor: "north") } throws: { "\($0)".contains("monitor `north` is in use") }
        withExtendedLifetime(north) {}
    }

    @Test("the config digest changes with the config and is the SHA-256 of known input")
    func digest() throws {
        #expect(SHA256.hexDigest(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest(of: Array(String(repeating: "a", count: 1_000).utf8))
            == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        #expect(SHA256.hexDigest(of: []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let scratch = Scratch()
        let one = try loadConfig(minimalConfig, in: scratch).get().digest
        let two = try loadConfig(minimalConfig + "\nstore: s.sqlite\n", in: scratch).get().digest
        #expect(one != two && one.count == 64)
    }
}
