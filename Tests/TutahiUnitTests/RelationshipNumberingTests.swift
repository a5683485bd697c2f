import Testing
@testable import TutahiCore

/// Relationships are numbered through a direct table of (agency, partner) cells, or through a
/// dictionary when there are too many cells; both must number them alike.
@Suite("Numbering relationships")
struct RelationshipNumberingTests {
    /// Parties 0–2 are agencies, 3–9 partners.
    private let isAgency = (0..<10).map { $0 < 3 }

    /// `count` random rows in every direction among the ten parties, about one in `repeatedOneIn`
    /// flagged as repeated.
    private func rows(seed: UInt64, count: Int, repeatedOneIn: UInt64)
        -> (senders: [Int32], receivers: [Int32], repeated: [Bool])
    {
        var random = SplitMix64(seed: seed)
        let senders = (0..<count).map { _ in Int32(random.next() % 10) }
        let receivers = (0..<count).map { _ in Int32(random.next() % 10) }
        let repeated = (0..<count).map { _ in random.next() % repeatedOneIn == 0 }
        return (senders, receivers, repeated)
    }

    @Test("the dictionary numbers rows, pairs and the rows between two agencies or two partners as the direct table does")
    func dictionaryAgreesWithTable() {
        let (senders, receivers, repeated) = rows(seed: 2011, count: 5_000, repeatedOneIn: 17)
        let table = RelationshipNumbering(isAgency: isAgency)
            .number(senders: senders, receivers: receivers, skipping: repeated, workers: 2)
        let dictionary = RelationshipNumbering(isAgency: isAgency, maximumCells: 0)
            .number(senders: senders, receivers: receivers, skipping: repeated, workers: 2)
        #expect(table.groups == dictionary.groups)
        #expect(table.pairs.map { [$0.agency, $0.partner] } == dictionary.pairs.map { [$0.agency, $0.partner] })
        #expect(table.others == dictionary.others)
        // 3 agencies × 7 partners: every pair occurs in 5,000 random rows, agency first.
        #expect(table.pairs.count == 21)
        #expect(table.pairs.allSatisfy { isAgency[Int($0.agency)] && !isAgency[Int($0.partner)] })
    }

    @Test("with nothing to skip (survey responses), every row is numbered, by the table and the dictionary alike")
    func nothingSkipped() {
        let (senders, receivers, _) = rows(seed: 1840, count: 2_000, repeatedOneIn: 2)
        let none = [Bool](repeating: false, count: senders.count)
        for maximumCells in [1 << 22, 0] {
            let numbering = RelationshipNumbering(isAgency: isAgency, maximumCells: maximumCells)
            let empty = numbering.number(senders: senders, receivers: receivers, workers: 2)
            let flags = numbering.number(senders: senders, receivers: receivers, skipping: none, workers: 2)
            #expect(empty.groups == flags.groups && empty.others == flags.others)
            #expect(empty.groups.filter { $0 < 0 }.count == empty.others.count)
        }
    }

    @Test("numbers written over a spare column equal those in a new one, whatever the spare's length")
    func overSpare() {
        let (senders, receivers, repeated) = rows(seed: 1877, count: 3_000, repeatedOneIn: 13)
        let numbering = RelationshipNumbering(isAgency: isAgency)
        let fresh = numbering.number(senders: senders, receivers: receivers, skipping: repeated, workers: 2)
        for length in [3_000, 3_500, 2_999, 0] {
            let spare = [Int32](repeating: 77, count: length)
            let over = numbering.number(
                senders: senders, receivers: receivers, skipping: repeated, workers: 2, over: spare)
            #expect(over.groups == fresh.groups, "\(length)")
            #expect(over.others == fresh.others)
        }
    }
}
