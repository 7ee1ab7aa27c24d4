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
        guard mayHoldHeading(text) else { return [] }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
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
                body.append(line)
            }
        }
        close()
        return result
    }

    /// Whether some line of `text` may be, or open with, a heading. Only a line's start can be one: what stands
    /// before its first colon, or the whole line when it has none (`heading(in:)`), and a heading has at most
    /// eight words, so a start of more than 20 runs of characters (numbering, markers and dashes aside, a
    /// heading has far fewer) is never one. Only the other starts are folded and looked up, not a long
    /// description's every word.
    private func mayHoldHeading(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let count = bytes.count
            /// The length of the line break at `index`, 0 when there is none: LF, VT, FF, CR, and NEL, U+2028 and
            /// U+2029 (what `Character.isNewline` ends a line at).
            func lineBreak(at index: Int) -> Int {
                let byte = bytes[index]
                if byte >= 0x0A, byte <= 0x0D { return 1 }
                if byte == 0xC2, index + 1 < count, bytes[index + 1] == 0x85 { return 2 }
                if byte == 0xE2, index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] & 0xFE == 0xA8 { return 3 }
                return 0
            }
            var start = 0
            while start < count {
                var (end, colon, runs, inRun) = (start, Int?.none, 0, false)
                var breakLength = 0
                while end < count {
                    breakLength = lineBreak(at: end)
                    if breakLength > 0 { break }
                    if colon == nil {
                        let byte = bytes[end]
                        if byte == UInt8(ascii: ":") {
                            colon = end
                        } else if byte == 0x20 || byte == 0x09 {
                            inRun = false
                        } else if !inRun {
                            (inRun, runs) = (true, runs + 1)
                        }
                    }
                    end += 1
                }
                if runs <= 20 {
                    let candidate = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(colon ?? end)]), as: UTF8.self)
                    if lexicon.mayContainHeading(folded: Folding.fold(candidate)) { return true }
                }
                start = end + max(breakLength, 1)
            }
            return false
        }
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
