import KDCore
import KDTransforms
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
}

@Suite struct LanguageDetectorTests {
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
}
