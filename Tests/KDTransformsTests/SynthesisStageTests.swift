import KDCore
@testable import KDTransforms
import Testing

@Suite struct SynthesisStageTests {
    static func lesson(
        _ id: String, _ intervention: String, _ country: String, _ text: String, theme: String? = nil, language: String? = nil
    ) -> Lesson {
        var lesson = Lesson(
            id: id, interventionID: intervention, actionCode: intervention, countryISO3: country, area: nil, language: language,
            section: .lessonsLearned, heading: nil, text: text, location: SourceLocation(file: "l.csv", line: 1))
        lesson.themes = theme.map { [$0] } ?? []
        return lesson
    }

    @Test func groupsLessonsThatSayTheSameThingAndRanksThemByRecurrence() {
        var batch = Batch(inputs: [])
        batch.lessons = [
            Self.lesson("A-L01", "A", "SEN", "Remote missions need an onsite inception visit before the design work.", theme: "capacity_building"),
            Self.lesson("B-L01", "B", "KEN", "An onsite inception visit is needed before design work when missions start remote.", theme: "capacity_building"),
            Self.lesson("C-L01", "C", "PER", "Remote missions need an onsite inception visit first.", theme: "capacity_building"),
            Self.lesson("D-L01", "D", "MOZ", "La certificación de competencias requiere a los empleadores."),
            Self.lesson("E-L01", "E", "PRY", "La certificación de competencias solo vale con los empleadores."),
            Self.lesson("F-L01", "F", "TGO", "Internet access limited the use of the job-seeker file."),
        ]
        var log = DiagnosticLog()
        let result = SynthesisStage(threshold: 0.4).run(batch, diagnostics: &log)
        #expect(result.clusters.map(\.lessonIDs) == [["A-L01", "B-L01", "C-L01"], ["D-L01", "E-L01"]])
        #expect(result.clusters[0].interventions == ["A", "B", "C"])
        #expect(result.clusters[0].countries == ["KEN", "PER", "SEN"])
        #expect(result.clusters[0].theme == "capacity_building")
        #expect(result.clusters[0].representative.id == "A-L01")
        let byID = Dictionary(uniqueKeysWithValues: result.lessons.map { ($0.id, $0.clusterID) })
        #expect(byID["F-L01"]! == nil)
        #expect(byID["B-L01"]! == result.clusters[0].id)
    }

    /// A text repeated in more than a fifth of the lessons (a publisher's boilerplate) has only common stems,
    /// which make no candidates; its copies are one group all the same.
    @Test func aTextRepeatedInMostLessonsIsOneGroup() {
        var batch = Batch(inputs: [])
        let boilerplate = "Les mutuelles communautaires ne gardent leurs membres que si les prestataires sont payés sans retard."
        batch.lessons = (10..<35).map { Self.lesson("X\($0)-L01", "X\($0)", "SEN", boilerplate) }
            + [Self.lesson("Y1-L01", "Y1", "BEN", "Les mutuelles de santé gardent leurs membres.")]
        var log = DiagnosticLog()
        let result = SynthesisStage().run(batch, diagnostics: &log)
        #expect(result.clusters.map(\.lessonIDs.count) == [25])
        #expect(result.clusters.first?.interventions.count == 25)
        #expect(result.lessons.filter { $0.clusterID == nil }.map(\.id) == ["Y1-L01"])
    }

    @Test func aHigherThresholdKeepsLessonsApart() {
        var batch = Batch(inputs: [])
        batch.lessons = [
            Self.lesson("A-L01", "A", "SEN", "Remote missions need an onsite inception visit before the design work."),
            Self.lesson("B-L01", "B", "KEN", "An onsite visit helps the design of remote work."),
        ]
        var log = DiagnosticLog()
        #expect(SynthesisStage(threshold: 0.95).run(batch, diagnostics: &log).clusters.isEmpty)
    }

    static let equivalents = Equivalents([
        ["legal basis", "cadre juridique", "wettelijke basis"],
        ["data sharing", "partage des données", "gegevensdeling"],
        ["data", "données", "gegevens", "gegevensdeling"],
        ["social register*", "registre social", "sociaal register"],
        ["payment*", "paiement*", "pagamento*"],
    ])

    /// A lesson and its translation share almost no stem; the sets of equivalents they share, with the stems
    /// the languages share, bring them together. Two lessons in two languages that share one such term only
    /// (`payments`) are not taken to say the same thing, however alone that term is in them.
    @Test func aLessonAndItsTranslationMeetThroughEquivalents() {
        var batch = Batch(inputs: [])
        batch.lessons = [
            Self.lesson("A-L01", "A", "BEN", "Le partage des données du registre social doit reposer sur un cadre juridique adopté avant la collecte.", language: "fr"),
            Self.lesson("B-L01", "B", "SUR", "Een wettelijke basis voor gegevensdeling vastleggen voordat het sociaal register in gebruik wordt genomen.", language: "nl"),
            Self.lesson("C-L01", "C", "MOZ", "Os pagamentos por carteira móvel exigem agentes com liquidez suficiente.", language: "pt"),
            Self.lesson("D-L01", "D", "KEN", "Mobile payments cut the cost of transfers for the ministry.", language: "en"),
        ]
        var log = DiagnosticLog()
        let grouped = SynthesisStage(threshold: 0.35, equivalents: Self.equivalents).run(batch, diagnostics: &log)
        #expect(grouped.clusters.map(\.lessonIDs) == [["A-L01", "B-L01"]])
        #expect(SynthesisStage(threshold: 0.35).run(batch, diagnostics: &log).clusters.isEmpty)
        // The same texts given no language are compared word for word only.
        batch.lessons = batch.lessons.map { lesson in
            var unknown = lesson
            unknown.language = nil
            return unknown
        }
        #expect(SynthesisStage(threshold: 0.35, equivalents: Self.equivalents).run(batch, diagnostics: &log).clusters.isEmpty)
    }

    /// Lessons are compared in blocks, side by side; the groups are those of comparing one lesson at a time,
    /// whether a lesson's leader came in an earlier block or earlier in its own.
    @Test func groupsDoNotDependOnTheBlocksLessonsAreComparedIn() {
        let topics = [
            "remote missions need an onsite inception visit before design work", "mobile payments cut transfer costs",
            "the social register must be updated every year", "employers must validate competence certification",
            "labour inspectors need a case management system", "community health insurance keeps members when providers are paid",
            "unemployment benefits require a job search plan", "pension reform needs an actuarial valuation first",
            "informal workers join contributory schemes through simplified registration", "grievance mechanisms build trust",
        ]
        let fillers = ["partner", "ministry", "region", "pilot", "team", "district", "agency", "training", "budget", "data"]
        var random: UInt64 = 7
        func next(_ bound: Int) -> Int {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return Int((random >> 33) % UInt64(bound))
        }
        let texts = (0..<1_200).map { _ in
            var words = topics[next(topics.count)].split(separator: " ").map(String.init)
            words.remove(at: next(words.count))
            words.insert(fillers[next(fillers.count)], at: next(words.count + 1))
            words.append(fillers[next(fillers.count)] + fillers[next(fillers.count)])
            return words.joined(separator: " ")
        }
        let vectors = LessonVectors(texts)
        let languages = Array(repeating: -1, count: texts.count)
        func groups(blockSize: Int) -> [[Int]] {
            var grouping = LeaderGrouping(vectors, languages: languages, threshold: 0.35, blockSize: blockSize)
            grouping.groupAll()
            return grouping.groups
        }
        let oneByOne = groups(blockSize: 1)
        #expect(oneByOne.filter { $0.count > 1 }.count >= 10)
        #expect(oneByOne.flatMap { $0 }.count == texts.count)
        for blockSize in [37, 512, 5_000] {
            let same = groups(blockSize: blockSize) == oneByOne
            #expect(same, "blocks of \(blockSize) lessons group them otherwise than one at a time")
        }
    }
}
