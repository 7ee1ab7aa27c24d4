import KDCore
@testable import KDTransforms
import KDTestSupport
import Testing

@Suite struct LessonSplitterTests {
    let splitter = LessonSplitter()

    @Test func bulletsBecomeLessonsAndTheIntroductionIsDropped() {
        let text = """

              Les principaux enseignements sont :
              - La mise à jour continue du registre
                coûte moins cher que des campagnes ponctuelles.
              • Le partage de données doit être réglé dès le diagnostic.
            """
        let pieces = splitter.split(text)
        #expect(pieces.map(\.text) == [
            "La mise à jour continue du registre coûte moins cher que des campagnes ponctuelles.",
            "Le partage de données doit être réglé dès le diagnostic.",
        ])
        #expect(pieces.map(\.lineOffset) == [2, 4])
    }

    @Test(arguments: ["1. ", "1) ", "(1) ", "a) ", "iv. "])
    func numberedItemsBecomeLessons(marker: String) {
        let pieces = splitter.split("\(marker)First lesson.\n\(marker)Second lesson,\nwhich runs on.")
        #expect(pieces.map(\.text) == ["First lesson.", "Second lesson, which runs on."])
    }

    @Test func paragraphsSplitOnBlankLinesAndNeverInsideASentence() {
        let pieces = splitter.split("One lesson that runs\nover two lines.\n\nAnother one. With two sentences.")
        #expect(pieces.map(\.text) == ["One lesson that runs over two lines.", "Another one. With two sentences."])
        #expect(pieces.map(\.lineOffset) == [0, 3])
        #expect(splitter.split("A single paragraph, kept whole: even with a colon.").count == 1)
        #expect(splitter.split("   \n  ").isEmpty)
    }

    @Test func numbersInsideSentencesAreNotItems() {
        let pieces = splitter.split("In 2019 the fund covered 12.5 % of workers.\n2020 was different.")
        #expect(pieces.count == 1)
    }

    /// Lines are split at LF, CR LF and CR byte by byte, as a split at those characters gives them.
    @Test(arguments: ["", "one", "one\n", "\n\n", "a\r\nb\rc\nd", "a\r\r\nb", "é\u{301}\nx", "tab\tand\u{2028}sep\n\r"])
    func linesAreSplitAtLineBreaks(text: String) {
        let reference = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.map(String.init)
        #expect(LessonSplitter.lines(of: text) == reference)
    }
}

@Suite struct LanguageDetectorTests {
    /// Texts of ASCII and Latin letters are split into words byte by byte; the words are those their characters
    /// make, and any other text is left to the characters.
    @Test func latinTextsAreSplitAsTheirCharactersSplitThem() {
        for value in 0xC0...0x24F where value != 0xD7 && value != 0xF7 {
            #expect(Character(Unicode.Scalar(value)!).isLetter, "U+\(String(value, radix: 16))")
        }
        let pieces = ["a", "de", "la", "é", "não", "ç", " ", ", ", "-", "—", "2019", "\r\n", "\n", "×", "÷", "¿", "ª", "µ",
                      "\u{BF}", "\u{C0}", "\u{FF}", "\u{100}", "\u{24F}", "\u{250}", "\u{301}", "и", "ŀ", "ǆ", "Ÿ", "İ"]
        var random: UInt64 = 11
        func next(_ bound: Int) -> Int {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return Int((random >> 33) % UInt64(bound))
        }
        var texts = ["Les leçons apprises : la coopération a été très efficace.", "A cobertura é não só", "e\u{301}té", ""]
        texts += (0..<400).map { _ in (0..<next(12)).map { _ in pieces[next(pieces.count)] }.joined() }
        var latin = 0
        for text in texts {
            let lowered = text.lowercased()
            var (fast, slow) = ([String](), [String]())
            let split = LanguageDetector.countLatinWords(of: lowered) { fast.append($0) }
            LanguageDetector.countWords(of: lowered) { slow.append($0) }
            if split { latin += 1 }
            #expect(split ? fast == slow : fast.isEmpty, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(latin > 50)
        #expect(!LanguageDetector.countLatinWords(of: "e\u{301}") { _ in })
        #expect(!LanguageDetector.countLatinWords(of: "итоги") { _ in })
    }

    let detector = LanguageDetector()

    @Test(arguments: [
        ("Grievance handling improves when complaints are logged at the payment point.", "en"),
        ("Le partage de données avec l'état civil a été bloqué tant que le cadre juridique n'était pas clarifié.", "fr"),
        ("La formación de inspectores es más eficaz cuando se combina con casos reales de empresas.", "es"),
        ("Os pagamentos por carteira móvel só funcionam onde há agentes com liquidez suficiente.", "pt"),
        ("Het koppelen van bestanden vraagt eerst afspraken over een uniek persoonsnummer.", "nl"),
    ])
    func detectsTheFiveLanguages(text: String, language: String) {
        #expect(detector.detect(text) == language)
    }

    @Test func leavesShortOrUnclearTextUnknown() {
        #expect(detector.detect("OK") == nil)
        #expect(detector.detect("NSITF, SUNAFIL, IESS") == nil)
    }

    /// The detector decides as the plain reading it replaced (every word of letters looked up in each
    /// language's set) on texts made at random of short words in the five languages, in capitals, with
    /// accents composed or not, among numbers, punctuation and long words.
    @Test func decidesAsThePlainReadingDoes() {
        let sets: [(String, Set<String>)] = [
            ("en", ["the", "and", "of", "to", "is", "are", "was", "were", "with", "for", "that", "this", "be", "by", "on", "it", "when", "should", "than", "not", "from", "only", "have", "has"]),
            ("fr", ["le", "la", "les", "des", "du", "et", "est", "sont", "une", "un", "dans", "pour", "que", "qui", "sur", "pas", "par", "ne", "au", "aux", "avec", "ont", "doit", "plus"]),
            ("es", ["el", "la", "los", "las", "del", "y", "es", "son", "una", "un", "en", "para", "que", "con", "por", "no", "se", "al", "lo", "fue", "debe", "más", "como", "sin"]),
            ("pt", ["o", "os", "as", "do", "da", "dos", "das", "e", "é", "são", "uma", "um", "em", "para", "que", "com", "por", "não", "se", "ao", "na", "no", "mais", "foi"]),
            ("nl", ["de", "het", "een", "en", "van", "is", "zijn", "in", "voor", "dat", "die", "met", "op", "niet", "te", "door", "wordt", "bij", "aan", "moet", "als", "ook", "naar", "om"]),
        ]
        func plain(_ text: String) -> String? {
            var counts: [String: Int] = [:]
            var word = ""
            func count() {
                guard !word.isEmpty else { return }
                for (language, set) in sets where set.contains(word) { counts[language, default: 0] += 1 }
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
        var random = SplitMix(seed: 11)
        let words = sets.flatMap { $0.1 }.sorted() + [
            "THE", "Não", "na\u{303}o", "E\u{301}", "e\u{301}", "MÁS", "shoulder", "registre", "2019", "x1", "ß", "Œuvre",
        ]
        let gaps = [" ", " ", ", ", ". ", "\r\n", "-", "'", " \u{301}", "—", "1"]
        var decided = 0
        for _ in 0..<4_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...10, using: &random) {
                text += words.randomElement(using: &random)! + gaps.randomElement(using: &random)!
            }
            let expected = plain(text)
            #expect(detector.detect(text) == expected, "\(text)")
            if expected != nil { decided += 1 }
        }
        #expect(decided > 500)
    }
}
