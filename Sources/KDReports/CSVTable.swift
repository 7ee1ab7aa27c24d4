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
        row.map(quoted).joined(separator: ",") + "\n"
    }

    /// The field, quoted when it holds a comma, a quote, a line break or surrounding spaces.
    public static func quoted(_ field: String) -> String {
        let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || field.first == " " || field.last == " "
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
