#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A large IATI file cut into pieces that can be read side by side, one per core.
///
/// Each piece is a run of whole lines starting with an `<iati-activity>`; it is read after the file's own
/// header (everything before the first activity's line: declaration, comments, the root start tag) and,
/// unless it is the last, followed by the root's end tag. libxml2 then reads every piece as a small document
/// of its own, and each piece knows the file line and the activity ordinal it starts at, so what is read
/// from it is what one reader streaming the whole file would have read.
///
/// The scan that finds the cuts only looks for `<iati-activity` at the start of a line: it does not parse
/// XML, and it counts only the activities that start a line. Whether a cut was sound is proved when the
/// pieces are read (see `IATIReader.Reading`): a piece that does not end cleanly, or holds a different
/// number of activities than the scan counted, means the rest of the file must be read in one stream
/// (`Piece.provesCut(_:)`, `rest(from:)`). Files under 1 MiB, not UTF-8, declaring a DOCTYPE, ending lines
/// with a lone CR, or with no activity at the start of a line are not cut at all.
public struct IATIPieces: Sendable {
    /// One piece: a byte range of the file and where it starts.
    public struct Piece: Sendable, Hashable {
        /// Offset of its first byte in the file.
        public var offset: Int
        /// Its length in bytes.
        public var length: Int
        /// The file line its first byte is on (1-based).
        public var firstLine: Int
        /// Activities in the pieces before it, as the scan counted them.
        public var firstOrdinal: Int
        /// `<iati-activity` start tags the scan counted in it.
        public var activities: Int
        /// Whether the file ends with it (it is read without an added end tag).
        public var isLast: Bool

        /// Whether `reading` (of this piece) proves the cut after it sound: the piece ended cleanly, with the
        /// activities the scan counted. The last piece has no cut after it: it ends where the file does.
        public func provesCut(_ reading: IATIReader.Reading?) -> Bool {
            isLast || reading.map { $0.complete && $0.activities == activities } ?? false
        }
    }

    /// The pieces, in file order.
    public let pieces: [Piece]
    /// What every piece but the first is read after: the file from its start to the first activity's line.
    public let header: [UInt8]
    /// Lines in `header`.
    public let headerLines: Int
    /// What follows every piece but the last: the root element's end tag.
    public let trailer: [UInt8]

    /// The size a piece grows to before the next activity line starts a new one.
    public static let defaultPieceBytes = 4 << 20

    /// Plans the pieces of the file at `path`; nil when it makes only one piece or cannot be cut safely.
    public init?(path: String, pieceBytes: Int = Self.defaultPieceBytes) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size >= 1 << 20 else { return nil }
        let scan = Scan(descriptor: descriptor)
        guard let prologue = scan.prologue() else { return nil }
        let headerLines = prologue.header.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        guard let cuts = scan.cuts(
                  from: prologue.firstActivity, firstLine: headerLines + 1, pieceBytes: pieceBytes),
              cuts.count > 1
        else { return nil }
        let fileBytes = Int(status.st_size)
        pieces = cuts.indices.map { index in
            let end = index + 1 < cuts.count ? cuts[index + 1].offset : fileBytes
            let activities = (index + 1 < cuts.count ? cuts[index + 1].ordinal : scan.activities) - cuts[index].ordinal
            return Piece(
                offset: cuts[index].offset, length: end - cuts[index].offset, firstLine: cuts[index].line,
                firstOrdinal: cuts[index].ordinal, activities: activities, isLast: index == cuts.count - 1)
        }
        header = prologue.header
        self.headerLines = headerLines
        trailer = Array("</".utf8) + prologue.root + Array(">\n".utf8)
    }

    /// The piece from the start of `pieces[index]` to the end of the file.
    public func rest(from index: Int) -> Piece {
        var rest = pieces[index]
        rest.length = pieces[pieces.count - 1].offset + pieces[pieces.count - 1].length - rest.offset
        rest.activities = pieces[index...].reduce(0) { $0 + $1.activities }
        rest.isLast = true
        return rest
    }
}

/// One pass over the file with `read(2)`, a block at a time, from line start to line start.
private final class Scan {
    static let needle = Array("<iati-activity".utf8)
    /// Bytes a line start needs ahead of it to tell whether an activity starts there (indentation included).
    static let lookahead = 256
    static let capacity = 1 << 20

    let descriptor: Int32
    let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: Scan.capacity)
    /// `Scan.needle`, held here: a static is checked for its initialisation at every use, and a line may use it.
    let needle = Scan.needle
    /// File offset of `bytes[0]`, and bytes held.
    var start = 0
    var filled = 0
    var atEnd = false
    /// Activities seen at line starts so far.
    var activities = 0

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { bytes.deallocate() }

    /// The bytes held.
    var held: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: bytes, count: filled) }

    /// Drops the bytes before `index` and reads until the buffer is full or the file ends.
    func refill(keepingFrom index: Int) -> Bool {
        _ = memmove(bytes, bytes + index, filled - index)
        start += index
        filled -= index
        while filled < Scan.capacity, !atEnd {
            let count = read(descriptor, bytes + filled, Scan.capacity - filled)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            if count == 0 { atEnd = true }
            filled += count
        }
        return true
    }

    /// The header (the bytes before the first activity's line), the root element's name and the first
    /// activity's line offset; nil when the file is not UTF-8, declares a DOCTYPE, or its first activity does
    /// not start a line within the first block.
    func prologue() -> (header: [UInt8], root: [UInt8], firstActivity: Int)? {
        guard refill(keepingFrom: 0), filled > 4 else { return nil }
        let bytes = held
        var index = 0
        if bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        guard bytes[index] == UInt8(ascii: "<"), bytes[index + 1] != 0 else { return nil }  // UTF-16, UTF-32, junk
        var root: [UInt8]?
        while root == nil {
            guard let open = find(UInt8(ascii: "<"), in: bytes, from: index, to: filled) else { return nil }
            if matches("<?xml", bytes, at: open) {
                guard let end = find("?>", in: bytes, from: open, to: filled), declaresUTF8(bytes[open..<end]) else { return nil }
                index = end + 2
            } else if matches("<?", bytes, at: open) {
                guard let end = find("?>", in: bytes, from: open, to: filled) else { return nil }
                index = end + 2
            } else if matches("<!--", bytes, at: open) {
                guard let end = find("-->", in: bytes, from: open + 4, to: filled) else { return nil }
                index = end + 3
            } else if bytes[open + 1] == UInt8(ascii: "!") {
                return nil  // DOCTYPE: entities and defaults that every piece would have to share
            } else {
                var end = open + 1
                while end < filled, !Scan.isDelimiter(bytes[end]) { end += 1 }
                root = Array(bytes[(open + 1)..<end])
                index = end
            }
        }
        guard let root, !root.isEmpty, let first = find(Scan.needle, in: bytes, from: index, to: filled) else { return nil }
        var line = first
        while line > 0, bytes[line - 1] == 0x20 || bytes[line - 1] == 0x09 { line -= 1 }
        guard line > 0, bytes[line - 1] == 0x0A, activity(at: line) else { return nil }
        return (Array(bytes[0..<line]), root, line)
    }

    /// Whether an `<iati-activity` start tag begins the line at `index` (after spaces and tabs).
    func activity(at index: Int) -> Bool {
        var index = index
        while index < filled, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
        // Most lines open another element: two bytes settle it, without a call to compare the rest.
        let count = needle.count
        guard index + count < filled, bytes[index + 1] == UInt8(ascii: "i"), bytes[index + 6] == UInt8(ascii: "a"),
              memcmp(bytes + index, needle, count) == 0
        else { return false }
        return Scan.isDelimiter(bytes[index + count])
    }

    /// The offsets, lines and activity ordinals where pieces start: 0 first, then the line of the first
    /// activity line at least `pieceBytes` after the previous cut. Activities are counted at
    /// line starts only. Nil when the file cannot be cut safely (a lone carriage return would make libxml2
    /// count lines differently).
    func cuts(
        from firstActivity: Int, firstLine: Int, pieceBytes: Int
    ) -> [(offset: Int, line: Int, ordinal: Int)]? {
        var cuts = [(offset: 0, line: 1, ordinal: 0)]
        var line = firstLine
        var position = firstActivity
        var atLineStart = true
        var returnsChecked = position
        while true {
            while true {
                if atLineStart {
                    if filled - position < Scan.lookahead, !atEnd { break }
                    if activity(at: position) {
                        let last = cuts[cuts.count - 1]
                        if start + position >= last.offset + pieceBytes {
                            cuts.append((start + position, line, activities))
                        }
                        activities += 1
                    }
                    atLineStart = false
                }
                guard let feed = find(0x0A, in: held, from: position, to: filled) else {
                    position = filled
                    break
                }
                position = feed + 1
                line += 1
                atLineStart = true
            }
            // Every carriage return must end a CRLF, or libxml2 counts lines differently.
            let checkEnd = atEnd ? filled : filled - 1
            while let index = find(0x0D, in: held, from: returnsChecked, to: checkEnd) {
                guard index + 1 < filled, bytes[index + 1] == 0x0A else { return nil }
                returnsChecked = index + 1
            }
            returnsChecked = max(returnsChecked, checkEnd)
            if atEnd { return cuts }
            let keep = min(position, returnsChecked)
            guard refill(keepingFrom: keep) else { return nil }
            position -= keep
            returnsChecked -= keep
        }
    }

    static func isDelimiter(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
    }
}

/// Whether an XML declaration (`<?xml … ?>`, without its end) names no encoding, or UTF-8.
private func declaresUTF8(_ declaration: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
    let bytes = UnsafeBufferPointer(rebasing: declaration)
    guard var index = find("encoding", in: bytes, from: 0, to: bytes.count) else { return true }
    index += "encoding".utf8.count
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "=")].contains(bytes[index]) { index += 1 }
    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else { return false }
    let quote = bytes[index]
    let value = bytes[(index + 1)...].prefix { $0 != quote }
    return ["utf-8", "utf8"].contains(String(decoding: value, as: UTF8.self).lowercased())
}

private func matches(_ prefix: String, _ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    var index = index
    for byte in prefix.utf8 {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
    }
    return true
}

private func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int? {
    guard from < end, let found = memchr(bytes.baseAddress! + from, Int32(byte), end - from) else { return nil }
    return UnsafeRawPointer(found) - UnsafeRawPointer(bytes.baseAddress!)
}

private func find(_ needle: String, in bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int? {
    find(Array(needle.utf8), in: bytes, from: from, to: end)
}

private func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int? {
    var from = from
    while let first = find(needle[0], in: bytes, from: from, to: end) {
        guard first + needle.count <= end else { return nil }
        if memcmp(bytes.baseAddress! + first, needle, needle.count) == 0 { return first }
        from = first + 1
    }
    return nil
}
