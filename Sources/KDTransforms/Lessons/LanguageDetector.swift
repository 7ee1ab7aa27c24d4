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
    static let longest = words.flatMap(\.1).map(\.count).max() ?? 0

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
        if !Self.countLatinWords(of: lowered, with: count) { Self.countWords(of: lowered, with: count) }
        // The language with the most hits, when it has at least two and no other has as many.
        guard let best = counts.max(), best >= 2, counts.count(where: { $0 == best }) == 1 else { return nil }
        return Self.words[counts.firstIndex(of: best)!].0
    }

    /// Counts the short words of `lowered` (runs of letters of at most `longest` characters) with `count`.
    static func countWords(of lowered: String, with count: (String) -> Void) {
        var word = ""
        var length = 0
        for character in lowered {
            if character.isLetter {
                length += 1
                if length <= longest { word.append(character) }
            } else {
                if length > 0, length <= longest { count(word) }
                (word, length) = ("", 0)
            }
        }
        if length > 0, length <= longest { count(word) }
    }

    /// Counts the short words of `lowered` with `count` as `countWords` does, byte by byte, when every character
    /// is ASCII or a Latin letter of U+00C0-U+024F (but × and ÷): each is then one scalar and one character, a
    /// letter when it is a-z or one of those, so its words are those its characters make, found without walking
    /// them. False, having counted nothing, for any other text.
    static func countLatinWords(of lowered: String, with count: (String) -> Void) -> Bool {
        var text = lowered
        return text.withUTF8 { bytes in
            // Letters are checked first, then words counted, so that nothing is counted for a text handed back.
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    index += 1
                } else if index + 1 < bytes.count, let length = latinLetterLength(bytes[index], bytes[index + 1]) {
                    index += length
                } else {
                    return false
                }
            }
            var (start, characters) = (0, 0)
            index = 0
            while index <= bytes.count {
                let length = index == bytes.count ? 0 : bytes[index] < 0x80 ? (isLetter(bytes[index]) ? 1 : 0) : 2
                if length == 0 {
                    if characters > 0, characters <= longest {
                        count(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                    }
                    characters = 0
                    index += 1
                    start = index
                } else {
                    characters += 1
                    index += length
                }
            }
            return true
        }
    }

    /// 2 when `lead` and `next` spell a letter of U+00C0-U+024F other than × (U+00D7) and ÷ (U+00F7).
    private static func latinLetterLength(_ lead: UInt8, _ next: UInt8) -> Int? {
        guard next & 0xC0 == 0x80 else { return nil }
        switch lead {
        case 0xC3: return next == 0x97 || next == 0xB7 ? nil : 2
        case 0xC4...0xC8: return 2
        case 0xC9: return next <= 0x8F ? 2 : nil
        default: return nil
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
}
