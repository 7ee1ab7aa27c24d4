import KDCore

/// An RFC 4180 table being written: UTF-8, `\n` line ends, a header row, fields quoted when they must be.
public struct CSVTable: Sendable {
    /// The rendered text so far.
    public private(set) var text: String

    /// Starts a table with its header.
    public init(header: [String]) {
        text = ""
        append(header)
    }

    /// Appends one row.
    public mutating func append(_ row: [String]) {
        text += Self.line(row)
    }

    /// One row as a CSV line, with its `\n`.
    public static func line(_ row: [String]) -> String {
        var line = ""
        line.reserveCapacity(row.reduce(row.count) { $0 + $1.utf8.count })
        for (index, field) in row.enumerated() {
            if index > 0 { line += "," }
            line += quoted(field)
        }
        line += "\n"
        return line
    }

    /// The field, quoted when it holds a comma, a quote, a line break or surrounding spaces.
    public static func quoted(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || field.utf8.first == 0x20 || field.utf8.last == 0x20
        guard needsQuotes else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
