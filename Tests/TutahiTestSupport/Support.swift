import Foundation
import TutahiBuiltins
import TutahiCore
import TutahiPluginAPI
import TutahiSupport

/// A fresh temporary directory with helpers to write files into it.
package struct Scratch {
    package let path: String

    package init() {
        path = NSTemporaryDirectory() + "tutahi-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @discardableResult
    package func write(_ name: String, _ text: String) -> String {
        let full = path + "/" + name
        try? FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: full, contents: Data(text.utf8))
        return full
    }

    @discardableResult
    package func writeBytes(_ name: String, _ bytes: [UInt8]) -> String {
        let full = path + "/" + name
        _ = FileManager.default.createFile(atPath: full, contents: Data(bytes))
        return full
    }

    package func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + name) }
}

package let zone = Zone.auckland

package func instant(_ text: String) -> Instant {
    Timestamp.parse(text)?.start(in: zone) ?? Instant(nanoseconds: 0)
}

/// Loads a config from text, returning the configuration or every problem as text lines.
package func loadConfig(_ yaml: String, in scratch: Scratch = Scratch(), environment: [String: String] = [:])
    -> Result<Configuration, SourceErrors>
{
    let path = scratch.write("tutahi.yaml", yaml)
    do {
        return .success(try ConfigurationLoader(registry: .builtin, environment: environment).load(path: path))
    } catch {
        return .failure(error)
    }
}

package func problems(_ yaml: String, environment: [String: String] = [:]) -> [String] {
    let scratch = Scratch()
    switch loadConfig(yaml, in: scratch, environment: environment) {
    case .success: return []
    case .failure(let errors):
        return errors.errors.map { error in error.mark.map { "\($0.line):\($0.column): \(error.message)" } ?? error.message }
    }
}

package let minimalConfig = """
    data:
      parties: parties.csv
    dimensions:
      trust: {label: Trust}
    indicators:
      - id: contact
        plugin: engagement
        dimension: trust
        kinds: [hui]
        target: 2
    """

package func party(_ id: String, _ kind: String = "community", tags: [String] = []) -> Party {
    Party(id: id, name: id.uppercased(), kind: kind, tags: tags)
}

extension CivilDate {
    /// `YYYY-MM-DD`.
    package var iso: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}
