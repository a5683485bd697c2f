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
                message: "missing header column\(missing.count > 1 ? "s" : "") \(missing.map { "`\($0)`" }.joined(separator: ", ")); found \(names.joined(separator: ","))")
        }
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
