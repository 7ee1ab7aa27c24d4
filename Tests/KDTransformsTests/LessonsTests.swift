import KDCore
@testable import KDTransforms
import Testing

@Suite struct HeadingLexiconTests {
    let lexicon = HeadingLexicon.standard

    @Test(arguments: [
        ("Lessons learned", [SectionKey.lessonsLearned]),
        ("5.2 Lessons learnt:", [.lessonsLearned]),
        ("6.2 Leçons apprises", [.lessonsLearned]),
        ("V. Lecciones aprendidas y buenas prácticas", [.lessonsLearned, .goodPractices]),
        ("## Lições Aprendidas", [.lessonsLearned]),
        ("**Geleerde lessen**", [.lessonsLearned]),
        ("A) Enseignements tirés", [.lessonsLearned]),
        ("Conclusions et recommandations", [.conclusions, .recommendations]),
        ("Dificultades encontradas", [.challenges]),
        ("Próximos passos", [.sustainability]),
        ("Aanbevelingen", [.recommendations]),
        ("Good practices", [.goodPractices]),
        ("Background", []),
        ("Budget execution", []),
    ])
    func recognisesHeadingsInFiveLanguages(heading: String, keys: [SectionKey]) {
        #expect(lexicon.keys(for: heading) == keys)
    }

    @Test func stripsNumberingAndMarkup() {
        #expect(HeadingLexicon.strippingNumbering("6.2 Leçons apprises") == "Leçons apprises")
        #expect(HeadingLexicon.strippingNumbering("**8. Conclusions et recommandations :**") == "Conclusions et recommandations")
        #expect(HeadingLexicon.strippingNumbering("IV) Défis") == "Défis")
        #expect(HeadingLexicon.strippingNumbering("Lessons") == "Lessons")
    }
}

@Suite struct LessonsStageTests {
    @Test func drawsItemsAndParagraphsUnderRecognisedHeadings() {
        var item = Make.intervention("SOCIEUX+ 2019-07 SENEGAL")
        item.language = "fr"
        item.country.iso3 = "SEN"
        item.area = Reported(raw: "Protection sociale", value: "social_protection")
        var lessons = NarrativeSection(keys: [], heading: "6.2 Leçons apprises", language: "fr", location: SourceLocation(file: "s.xml", line: 10))
        lessons.paragraphs = [NarrativeItem(text: "Premier.", location: SourceLocation(file: "s.xml", line: 12))]
        lessons.items = [NarrativeItem(text: "Recommandé.", key: .recommendations, location: SourceLocation(file: "s.xml", line: 11))]
        var annex = NarrativeSection(keys: [], heading: "Annexe", language: "fr", location: SourceLocation(file: "s.xml", line: 20))
        annex.paragraphs = [NarrativeItem(text: "Liste.", location: SourceLocation(file: "s.xml", line: 21))]
        let empty = NarrativeSection(keys: [.challenges], heading: "Défis", language: "fr", location: SourceLocation(file: "s.xml", line: 30))
        item.sections = [lessons, annex, empty]
        var batch = Batch(inputs: [])
        batch.interventions = [item]
        var log = DiagnosticLog()
        let result = LessonsStage().run(batch, diagnostics: &log).lessons
        #expect(result.map(\.id) == ["2019-07-L01", "2019-07-L02", "2019-07-L03"])
        #expect(result.map(\.section) == [.recommendations, .lessonsLearned, .other])
        #expect(result.map(\.text) == ["Recommandé.", "Premier.", "Liste."])
        #expect(result.allSatisfy { $0.language == "fr" && $0.countryISO3 == "SEN" && $0.area == "social_protection" })
        #expect(log.entries.map(\.code) == ["LSN-001", "LSN-002"])
    }
}

@Suite struct AggregateStageTests {
    @Test func talliesThePortfolio() {
        var first = Make.intervention("SOCIEUX+ 2019-07 SENEGAL")
        first.country.iso3 = "SEN"
        first.area = Reported(raw: "x", value: "social_protection")
        first.assistanceTypes = ["Capacity building", "Policy development"]
        var activity = Activity(number: "1")
        activity.experts = [Expert(days: Reported(raw: "10", value: 10)), Expert(days: Reported(raw: "5", value: 5))]
        activity.participantsFemale = 3
        activity.participantsMale = 1
        first.activities = [activity]
        first.end = Reported(raw: "", value: PartialDate(year: 2020, month: 3))
        var second = Make.intervention("2014-05")
        second.country.iso3 = "BOL"
        second.assistanceTypes = ["Capacity building"]
        second.end = Reported(raw: "", value: PartialDate(year: 2014, month: 10))
        var batch = Batch(inputs: [])
        batch.interventions = [first, second]
        var log = DiagnosticLog()
        let portfolio = AggregateStage().run(batch, diagnostics: &log)
        #expect(portfolio.interventions == 2)
        #expect(portfolio.countries == 2)
        #expect(portfolio.expertDays == 15)
        #expect(portfolio.participantsFemale == 3)
        #expect(portfolio.byAssistanceType.map(\.key) == ["Capacity building", "Policy development"])
        #expect(portfolio.byAssistanceType.map(\.interventions) == [2, 1])
        #expect(portfolio.byArea.map(\.key) == ["social_protection", "unspecified"])
        #expect(portfolio.byYear.map(\.key) == ["2014", "2019"])
        #expect(portfolio.latestEnd == PartialDate(year: 2020, month: 3))
    }
}

@Suite struct SeenTextsTests {
    /// Texts met are found again, in the list while they are few and in the set past that.
    @Test func findsEveryTextMetAndNoOther() {
        var seen = SeenTexts()
        for index in 0..<40 {
            #expect(!seen.contains("comment \(index)"))
            seen.insert("comment \(index)")
            #expect((0...index).allSatisfy { seen.contains("comment \($0)") })
        }
        #expect(!seen.contains("comment 40") && !seen.contains(""))
    }
}
