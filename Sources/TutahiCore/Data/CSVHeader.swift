/// A CSV header: column positions by name.
struct CSVHeader {
    /// The column names, in file order.
    let names: [String]
    private let positions: [String: Int]

    /// Reads the header record, failing the file when it is empty (no record) or a required column is missing.
    init(_ record: CSVRecord?, required: [String], file: String) throws(DataLoadError) {
        guard let record else {
            throw DataLoadError(
                file: file, message: "the file is empty; expected a header with \(required.joined(separator: ","))")
        }
        guard record.problem == nil else {
            throw DataLoadError(file: file, line: record.line, message: "cannot parse the header: \(record.problem ?? "")")
        }
        guard record.count <= Limits.headerColumns else {
            throw DataLoadError(
                file: file, line: record.line,
                message: "the header has \(record.count) columns; at most \(Limits.headerColumns) are read"
                    + Self.lineEndHint(record))
        }
        var names: [String] = []
        for index in 0..<record.count {
            guard let name = record.field(index) else {
                throw DataLoadError(file: file, line: record.line, message: "the header is not valid UTF-8")
            }
            names.append(name)
        }
        self.names = names
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
        self.positions = positions
        let missing = required.filter { positions[$0] == nil }
        if !missing.isEmpty {
            throw DataLoadError(
                file: file, line: record.line,
                message: "missing header column\(missing.count > 1 ? "s" : "") \(missing.map { "`\($0)`" }.joined(separator: ", ")); "
                    + "found \(Self.shown(names))" + Self.lineEndHint(record))
        }
    }

    /// The header's names as a message may show them: control characters escaped, at most 200
    /// characters, so that no file content floods a terminal or steers it.
    static func shown(_ names: [String]) -> String {
        var text = ""
        for scalar in names.joined(separator: ",").unicodeScalars {
            if text.count >= 200 {
                text += "…"
                break
            }
            text += scalar.properties.generalCategory == .control ? scalar.escaped(asASCII: true) : String(scalar)
        }
        return text
    }

    /// A hint when the header holds a carriage return: the file's lines probably end with CR alone.
    private static func lineEndHint(_ record: CSVRecord) -> String {
        record.bytes.contains(UInt8(ascii: "\r"))
            ? " (the header holds a carriage return: are the file's lines ended by CR alone? save it with LF or CRLF line ends)"
            : ""
    }

    /// The number of columns.
    var count: Int { names.count }

    /// The position of `name`, if the header has it.
    func index(of name: String) -> Int? { positions[name] }

    /// The value of column `name` in `record`, if the header has it.
    func value(_ name: String, in record: CSVRecord) -> String? {
        positions[name].flatMap { record.field($0) }
    }
}
