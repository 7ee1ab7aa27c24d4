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
        // Most texts name no heading at all: one pass over the folded text settles that.
        guard lexicon.mayContainHeading(folded: Folding.fold(text)) else { return [] }
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
