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

    /// Each short word's languages, a bit each (bit `n` for `words[n]`): one lookup a word instead of five.
    private static let languagesOf: [String: UInt8] = {
        var table: [String: UInt8] = [:]
        for (index, (_, set)) in words.enumerated() { for word in set { table[word, default: 0] |= 1 << UInt8(index) } }
        return table
    }()

    /// The longest short word, in characters: a longer word is none of them, and is not looked up.
    private static let longest = words.flatMap(\.1).map(\.count).max() ?? 0

    /// Creates a detector.
    public init() {}

    /// The ISO 639-1 code of the text's language, or nil when the words do not decide.
    public func detect(_ text: String) -> String? {
        var counts = [Int](repeating: 0, count: Self.words.count)
        func count(_ word: String) {
            guard let languages = Self.languagesOf[word] else { return }
            for index in counts.indices where languages & (1 << UInt8(index)) != 0 { counts[index] += 1 }
        }
        let lowered = text.lowercased()
        if lowered.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: a character is a byte, and a letter one of a-z (the text is lower-cased).
            var utf8 = lowered.utf8[...]
            while let start = utf8.firstIndex(where: Self.isLetter) {
                utf8 = utf8[start...]
                let end = utf8.firstIndex { !Self.isLetter($0) } ?? utf8.endIndex
                if utf8.distance(from: start, to: end) <= Self.longest { count(String(Substring(utf8[start..<end]))) }
                utf8 = utf8[end...]
            }
        } else {
            var word = ""
            var length = 0
            for character in lowered {
                if character.isLetter {
                    length += 1
                    if length <= Self.longest { word.append(character) }
                } else {
                    if length > 0, length <= Self.longest { count(word) }
                    (word, length) = ("", 0)
                }
            }
            if length > 0, length <= Self.longest { count(word) }
        }
        // The language with the most hits, when it has at least two and no other has as many.
        guard let best = counts.max(), best >= 2, counts.count(where: { $0 == best }) == 1 else { return nil }
        return Self.words[counts.firstIndex(of: best)!].0
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
}
