import Testing
import TutahiTestSupport
@testable import TutahiCore
import TutahiBuiltins
import TutahiColumns
import TutahiPluginAPI

/// A `ref` is found by its id's 32-bit hash, then checked byte for byte; two different ids with
/// the same hash must still resolve exactly.
@Suite("References whose ids share a hash")
struct ReferenceCollisionTests {
    /// Two different ids with the same ``ByteInterner/hash(_:)``, found by search.
    static func collidingIDs() throws -> (String, String) {
        var seen: [UInt32: String] = [:]
        for number in 0..<1_000_000 {
            var id = "r\(number)"
            let hash = id.withUTF8 { ByteInterner.hash($0) }
            if let other = seen[hash] { return (other, id) }
            seen[hash] = id
        }
        throw SearchFailed()
    }

    struct SearchFailed: Error {}

    static func table(_ rows: [(id: String, ref: String)]) throws -> InteractionTable {
        let scratch = Scratch()
        scratch.write("parties.csv", "id,name,kind\nmsd,MSD,agency\niwi-1,Iwi 1,iwi\n")
        var events = "id,kind,from,to,at,ref\n"
        for (day, row) in rows.enumerated() { events += "\(row.id),hui,msd,iwi-1,2026-01-\(10 + day),\(row.ref)\n" }
        scratch.write("events.csv", events)
        scratch.write("tutahi.yaml", "data: {parties: parties.csv, interactions: [events.csv]}\ndimensions: {d: {}}\nindicators: []\n")
        let configuration = try ConfigurationLoader(registry: .builtin, environment: [:]).load(path: scratch.path + "/tutahi.yaml")
        return try DataLoader(configuration: configuration, workers: 2).load().interactions
    }

    /// The id each row's `ref` resolved to, or nil when it resolved to no row.
    static func resolved(_ table: InteractionTable) -> [String: String?] {
        let group = table.relationships[0]
        let list = InteractionList(table: table, rows: group.rows, agency: group.agency, partner: group.partner)
        var result: [String: String?] = [:]
        for position in list.indices where list[position].ref != nil {
            let target = list.referencedKey(at: position).flatMap(list.position(of:)).map(list.id(at:))
            result.updateValue(target, forKey: list.id(at: position))
        }
        return result
    }

    @Test("a ref to one of two ids with the same hash finds that one, and a ref to a missing one finds none")
    func collidingIDsResolveExactly() throws {
        let (first, second) = try Self.collidingIDs()
        #expect(first != second)
        // `first` comes first, so a search by hash alone would find it for a ref to `second`.
        let both = try Self.resolved(Self.table([
            (first, ""), (second, ""), ("to-second", second), ("to-first", first),
        ]))
        #expect(both == ["to-second": second, "to-first": first])
        let onlyFirst = try Self.resolved(Self.table([(first, ""), ("to-second", second), ("to-first", first)]))
        let unresolved: String? = nil
        #expect(onlyFirst == ["to-second": unresolved, "to-first": first])
    }
}
