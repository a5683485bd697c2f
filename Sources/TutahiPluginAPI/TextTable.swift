/// A plain-text table for a terminal: each column padded to its widest cell.
public struct TextTable: Sendable {
    /// The column titles.
    public var header: [String]
    /// The rows, each a cell per column.
    public var rows: [[String]]

    /// Creates a table.
    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// The table as lines of text. `underline` draws `─` under the titles; `decorate` may wrap a
    /// padded body cell (given its row and column), to colour it. The last column is not padded.
    public func rendered(
        indent: String = "", underline: Bool = true, decorate: (_ row: Int, _ column: Int, String) -> String = { $2 }
    ) -> String {
        var widths = header.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String], decorate: (Int, String) -> String) -> String {
            indent + cells.enumerated().map { index, cell in
                let padded = index == cells.count - 1 || index >= widths.count
                    ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
                return decorate(index, padded)
            }.joined(separator: "  ") + "\n"
        }
        var out = line(header) { $1 }
        if underline { out += indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n" }
        for (rowIndex, row) in rows.enumerated() {
            out += line(row) { decorate(rowIndex, $0, $1) }
        }
        return out
    }
}
