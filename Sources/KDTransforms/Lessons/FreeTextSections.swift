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
        // Most texts name no heading at all: a look at the starts of their lines settles that.
        let lines = Self.lines(of: text)
        guard lines.contains(where: mayOpenWithHeading) else { return [] }
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
            if let (keys, heading, rest) = heading(in: line) {
                close()
                current = Section(keys: keys, heading: heading, body: "", lineOffset: index)
                if !rest.isBlank { body.append(rest) }
            } else if current != nil {
                body.append(String(line))
            }
        }
        close()
        return result
    }

    /// The lines of `text`, split where `Character.isNewline` splits them (LF, VT, FF, CR, CR LF, NEL, U+2028,
    /// U+2029), found in its bytes rather than by walking its characters.
    static func lines(of text: String) -> [Substring] {
        let bytes = text.utf8
        var lines: [Substring] = []
        var (start, index) = (bytes.startIndex, bytes.startIndex)
        while index < bytes.endIndex {
            let byte = bytes[index]
            var next = bytes.index(after: index)
            var isBreak = byte >= 0x0A && byte <= 0x0D
            if byte == 0x0D, next < bytes.endIndex, bytes[next] == 0x0A {
                next = bytes.index(after: next)
            } else if byte == 0xC2, next < bytes.endIndex, bytes[next] == 0x85 {
                (isBreak, next) = (true, bytes.index(after: next))
            } else if byte == 0xE2, next < bytes.endIndex, bytes[next] == 0x80 {
                let third = bytes.index(after: next)
                if third < bytes.endIndex, bytes[third] & 0xFE == 0xA8 { (isBreak, next) = (true, bytes.index(after: third)) }
            }
            if isBreak {
                lines.append(text[start..<index])
                start = next
            }
            index = next
        }
        lines.append(text[start..<bytes.endIndex])
        return lines
    }

    /// The most runs of characters (between spaces) a line's start has when it is a heading: a heading has at most
    /// eight words (`heading(in:)`), and numbering, markers and dashes add a few runs, not a dozen.
    static let maximumRuns = 20

    /// What of `line` may be a heading: what stands before its first colon, or the whole line when it has none.
    private static func start(of line: Substring) -> Substring {
        line.utf8.firstIndex(of: UInt8(ascii: ":")).map { line[..<$0] } ?? line
    }

    /// Whether `text` has more than `maximumRuns` runs of characters between spaces and tabs.
    private static func isLong(_ text: Substring) -> Bool {
        var (runs, inRun) = (0, false)
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 {
                inRun = false
            } else if !inRun {
                (inRun, runs) = (true, runs + 1)
                if runs > maximumRuns { return true }
            }
        }
        return false
    }

    /// Whether `line` may be, or open with, a heading: its start is short and holds the first word of some
    /// heading. Only such a start is folded, not a long description's every word.
    private func mayOpenWithHeading(_ line: Substring) -> Bool {
        let start = Self.start(of: line)
        return !Self.isLong(start) && lexicon.mayContainHeading(folded: Folding.fold(start))
    }

    /// The keys, heading and remaining text when `line` is (or opens with) a lesson heading.
    private func heading(in line: Substring) -> ([SectionKey], String, String)? {
        guard !Self.isLong(Self.start(of: line)) else { return nil }
        let trimmed = String(line).trimmingCharacters(in: "")
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
