/// Words and phrases that say the same thing in the five languages (`cadre juridique`, `wettelijke basis`,
/// `legal basis`): the taxonomy's `equivalents`. Lessons are grouped with each term also read as its set, so
/// that a lesson and its translation meet though they share no stem (`SynthesisStage`); a search of the
/// knowledge base looks for every term of a set the query names (`kdpipe search`).
///
/// Terms are matched on the folded words of a text (`Folding.fold`), whole words; a term ending in `*` matches
/// any word its last word starts (`pagamento*`: pagamentos). Terms of several sets may start at the same word
/// (`data sharing`, `data`).
public struct Equivalents: Sendable {
    /// The sets as written.
    public let sets: [[String]]

    /// One term, matched as the taxonomy's keywords are, and the set it belongs to.
    struct Term: Sendable {
        let matcher: LessonTaxonomy.Matcher
        let set: Int
    }

    /// Terms by their first word; one-word stems by their first three letters.
    private let byFirstWord: [Substring: [Term]]
    private let stemsByPrefix: [Substring: [Term]]

    /// No equivalents: every word is itself.
    public static let none = Equivalents([])

    /// The sets, each a list of terms as written. A term of fewer than three letters is ignored.
    public init(_ sets: [[String]]) {
        var byFirstWord: [Substring: [Term]] = [:]
        var stemsByPrefix: [Substring: [Term]] = [:]
        for (set, terms) in sets.enumerated() {
            for written in terms {
                guard let term = Self.term(written, set: set) else { continue }
                if term.matcher.isStem, !term.matcher.isPhrase {
                    stemsByPrefix[term.matcher.firstWord.prefix(3), default: []].append(term)
                } else {
                    byFirstWord[term.matcher.firstWord, default: []].append(term)
                }
            }
        }
        (self.sets, self.byFirstWord, self.stemsByPrefix) = (sets, byFirstWord, stemsByPrefix)
    }

    private static func term(_ written: String, set: Int) -> Term? {
        let matcher = LessonTaxonomy.Matcher(written)
        let words = matcher.parts
        guard let first = words.first, words.joined().count >= 3, !matcher.isStem || words.count > 1 || first.count >= 3 else {
            return nil
        }
        return Term(matcher: matcher, set: set)
    }

    /// The sets with a term that starts at `words[index]`, each once with the most words its terms there take,
    /// in the order the sets are listed.
    public func sets(at index: Int, in words: [Substring]) -> [(set: Int, length: Int)] {
        let word = words[index]
        var found: [(set: Int, length: Int)] = []
        for term in (byFirstWord[word] ?? []) + (stemsByPrefix[word.prefix(3)] ?? []) where term.matcher.stands(at: index, in: words) {
            let length = term.matcher.parts.count
            if let known = found.firstIndex(where: { $0.set == term.set }) {
                found[known].length = max(found[known].length, length)
            } else {
                found.append((term.set, length))
            }
        }
        return found.sorted { $0.set < $1.set }
    }

    /// What a text's folded words are read as when lessons are compared: each word itself, or a set.
    public enum Reading: Hashable, Sendable {
        case word(Substring)
        case set(Int)
    }

    /// The folded words of `folded` (a text folded with `Folding.fold`), each preceded by the sets of the terms
    /// that start at it: the sets are read beside the words, which lessons in the same language still share.
    public func read(_ folded: String) -> [Reading] {
        let words = Folding.words(of: folded)
        var result: [Reading] = []
        result.reserveCapacity(words.count)
        for index in words.indices {
            result += sets(at: index, in: words).map { Reading.set($0.set) }
            result.append(.word(words[index]))
        }
        return result
    }
}
