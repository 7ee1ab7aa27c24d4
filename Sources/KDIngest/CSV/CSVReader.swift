#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming RFC 4180 reader over bytes, written for speed (see the README: a 1 MiB buffer, one pass,
/// no per-byte String work, constant memory).
///
/// It detects the delimiter (`,` `;` or tab, or an Excel `sep=` line), strips a UTF-8 byte-order mark,
/// accepts CRLF, LF and CR line ends and newlines inside quotes, and decodes fields that are not valid
/// UTF-8 as Windows-1252. Problems are collected in `issues` with their line; it never stops early.
///
/// Memory stays bounded whatever the file holds: a row of more than `rowBytes` bytes or `fields` fields (by
/// default `maximumRowBytes` and `maximumFields`; a quote never closed swallows the rest of the file into
/// one field) is read to its end but not kept; it comes back with no fields, and an `oversizedRow` issue
/// names its line.
public final class CSVReader {
    /// One record and the line it starts on.
    public struct Record: Sendable {
        /// The fields, unquoted.
        public var fields: [String]
        /// 1-based line where the record starts.
        public var line: Int
    }

    /// Something odd about the file's syntax, with its line.
    public struct Issue: Sendable, Hashable {
        /// What kind of problem it is.
        public enum Kind: Sendable, Hashable {
            case strayQuote, unterminatedQuote, oversizedRow
        }
        /// The kind.
        public var kind: Kind
        /// 1-based line.
        public var line: Int

        /// Creates an issue.
        public init(kind: Kind, line: Int) {
            self.kind = kind
            self.line = line
        }
    }

    /// The delimiter in use.
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    /// The first line where a field had to be decoded as Windows-1252, if any.
    public private(set) var windows1252Line: Int?
    /// Syntax problems found so far.
    public private(set) var issues: [Issue] = []
    /// Whether the file started with a UTF-16 byte-order mark (not read: such files must be re-saved as UTF-8).
    public private(set) var isUTF16 = false

    private let descriptor: Int32
    /// The read buffer. A pointer rather than an array: `next` reads it byte by byte, and a class's array
    /// property would be checked for exclusive access on every byte (half the reading time, measured).
    private let buffer: UnsafeMutablePointer<UInt8>
    private var position = 0
    private var end = 0
    private var atEOF = false
    private var line = 1
    private var skipLineFeed = false
    /// The bytes of the field being read, kept between records for their capacity.
    private var field: [UInt8] = []
    /// The most fields a record had so far: the room a record's fields are given at once.
    private var widest = 0

    private static let bufferSize = 1 << 20
    /// The most bytes a row may hold by default (the limit libxml2 sets on an XML text, so that both readers
    /// refuse the same sizes).
    public static let maximumRowBytes = SAXStreamReader.maximumText
    /// The most fields a row may hold by default.
    public static let maximumFields = 10_000
    private let rowLimit: Int
    private let fieldLimit: Int

    /// Opens `path`; `delimiter` forces one instead of detecting it; a row of more than `rowBytes` bytes or
    /// `fields` fields is not kept.
    public init?(
        path: String, delimiter: UInt8? = nil, rowBytes: Int = CSVReader.maximumRowBytes, fields: Int = CSVReader.maximumFields
    ) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
        (rowLimit, fieldLimit) = (rowBytes, fields)
        buffer = .allocate(capacity: Self.bufferSize)
        field.reserveCapacity(256)
        refill()
        skipPreamble()
        self.delimiter = delimiter ?? detectDelimiter()
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// The next record, or nil at the end of the file.
    public func next() -> Record? {
        guard !isUTF16 else { return nil }
        // The loop works on local copies of the reader's state (no exclusivity checks), written back on return.
        var (position, end, line, skipLineFeed) = (self.position, self.end, self.line, self.skipLineFeed)
        var field: [UInt8] = []
        swap(&field, &self.field)
        defer {
            (self.position, self.end, self.line, self.skipLineFeed) = (position, end, line, skipLineFeed)
            swap(&field, &self.field)
        }
        /// Whether a byte is at `position`, reading the next block when the buffer is used up.
        func more() -> Bool {
            if position < end { return true }
            (self.position, self.end) = (position, end)
            refill()
            (position, end) = (self.position, self.end)
            return position < end
        }

        if skipLineFeed, more(), buffer[position] == UInt8(ascii: "\n") { position += 1 }
        skipLineFeed = false
        guard more() else { return nil }
        let recordLine = line
        let delimiter = self.delimiter
        var fields: [String] = []
        fields.reserveCapacity(widest)
        var inQuotes = false
        var quotedField = false
        var afterClosingQuote = false
        field.removeAll(keepingCapacity: true)
        // The bytes the current field may still take; past the limits, the row is read on but nothing more
        // is kept.
        var room = rowLimit
        var oversized = false
        /// Keeps `byte` and the plain bytes after it in the buffer (none of `stops`), and moves past them.
        func keep(_ byte: UInt8, thenPlainBytesBefore stops: (UInt8, UInt8, UInt8, UInt8)) {
            var stop = position
            while stop < end {
                let next = buffer[stop]
                if next == stops.0 || next == stops.1 || next == stops.2 || next == stops.3 { break }
                stop += 1
            }
            if field.count + 1 + (stop - position) <= room {
                field.append(byte)
                field.append(contentsOf: UnsafeBufferPointer(start: buffer + position, count: stop - position))
            } else {
                oversized = true
            }
            position = stop
        }
        func keep(_ byte: UInt8) {
            if field.count < room { field.append(byte) } else { oversized = true }
        }
        func endField(delimited: Bool) {
            if !oversized { fields.append(makeString(field, recordLine)) }
            room -= field.count + (delimited ? 1 : 0)
            if fields.count > fieldLimit || room < 0 { oversized = true }
            if oversized { (fields, room) = ([], 0) }
            field.removeAll(keepingCapacity: !oversized)
        }
        func finish() -> Record {
            endField(delimited: false)
            if oversized { issues.append(Issue(kind: .oversizedRow, line: recordLine)) }
            widest = max(widest, fields.count)
            return Record(fields: fields, line: recordLine)
        }
        let (quote, lineFeed, carriageReturn) = (UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r"))

        while more() {
            let byte = buffer[position]
            position += 1
            if inQuotes {
                if byte == quote {
                    if more(), buffer[position] == quote {
                        position += 1
                        keep(byte)
                    } else {
                        inQuotes = false
                        afterClosingQuote = true
                    }
                } else if byte == carriageReturn {
                    keep(lineFeed)
                    line += 1
                    skipLineFeed = true
                } else if byte == lineFeed {
                    if skipLineFeed { skipLineFeed = false } else {
                        keep(byte)
                        line += 1
                    }
                } else {
                    skipLineFeed = false
                    keep(byte, thenPlainBytesBefore: (quote, carriageReturn, lineFeed, quote))
                }
                continue
            }
            if byte == lineFeed, skipLineFeed {
                skipLineFeed = false
                continue
            }
            skipLineFeed = false
            switch byte {
            case delimiter:
                endField(delimited: true)
                quotedField = false
                afterClosingQuote = false
            case lineFeed, carriageReturn:
                line += 1
                skipLineFeed = byte == carriageReturn
                return finish()
            case quote:
                if field.isEmpty && !quotedField {
                    inQuotes = true
                    quotedField = true
                } else {
                    issues.append(Issue(kind: .strayQuote, line: line))
                    keep(byte)
                }
            default:
                if afterClosingQuote {
                    issues.append(Issue(kind: .strayQuote, line: line))
                    afterClosingQuote = false
                }
                keep(byte, thenPlainBytesBefore: (delimiter, quote, lineFeed, carriageReturn))
            }
        }
        if inQuotes { issues.append(Issue(kind: .unterminatedQuote, line: recordLine)) }
        return finish()
    }

    private func makeString(_ field: [UInt8], _ recordLine: Int) -> String {
        if field.allSatisfy({ $0 < 0x80 }) { return String(decoding: field, as: UTF8.self) }
        if let text = String(validating: field, as: UTF8.self) { return text }
        if windows1252Line == nil { windows1252Line = recordLine }
        return Windows1252.decode(field)
    }

    private func refill() {
        guard !atEOF else { return }
        if position < end {
            memmove(buffer, buffer + position, end - position)
            end -= position
        } else {
            end = 0
        }
        position = 0
        let count = read(descriptor, buffer + end, Self.bufferSize - end)
        if count <= 0 { atEOF = true } else { end += count }
    }

    private func skipPreamble() {
        if end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        if end >= 2, (buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF) {
            isUTF16 = true
        }
    }

    /// Counts `,` `;` and tab outside quotes on the first line; honours an Excel `sep=X` line.
    private func detectDelimiter() -> UInt8 {
        let sepPrefix: [UInt8] = Array("sep=".utf8)
        if end - position >= 5, Array(UnsafeBufferPointer(start: buffer + position, count: 4)) == sepPrefix {
            let chosen = buffer[position + 4]
            position += 5
            while position < end, buffer[position] == UInt8(ascii: "\r") || buffer[position] == UInt8(ascii: "\n") {
                position += 1
            }
            line += 1
            return chosen
        }
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var inQuotes = false
        for index in position..<end {
            let byte = buffer[index]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            counts[byte]? += 1
        }
        let best = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }
        return (best?.value ?? 0) > 0 ? best!.key : UInt8(ascii: ",")
    }
}

/// Windows-1252 decoding, the code page of most European spreadsheet exports.
public enum Windows1252 {
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ]

    /// Decodes bytes as Windows-1252 (every byte maps to a character, so nothing is dropped).
    public static func decode(_ bytes: some Sequence<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80..<0xA0).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }
}
