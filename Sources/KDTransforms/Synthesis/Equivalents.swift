import KDCore

/// Words and phrases that say the same thing in the five languages (`cadre juridique`, `wettelijke basis`,
/// `legal basis`), each set read as one more term, beside the words, when lessons are compared, so that a
/// lesson and its translation meet though they share no stem (the taxonomy's `equivalents`).
///
/// Terms are matched on the folded words of a text, whole words; a term ending in `*` matches any word its
/// last word starts (`pagamento*`: pagamentos). Terms of several sets may start at the same word (`data
/// sharing`, `data`): each of their sets is read.
public struct Equivalents: Sendable {
    /// One term: its folded words, whether the last is a stem, and the set it belongs to.
    struct Term: Sendable {
        let words: [Substring]
        let isStem: Bool
        let set: Int
    }

    /// Terms by their first word; one-word stems by their first three letters.
    private let byFirstWord: [Substring: [Term]]
    private let stemsByPrefix: [Substring: [Term]]
    /// How many sets there are.
    public let count: Int

    /// No equivalents: every word is itself.
    public static let none = Equivalents([])

    /// The sets, each a list of terms as written. A term of fewer than three letters is ignored.
    public init(_ sets: [[String]]) {
        var byFirstWord: [Substring: [Term]] = [:]
        var stemsByPrefix: [Substring: [Term]] = [:]
        for (set, terms) in sets.enumerated() {
            for written in terms {
                let isStem = written.hasSuffix("*")
                let words = Folding.fold(isStem ? String(written.dropLast()) : written).split(separator: " ")
                guard let first = words.first, words.joined().count >= 3 else { continue }
                let term = Term(words: words, isStem: isStem, set: set)
                if isStem, words.count == 1 {
                    guard first.count >= 3 else { continue }
                    stemsByPrefix[first.prefix(3), default: []].append(term)
                } else {
                    byFirstWord[first, default: []].append(term)
                }
            }
        }
        (self.byFirstWord, self.stemsByPrefix, count) = (byFirstWord, stemsByPrefix, sets.count)
    }

    /// What a text's folded words are read as: each word itself, or, where a term starts, its set.
    enum Reading: Hashable {
        case word(Substring)
        case set(Int)
    }

    /// The folded words of `folded` (a text folded with `Folding.fold`), each preceded by the sets of the terms
    /// that start at it (each set once).
    func read(_ folded: String) -> [Reading] {
        let words = folded.split(separator: " ")
        var result: [Reading] = []
        result.reserveCapacity(words.count)
        for index in words.indices {
            let word = words[index]
            var sets: [Int] = []
            for term in (byFirstWord[word] ?? []) + (stemsByPrefix[word.prefix(3)] ?? [])
            where !sets.contains(term.set) && matches(term, words, at: index) {
                sets.append(term.set)
            }
            // The sets are read beside the words, which lessons in the same language still share.
            result += sets.sorted().map(Reading.set)
            result.append(.word(word))
        }
        return result
    }

    /// Whether `term` stands in `words` from `start`.
    private func matches(_ term: Term, _ words: [Substring], at start: Int) -> Bool {
        guard start + term.words.count <= words.count else { return false }
        for (offset, part) in term.words.enumerated() {
            let word = words[start + offset]
            let isLast = offset == term.words.count - 1
            guard term.isStem && isLast ? word.hasPrefix(part) : word == part else { return false }
        }
        return true
    }
}
