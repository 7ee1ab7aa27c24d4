import CKDBytes
import KDCore

/// CSV rows written straight to UTF-8 bytes (RFC 4180, `\n` line ends): the one place where fields are
/// quoted and numbers and dates are spelled, for whole tables and for rows streamed to disk alike. A field
/// is copied as it is added; no row of Strings is built.
public struct CSVBuffer: Sendable {
    /// The bytes written so far.
    public private(set) var bytes = ByteBuffer()

    /// Whether the next field starts a row (no comma before it).
    private var atRowStart = true

    /// An empty buffer.
    public init() {}

    /// The rows written so far, as text.
    public var text: String { bytes.text }

    /// Appends a text field, quoted when it must be.
    public mutating func add(_ field: String) {
        // Not `withUTF8Bytes`: through it, the closure that writes to `self` is not inlined, and every field
        // costs a call and a retain more (about 29 M instructions per 16 MB of IATI, measured). The same
        // reading, written out.
        if field.utf8.withContiguousStorageIfAvailable({ add(utf8: $0) }) == nil {
            var field = field
            field.withUTF8 { add(utf8: $0) }
        }
    }

    /// Appends a field from its UTF-8 bytes: copied, or quoted with its quotes doubled.
    private mutating func add(utf8: UnsafeBufferPointer<UInt8>) {
        let quoted = Self.needsQuotes(utf8)
        writeField(upTo: quoted ? 2 * utf8.count + 2 : utf8.count) { out in
            guard quoted else {
                if let source = utf8.baseAddress { out.initialize(from: source, count: utf8.count) }
                return utf8.count
            }
            out[0] = 0x22
            var count = 1
            for byte in utf8 {
                out[count] = byte
                count += 1
                if byte == 0x22 {
                    out[count] = 0x22
                    count += 1
                }
            }
            out[count] = 0x22
            return count + 1
        }
    }

    /// Appends a text field, empty when nil.
    public mutating func add(_ field: String?) {
        guard let field else { return addEmpty() }
        add(field)
    }

    /// Appends a whole number, empty when nil.
    public mutating func add(_ value: Int?) {
        writeField(upTo: 21) { out in
            guard let value else { return 0 }
            let sign = value < 0 ? 1 : 0
            if sign == 1 { out[0] = 0x2D }
            return sign + Format.spell(UInt64(value.magnitude), into: out + sign)
        }
    }

    /// Appends a number as `Format.number` spells it, empty when nil.
    public mutating func add(_ value: Double?, digits: Int = 2) {
        separate()
        guard let value else { return }
        Format.write(value, digits: digits, to: &bytes)
    }

    /// Appends a date as ISO 8601 with the precision known, empty when nil.
    public mutating func add(_ date: PartialDate?) {
        separate()
        guard let date else { return }
        date.write(to: &bytes)
    }

    /// Appends an empty field.
    public mutating func addEmpty() {
        separate()
    }

    /// Where the next byte goes: marks fields to write again with `addAgain(_:)`.
    public var position: Int { bytes.count }

    /// Writes again the fields between two positions taken earlier: where a row started and after a field
    /// (the fields that open a row, written at a row's start), or between two fields (fields further on, with
    /// the comma before the first, written after a field). The bytes are copied as they are.
    public mutating func addAgain(_ fields: Range<Int>) {
        bytes.appendAgain(fields)
        atRowStart = false
    }

    /// Ends the current row.
    public mutating func endRow() {
        bytes.append(0x0A)
        atRowStart = true
    }

    /// Appends a whole row of text fields.
    public mutating func append(_ row: [String]) {
        for field in row { add(field) }
        endRow()
    }

    /// Empties the buffer, keeping its capacity (between writes of a streamed file).
    public mutating func removeAll() {
        bytes.removeAll()
        atRowStart = true
    }

    /// Reserves room for `count` bytes.
    public mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(count)
    }

    /// Writes one field in a single write: the comma before it (unless it starts a row), then what `body`
    /// writes after it (at most `maximum` bytes; `body` returns how many).
    @inline(__always)
    private mutating func writeField(upTo maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        let comma = !atRowStart
        atRowStart = false
        bytes.write(upTo: maximum + 1) { out in
            guard comma else { return body(out) }
            out[0] = 0x2C
            return 1 + body(out + 1)
        }
    }

    private mutating func separate() {
        if atRowStart { atRowStart = false } else { bytes.append(0x2C) }
    }

    /// Whether a field must be quoted: it holds a comma, a quote or a line break, or starts or ends with a space.
    /// Long fields (titles, descriptions) are searched sixteen bytes at a time (`kd_holds_csv_special`).
    static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = utf8.baseAddress, utf8.count > 0 else { return false }
        if utf8[0] == 0x20 || utf8[utf8.count - 1] == 0x20 { return true }
        return kd_holds_csv_special(start, utf8.count)
    }
}

/// An RFC 4180 table being written: UTF-8, `\n` line ends, a header row, fields quoted when they must be.
public struct CSVTable: Sendable {
    /// The rows so far, as bytes.
    public var csv = CSVBuffer()

    /// Starts a table with its header.
    public init(header: [String]) {
        append(header)
    }

    /// The rendered text so far.
    public var text: String { csv.text }

    /// Appends one row.
    public mutating func append(_ row: [String]) {
        csv.append(row)
    }

    /// One row as a CSV line, with its `\n`.
    public static func line(_ row: [String]) -> String {
        var csv = CSVBuffer()
        csv.append(row)
        return csv.text
    }
}
