import Foundation
import TutahiPluginAPI

/// Reads one interaction file, CSV or JSON Lines by its extension.
struct InteractionFileLoader {
    let displayName: String
    let path: String

    private static let standardColumns: Set<String> = ["id", "kind", "from", "to", "at", "ref", "due"]

    func load(into collector: inout InteractionCollector, rejections: inout RejectionLog) throws(DataLoadError) {
        do {
            if displayName.lowercased().hasSuffix(".jsonl") {
                try loadJSONLines(&collector, &rejections)
            } else {
                try loadCSV(&collector, &rejections)
            }
        } catch let error as DataLoadError {
            throw error
        } catch {
            throw DataLoadError(file: displayName, message: "\(error)")
        }
    }

    private func loadCSV(_ collector: inout InteractionCollector, _ rejections: inout RejectionLog) throws {
        var header: CSVHeader?
        try CSVReader().read(path: path) { record in
            guard let columns = header else {
                header = try CSVHeader(record, required: ["id", "kind", "from", "to", "at"], file: displayName)
                return
            }
            do {
                guard record.problem == nil, record.count == columns.count, record.isValidUTF8 else {
                    throw Rejection(.badCSV)
                }
                var fields = InteractionCollector.Fields()
                for (index, name) in columns.names.enumerated() {
                    let value = record.field(index) ?? ""
                    switch name {
                    case "id": fields.id = value
                    case "kind": fields.kind = value
                    case "from": fields.from = value
                    case "to": fields.to = value
                    case "at": fields.at = value
                    case "ref": fields.ref = value
                    case "due": fields.due = value
                    default: if !value.isEmpty, fields.attributes[name] == nil { fields.attributes[name] = value }
                    }
                }
                try collector.accept(fields)
            } catch let rejection as Rejection {
                rejections.record(rejection, file: displayName, line: record.line)
            }
        }
        if header == nil {
            throw DataLoadError(file: displayName, message: "the file is empty; expected a header with id,kind,from,to,at")
        }
    }

    private func loadJSONLines(_ collector: inout InteractionCollector, _ rejections: inout RejectionLog) throws {
        var pending: [UInt8] = []
        var line = 1
        func finishLine() {
            defer {
                pending.removeAll(keepingCapacity: true)
                line += 1
            }
            if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
            guard pending.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
            do {
                try collector.accept(try Self.fields(fromJSON: pending))
            } catch {
                rejections.record(error, file: displayName, line: line)
            }
        }
        try FileChunks.forEach(path: path) { chunk in
            for byte in chunk {
                if byte == UInt8(ascii: "\n") {
                    finishLine()
                } else if pending.count < 64 << 20 {
                    pending.append(byte)
                }
            }
        }
        if !pending.isEmpty { finishLine() }
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
