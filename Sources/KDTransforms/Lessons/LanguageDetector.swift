import KDCore

/// Tells English, French, Spanish, Portuguese and Dutch apart by their most frequent short words
/// (method `stopwords`): the language with the most hits wins when it has at least two and more than any
/// other; otherwise the text's language is left unknown rather than guessed.
public struct LanguageDetector: Sendable {
    /// The method name written beside each detected language.
    public static let method = "stopwords"

    private static let words: [(String, Set<String>)] = [
        ("en", ["the", "and", "of", "to", "is", "are", "was", "were", "with", "for", "that", "this", "be", "by", "on", "it", "when", "should", "than", "not", "from", "only", "have", "has"]),
        ("fr", ["le", "la", "les", "des", "du", "et", "est", "sont", "une", "un", "dans", "pour", "que", "qui", "sur", "pas", "par", "ne", "au", "aux", "avec", "ont", "doit", "plus"]),
        ("es", ["el", "la", "los", "las", "del", "y", "es", "son", "una", "un", "en", "para", "que", "con", "por", "no", "se", "al", "lo", "fue", "debe", "más", "como", "sin"]),
        ("pt", ["o", "os", "as", "do", "da", "dos", "das", "e", "é", "são", "uma", "um", "em", "para", "que", "com", "por", "não", "se", "ao", "na", "no", "mais", "foi"]),
        ("nl", ["de", "het", "een", "en", "van", "is", "zijn", "in", "voor", "dat", "die", "met", "op", "niet", "te", "door", "wordt", "bij", "aan", "moet", "als", "ook", "naar", "om"]),
    ]

    /// Creates a detector.
    public init() {}

    /// The ISO 639-1 code of the text's language, or nil when the words do not decide.
    public func detect(_ text: String) -> String? {
        var counts: [String: Int] = [:]
        var word = ""
        func count() {
            guard !word.isEmpty else { return }
            for (language, set) in Self.words where set.contains(word) { counts[language, default: 0] += 1 }
            word = ""
        }
        for character in text.lowercased() {
            if character.isLetter { word.append(character) } else { count() }
        }
        count()
        let ranked = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        guard let best = ranked.first, best.value >= 2, ranked.count < 2 || ranked[1].value < best.value else { return nil }
        return best.key
    }
}
