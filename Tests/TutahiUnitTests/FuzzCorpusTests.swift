import Foundation
import Testing
import TutahiTestSupport
import TutahiFuzzing

/// Every input libFuzzer ever kept (`Fuzz/Corpus/TARGET/`, crashes found and fixed included) goes
/// through its target again on every test run, so a crash found once stays fixed.
@Suite("Fuzz corpus replay")
struct FuzzCorpusTests {
    @Test("every committed input of every target runs without crashing", arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        let directory = CLI.root + "/Fuzz/Corpus/" + target.rawValue
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(!files.isEmpty, "no corpus for \(target.rawValue)")
        for file in files {
            target.run(Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))))
        }
    }
}
