import KDCore

/// Finds lesson sections inside free text that has no structure of its own (an IATI description, a
/// comment): a short line that the heading lexicon recognises ("Lessons learned:", "6.2 Leçons apprises")
/// starts a section, which runs to the next such line; a heading may also open a line and be followed by
/// its text after a colon ("Lecciones aprendidas: …"). Text before the first heading is not a section.
public struct FreeTextSections: Sendable {
    /// A section found in the text.
    public struct Section: Sendable, Hashable {
        /// The keys its heading names.
        public var keys: [SectionKey]
        /// The heading as written.
        public var heading: String
        /// The section's text.
        public var body: String
        /// Lines after the text's first line where the body starts.
        public var lineOffset: Int
    }

    private let lexicon: HeadingLexicon

    /// Creates a finder with a heading lexicon.
    public init(lexicon: HeadingLexicon = .standard) {
        self.lexicon = lexicon
    }

    /// The sections of `text`.
    public func sections(in text: String) -> [Section] {
        var text = text
        let lines = text.withUTF8(Self.lines(in:))
        // Most texts name no heading at all: a look at the starts of their lines settles that. Only a start short
        // enough to be a heading is folded and looked up, not a long description's every word.
        let mayHoldHeading = text.withUTF8 { bytes in
            lines.contains { line in
                guard !line.isLong else { return false }
                let start = String(decoding: UnsafeBufferPointer(rebasing: bytes[line.start]), as: UTF8.self)
                return lexicon.mayContainHeading(folded: Folding.fold(start))
            }
        }
        guard mayHoldHeading else { return [] }
        let utf8 = text.utf8
        var result: [Section] = []
        var current: Section?
        var body: [String] = []
        func close() {
            if var section = current {
                section.body = body.joined(separator: "\n")
                if !section.body.isBlank { result.append(section) }
            }
            current = nil
            body = []
        }
        for (index, line) in lines.enumerated() {
            let lower = utf8.index(utf8.startIndex, offsetBy: line.bytes.lowerBound)
            let written = String(text[lower..<utf8.index(lower, offsetBy: line.bytes.count)])
            if !line.isLong, let (keys, heading, rest) = heading(in: written) {
                close()
                current = Section(keys: keys, heading: heading, body: "", lineOffset: index)
                if !rest.isBlank { body.append(rest) }
            } else if current != nil {
                body.append(written)
            }
        }
        close()
        return result
    }

    /// A line of a text, as byte offsets: all of it, its start (what stands before its first colon, or all of it
    /// when it has none: only a start can be a heading, `heading(in:)`), and whether that start has more runs of
    /// characters between spaces than a heading ever has.
    struct Line {
        var bytes: Range<Int>
        var start: Range<Int>
        var isLong: Bool
    }

    /// The most runs of characters (between spaces and tabs) a line's start has when it is a heading: a heading
    /// has at most eight words (`heading(in:)`), and numbering, markers and dashes add a few runs, not a dozen.
    static let maximumRuns = 20

    /// The lines of a text's bytes, split where `Character.isNewline` splits them (LF, VT, FF, CR, CR LF, NEL,
    /// U+2028, U+2029), in one pass over the bytes rather than a walk over its characters.
    static func lines(in bytes: UnsafeBufferPointer<UInt8>) -> [Line] {
        var lines: [Line] = []
        var (first, index, colon, runs, inRun) = (0, 0, Int?.none, 0, false)
        let count = bytes.count
        func close(at end: Int) {
            lines.append(Line(bytes: first..<end, start: first..<(colon ?? end), isLong: runs > maximumRuns))
            (colon, runs, inRun) = (nil, 0, false)
        }
        while index < count {
            let byte = bytes[index]
            var breakLength = 0
            if byte >= 0x0A, byte <= 0x0D {
                breakLength = byte == 0x0D && index + 1 < count && bytes[index + 1] == 0x0A ? 2 : 1
            } else if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0x85 {
                breakLength = 2
            } else if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] & 0xFE == 0xA8 {
                breakLength = 3
            }
            if breakLength > 0 {
                close(at: index)
                index += breakLength
                first = index
                continue
            }
            if colon == nil {
                if byte == UInt8(ascii: ":") {
                    colon = index
                } else if byte == 0x20 || byte == 0x09 {
                    inRun = false
                } else if !inRun {
                    (inRun, runs) = (true, runs + 1)
                }
            }
            index += 1
        }
        close(at: count)
        return lines
    }

    /// The keys, heading and remaining text when `line` is (or opens with) a lesson heading.
    private func heading(in line: String) -> ([SectionKey], String, String)? {
        let trimmed = line.trimmingCharacters(in: "")
        guard !trimmed.isEmpty else { return nil }
        var candidate = trimmed
        var rest = ""
        if let colon = trimmed.firstIndex(of: ":") {
            candidate = String(trimmed[..<colon])
            rest = String(trimmed[trimmed.index(after: colon)...])
        }
        // A heading is short and, alone on its line, does not end a sentence.
        guard !(rest.isBlank && trimmed.hasSuffix(".")) else { return nil }
        let words = HeadingLexicon.foldedWords(of: candidate)
        guard !words.isEmpty, words.count <= (rest.isBlank ? 6 : 8) else { return nil }
        let keys = lexicon.keys(forFoldedWords: words)
        guard !keys.isEmpty else { return nil }
        return (keys, candidate.trimmingCharacters(in: "#*_ "), rest)
    }
}
