import CKDBytes

/// How a taxonomy finds its keywords in a text: each keyword made ready to match once, filed in an index that
/// each of a text's words is looked up in, and the text folded once for every rule.
extension LessonTaxonomy {
    /// Every keyword of a taxonomy's rules, numbered, and filed under what a text's words look up: a word, a
    /// stem's first three letters, a phrase's first word. Each of a text's words is looked up once, rather than
    /// each of the taxonomy's hundreds of keywords searched for in every text.
    struct KeywordIndex: Sendable {
        private var words: [Substring: [Int]] = [:]
        private var stems: [Substring: [(stem: String, id: Int)]] = [:]
        private var shortStems: [(stem: String, id: Int)] = []
        private var phrases: [Substring: [(needle: Matcher, id: Int)]] = [:]
        private(set) var count = 0

        /// Numbers the matchers of `lists`' rules, and files them.
        init(numbering lists: inout [[Rule]]) {
            for list in lists.indices {
                for rule in lists[list].indices {
                    lists[list][rule].ids = lists[list][rule].matchers.map { matcher in
                        guard let matcher else { return -1 }
                        defer { count += 1 }
                        if matcher.folded.isEmpty {
                            // A keyword of punctuation alone matches nothing: it is numbered, not filed.
                        } else if matcher.isPhrase {
                            phrases[matcher.firstWord, default: []].append((matcher, count))
                        } else if !matcher.isStem {
                            words[matcher.firstWord, default: []].append(count)
                        } else if matcher.folded.count >= 3 {
                            stems[matcher.firstWord.prefix(3), default: []].append((matcher.folded, count))
                        } else {
                            shortStems.append((matcher.folded, count))
                        }
                        return count
                    }
                }
            }
        }

        /// Which keywords `text` holds, by number.
        func found(in text: FoldedText) -> [Bool] {
            var found = [Bool](repeating: false, count: count)
            for word in text.wordSet {
                for id in words[word] ?? [] { found[id] = true }
                for (stem, id) in stems[word.prefix(3)] ?? [] where word.hasPrefix(stem) { found[id] = true }
                for (stem, id) in shortStems where word.hasPrefix(stem) { found[id] = true }
                for (phrase, id) in phrases[word] ?? [] where !found[id] && phrase.isIn(text) { found[id] = true }
            }
            return found
        }
    }

    /// A keyword ready to match: a phrase, a word, or a stem (`inspect*`: the last word of a phrase may be one).
    /// The taxonomy's keywords and the terms of its equivalents (`Equivalents`) alike.
    struct Matcher: Sendable, Hashable {
        let folded: String
        /// Its folded words.
        let parts: [Substring]
        let isStem: Bool
        let isPhrase: Bool
        /// A phrase as it stands in a padded text, made once.
        private let needle: String

        init(_ keyword: String) {
            isStem = keyword.hasSuffix("*")
            folded = Folding.fold(isStem ? String(keyword.dropLast()) : keyword)
            parts = Folding.words(of: folded)
            isPhrase = parts.count > 1
            needle = " \(folded)\(isStem ? "" : " ")"
        }

        /// Its first folded word (empty for a keyword of punctuation alone).
        var firstWord: Substring { parts.first ?? "" }

        /// Whether the phrase is in `text` (whose words hold its first word: `KeywordIndex` looks it up by that
        /// word), its bytes searched for in the text's (`String.contains` runs a generic search some 40 times
        /// slower).
        func isIn(_ text: FoldedText) -> Bool {
            var (haystack, needle) = (text.padded, needle)
            return haystack.withUTF8 { haystack in
                needle.withUTF8 { needle in
                    guard let base = haystack.baseAddress, let phrase = needle.baseAddress else { return false }
                    return kd_contains_bytes(base, haystack.count, phrase, needle.count)
                }
            }
        }

        /// Whether one word is the keyword (a one-word keyword or stem).
        func matchesWord(_ word: Substring) -> Bool {
            !folded.isEmpty && !isPhrase && (isStem ? word.hasPrefix(folded) : word == folded)
        }

        /// Where in `text`'s words the keyword stands (the index of its first word), each time it does.
        func positions(in text: FoldedText) -> [Int] {
            text.words.indices.filter { stands(at: $0, in: text.words) }
        }

        /// Whether the keyword stands in `words` from `start`: each of its words there, its last a stem of the
        /// word there when it is one.
        func stands(at start: Int, in words: [Substring]) -> Bool {
            guard !parts.isEmpty, start + parts.count <= words.count else { return false }
            for (offset, part) in parts.enumerated() {
                let word = words[start + offset]
                guard isStem && offset == parts.count - 1 ? word.hasPrefix(part) : word == part else { return false }
            }
            return true
        }
    }

    /// A text folded once for all the rules: its words in order and as a set, the clause each word is in (clauses
    /// end at `.`, `;`, `:`, `!`, `?` and `…`, which folding drops), and which of the taxonomy's keywords it holds.
    struct FoldedText {
        let padded: String
        let words: [Substring]
        let wordSet: Set<Substring>
        let clauses: [Int]
        /// Which of the index's keywords the text holds, by number.
        private(set) var found: [Bool] = []

        init(_ text: String, index keywords: KeywordIndex) {
            let folded = Folding.fold(text)
            padded = " \(folded) "
            words = Folding.words(of: folded)
            wordSet = Set(words)
            // Each clause folded alone gives its words, in the same order (folding turns the marks into spaces).
            var clauses: [Int] = []
            clauses.reserveCapacity(words.count)
            let bytes = text.utf8
            var (start, index) = (bytes.startIndex, bytes.startIndex)
            func close(at end: String.Index) {
                let count = Folding.wordCount(of: Folding.fold(text[start..<end]))
                clauses += repeatElement(clauses.last.map { $0 + 1 } ?? 0, count: count)
            }
            while index < bytes.endIndex {
                let byte = bytes[index]
                var length = Self.clauseEnds.contains(byte) ? 1 : 0
                // `…`, U+2026, is E2 80 A6.
                if byte == 0xE2 {
                    let second = bytes.index(after: index)
                    let third = second < bytes.endIndex ? bytes.index(after: second) : second
                    if third < bytes.endIndex, bytes[second] == 0x80, bytes[third] == 0xA6 { length = 3 }
                }
                guard length > 0 else {
                    index = bytes.index(after: index)
                    continue
                }
                close(at: index)
                index = bytes.index(index, offsetBy: length)
                start = index
            }
            close(at: bytes.endIndex)
            self.clauses = clauses.count == words.count ? clauses : Array(repeating: 0, count: words.count)
            found = keywords.found(in: self)
        }

        /// `.`, `;`, `:`, `!`, `?`.
        static let clauseEnds: Set<UInt8> = [0x2E, 0x3B, 0x3A, 0x21, 0x3F]
    }
}
