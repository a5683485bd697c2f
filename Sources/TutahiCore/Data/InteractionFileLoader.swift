import Foundation
import TutahiPluginAPI

/// Reads one interaction file, CSV or JSON Lines by its extension.
struct InteractionFileLoader {
    let displayName: String
    let path: String
    /// The file's position in the configuration's list.
    let index: Int
    /// Threads parsing a CSV file.
    var workers = 1
    /// Bytes read at a time from a CSV file.
    var blockSize = CSVBlocks().blockSize

    func load(into collector: inout InteractionCollector) throws(DataLoadError) {
        do {
            if displayName.lowercased().hasSuffix(".jsonl") {
                try loadJSONLines(&collector)
            } else {
                try InteractionCSVLoader(
                    displayName: displayName, index: index, path: path, zone: collector.zone,
                    blocks: CSVBlocks(blockSize: blockSize, workers: workers)
                ).load(into: &collector)
            }
        } catch let error as DataLoadError {
            throw error
        } catch {
            throw DataLoadError(file: displayName, message: "\(error)")
        }
    }

    private func loadJSONLines(_ collector: inout InteractionCollector) throws {
        var pending: [UInt8] = []
        var line = 1
        var full = false  // the ids (or references, or a free-text column) reached 4 GiB
        func finishLine() {
            defer {
                pending.removeAll(keepingCapacity: true)
                line += 1
            }
            if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
            guard pending.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
            guard collector.canAppend(bytes: pending.count) else {
                full = true
                return
            }
            do {
                try collector.accept(try Self.fields(fromJSON: pending), at: RowOrigin(file: index, line: line))
            } catch {
                collector.reject(error, at: RowOrigin(file: index, line: line))
            }
        }
        try FileChunks.forEach(path: path) { chunk in
            for byte in chunk {
                if byte == UInt8(ascii: "\n") {
                    finishLine()
                    if full { throw Self.tooLarge(displayName) }
                } else if pending.count < 64 << 20 {
                    pending.append(byte)
                }
            }
        }
        if !pending.isEmpty { finishLine() }
        if full { throw Self.tooLarge(displayName) }
        collector.flush()
    }

    /// The error for data past what the table can hold.
    static func tooLarge(_ file: String) -> DataLoadError {
        DataLoadError(
            file: file,
            message: "more than 4 GiB of interaction ids, of references or of one free-text attribute column; split the data into smaller checks")
    }

    /// The fields of one JSON object line; `bad_json` when it is not an object of strings.
    static func fields(fromJSON bytes: [UInt8]) throws(Rejection) -> InteractionCollector.Fields {
        guard String(validating: bytes, as: UTF8.self) != nil,
            let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        else { throw Rejection(.badJSON) }
        var fields = InteractionCollector.Fields()
        for (key, value) in object {
            let text: String?
            if value is NSNull, key == "ref" || key == "due" {
                text = nil
            } else if let string = value as? String, !(value is NSNumber) {
                text = string
            } else {
                throw Rejection(.badJSON, field: key)
            }
            switch key {
            case "id": fields.id = text ?? ""
            case "kind": fields.kind = text ?? ""
            case "from": fields.from = text ?? ""
            case "to": fields.to = text ?? ""
            case "at": fields.at = text ?? ""
            case "ref": fields.ref = text
            case "due": fields.due = text
            default: fields.attributes[key] = text
            }
        }
        return fields
    }
}
