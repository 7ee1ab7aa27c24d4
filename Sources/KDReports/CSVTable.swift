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
        var bytes: [UInt8] = []
        append(row, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one row as UTF-8 bytes, with its `\n`: the one place where fields are quoted, used for whole
    /// tables and for rows streamed to disk.
    public static func append(_ row: [String], to bytes: inout [UInt8]) {
        for (index, field) in row.enumerated() {
            if index > 0 { bytes.append(0x2C) }
            var field = field
            field.withUTF8 { utf8 in
                guard needsQuotes(utf8) else {
                    bytes.append(contentsOf: utf8)
                    return
                }
                bytes.append(0x22)
                for byte in utf8 {
                    if byte == 0x22 { bytes.append(0x22) }
                    bytes.append(byte)
                }
                bytes.append(0x22)
            }
        }
        bytes.append(0x0A)
    }

    /// Whether a field must be quoted: it holds a comma, a quote or a line break, or starts or ends with a space.
    static func needsQuotes(_ utf8: some BidirectionalCollection<UInt8>) -> Bool {
        utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D } || utf8.first == 0x20 || utf8.last == 0x20
    }

    /// The field, quoted when it holds a comma, a quote, a line break or surrounding spaces.
    public static func quoted(_ field: String) -> String {
        guard needsQuotes(field.utf8) else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
