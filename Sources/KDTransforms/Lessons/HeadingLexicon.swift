import KDCore

/// Recognises the headings under which lessons appear, in EN, FR, ES, PT and NL (DOMAIN.md).
///
/// Matching is case- and accent-insensitive on whole words, after stripping numbering (`5.2`, `V.`, `A)`),
/// Markdown `#`, bold markers and a trailing colon. A combined heading maps to several keys, in the order written.
public struct HeadingLexicon: Sendable {
    /// The phrases of each key.
    public let phrases: [SectionKey: [String]]
    private let indexStorage: [String: [(words: [String], key: SectionKey)]]
    /// For each first byte, a bit per length of the phrases' first words (a cheap filter before the index).
    private let firstWordShapes: [UInt64]

    /// A lexicon of phrases by key (matched on folded whole words).
    public init(phrases: [SectionKey: [String]]) {
        self.phrases = phrases
        var index: [String: [(words: [String], key: SectionKey)]] = [:]
        for key in SectionKey.allCases {
            for phrase in phrases[key] ?? [] {
                let words = Folding.words(of: Folding.fold(phrase)).map(String.init)
                guard let first = words.first else { continue }
                index[first, default: []].append((words, key))
            }
        }
        self.indexStorage = index
        var shapes = [UInt64](repeating: 0, count: 256)
        for first in index.keys where first.utf8.count < 64 {
            shapes[Int(first.utf8.first!)] |= 1 << UInt64(first.utf8.count)
        }
        self.firstWordShapes = shapes
    }

    /// The lexicon of DOMAIN.md.
    public static let standard = HeadingLexicon(phrases: [
        .lessonsLearned: [
            "lessons learned", "lessons learnt", "lesson learned", "lesson learnt", "key lessons", "learning", "learnings",
            "lesson", "lecon", "leccion", "licao",
            "lecons apprises", "enseignements tires", "lecons tirees", "enseignements", "capitalisation",
            "lecciones aprendidas", "aprendizajes", "ensenanzas",
            "licoes aprendidas", "aprendizagens", "ensinamentos",
            "geleerde lessen", "lessen", "leerpunten",
        ],
        .goodPractices: [
            "good practices", "best practices", "promising practices", "emerging good practices", "good practice",
            "bonnes pratiques", "pratiques prometteuses",
            "buenas practicas", "practicas prometedoras",
            "boas praticas", "praticas promissoras",
            "goede praktijken",
        ],
        .recommendations: [
            "recommendations", "recommandations", "recomendaciones", "recomendacoes", "aanbevelingen",
            "recommendation", "recommandation", "recomendacion", "recomendacao", "aanbeveling",
        ],
        .challenges: [
            "challenges", "challenge", "constraints", "difficulties encountered", "obstacles",
            "defis", "difficultes rencontrees", "contraintes",
            "desafios", "retos", "dificultades encontradas",
            "dificuldades encontradas", "constrangimentos",
            "uitdagingen", "knelpunten", "moeilijkheden",
        ],
        .conclusions: ["conclusions", "conclusiones", "conclusoes", "conclusies"],
        .sustainability: [
            "sustainability", "follow up", "next steps",
            "durabilite", "perennite", "prochaines etapes",
            "sostenibilidad", "proximos pasos",
            "sustentabilidade", "proximos passos",
            "duurzaamheid", "volgende stappen",
        ],
    ])

    /// The keys a heading names, in the order they appear in it; empty when it names none.
    public func keys(for heading: String) -> [SectionKey] {
        keys(forFoldedWords: Self.foldedWords(of: heading))
    }

    /// Whether folded text holds the first word of some phrase; when it does not, no line of it is a heading.
    public func mayContainHeading(folded text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x20 { end += 1 }
                // Only a word whose first byte and length some first word shares is looked up.
                let length = end - start
                if length >= 64 || firstWordShapes[Int(bytes[start])] & (1 << UInt64(length)) != 0,
                   index[String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)] != nil {
                    return true
                }
                start = end + 1
            }
            return false
        }
    }

    /// The folded words of a heading, numbering and markers stripped: what `keys(forFoldedWords:)` takes.
    public static func foldedWords(of heading: String) -> [Substring] {
        Folding.words(of: Folding.fold(strippingNumbering(heading)))
    }

    /// The keys named by a heading already split into folded words.
    public func keys(forFoldedWords words: [Substring]) -> [SectionKey] {
        var found: [(position: Int, length: Int, key: SectionKey)] = []
        for (position, word) in words.enumerated() {
            // Only the phrases that start with this word are tried, word by word.
            for (phrase, key) in index[String(word)] ?? [] where position + phrase.count <= words.count {
                if phrase.indices.allSatisfy({ words[position + $0] == phrase[$0][...] }) {
                    found.append((position, phrase.count, key))
                }
            }
        }
        var keys: [SectionKey] = []
        for match in found.sorted(by: { ($0.position, -$0.length, $0.key) < ($1.position, -$1.length, $1.key) })
        where !keys.contains(match.key) {
            keys.append(match.key)
        }
        return keys
    }

    /// Folded phrases as word lists, by their first word.
    private var index: [String: [(words: [String], key: SectionKey)]] {
        indexStorage
    }

    /// The heading without leading numbering or Markdown markers and without a trailing colon.
    public static func strippingNumbering(_ heading: String) -> String {
        var text = Substring(heading.trimmingCharacters(in: "#*_ "))
        while let first = text.first, first == "#" || first == "*" || first == " " { text.removeFirst() }
        let token = text.prefix { !$0.isWhitespace }
        let isNumbering = !token.isEmpty && (
            token.allSatisfy { $0.isNumber || $0 == "." || $0 == ")" }
                || (token.count <= 6 && token.dropLast().allSatisfy { "IVXLivxl".contains($0) } && (token.last == "." || token.last == ")"))
                || (token.count == 2 && token.first!.isLetter && (token.last == ")" || token.last == ".")))
        if isNumbering { text = text.dropFirst(token.count) }
        return String(text).trimmingCharacters(in: ":*_ ")
    }
}
