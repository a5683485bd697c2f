import TutahiPluginAPI

/// Loads the parties file: reference data, so any bad row fails the whole run.
struct PartiesLoader {
    let path: String
    let displayName: String

    func load() throws(DataLoadError) -> [String: Party] {
        var parties: [String: Party] = [:]
        var header: CSVHeader?
        do {
            try CSVReader().read(path: path) { record in
                guard let columns = header else {
                    header = try CSVHeader(record, required: ["id", "name", "kind"], file: displayName)
                    return
                }
                let party = try parse(record, columns)
                if parties[party.id] != nil {
                    throw DataLoadError(file: displayName, line: record.line, message: "duplicate party id `\(party.id)`")
                }
                parties[party.id] = party
            }
        } catch let error as DataLoadError {
            throw error
        } catch {
            throw DataLoadError(file: displayName, message: "\(error)")
        }
        if header == nil {
            throw DataLoadError(file: displayName, message: "the file is empty; expected a header with id,name,kind")
        }
        return parties
    }

    private func parse(_ record: CSVRecord, _ header: CSVHeader) throws(DataLoadError) -> Party {
        func fail(_ message: String) -> DataLoadError {
            DataLoadError(file: displayName, line: record.line, message: message)
        }
        if let problem = record.problem { throw fail("cannot parse the row: \(problem)") }
        guard record.count == header.count else {
            throw fail("the row has \(record.count) fields; the header has \(header.count)")
        }
        guard record.isValidUTF8 else { throw fail("the row is not valid UTF-8") }
        let id = header.value("id", in: record) ?? ""
        guard PartyID.isValid(id) else { throw fail("party id `\(id)` must match [a-z0-9][a-z0-9_.-]*") }
        let name = header.value("name", in: record) ?? ""
        guard !name.isEmpty else { throw fail("party `\(id)` has no name") }
        let kind = header.value("kind", in: record) ?? ""
        guard PartyID.isKind(kind) else { throw fail("party `\(id)` has kind `\(kind)`; expected a lowercase word such as `agency` or `iwi`") }
        let region = header.value("region", in: record).flatMap { $0.isEmpty ? nil : $0 }
        let tags = (header.value("tags", in: record) ?? "").split(separator: ";").map {
            String($0).trimmingSpaces
        }.filter { !$0.isEmpty }
        return Party(id: id, name: name, kind: kind, region: region, tags: tags)
    }
}

/// The checks on party ids and kinds.
enum PartyID {
    static func isValid(_ id: String) -> Bool {
        guard let first = id.utf8.first, isLowerOrDigit(first) else { return false }
        return id.utf8.allSatisfy { isLowerOrDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    static func isKind(_ kind: String) -> Bool {
        guard let first = kind.utf8.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z") else { return false }
        return kind.utf8.allSatisfy { isLowerOrDigit($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    private static func isLowerOrDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}
