import Foundation
import KDCore
import KDPipeline
import KDReports
import KDTestSupport
import KDTransforms
import Testing

@Suite struct LessonTaxonomyTests {
    static let taxonomy: LessonTaxonomy = {
        (try? LessonTaxonomy.load(path: Fixtures.repositoryRoot.appendingPathComponent("Pipelines/taxonomy.yml").path)) ?? .empty
    }()

    /// (group, key, example) for every rule of the shipped taxonomy.
    static let examples: [(String, String, String)] =
        taxonomy.themes.flatMap { rule in rule.examples.map { ("theme", rule.key, $0) } }
        + taxonomy.dacCriteria.flatMap { rule in rule.examples.map { ("dac", rule.key, $0) } }
        + taxonomy.polarity.flatMap { rule in rule.examples.map { ("polarity", rule.key, $0) } }
        + taxonomy.addressees.flatMap { rule in rule.examples.map { ("addressee", rule.key, $0) } }

    @Test func everyRuleCarriesExamples() {
        #expect(Self.taxonomy.themes.count >= 14)
        #expect(Set(Self.taxonomy.dacCriteria.map(\.key)) == ["relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability"])
        #expect(Self.taxonomy.addressees.map(\.key) == ["facility", "eu_delegation", "partner"])
        for rule in Self.taxonomy.themes + Self.taxonomy.dacCriteria + Self.taxonomy.polarity {
            #expect(!rule.examples.isEmpty, "\(rule.key) has no example")
        }
    }

    /// One generic test runs every rule's examples: the rule must fire on each.
    @Test(arguments: examples)
    func examplesFireTheirRule(group: String, key: String, text: String) {
        let result = Self.taxonomy.classify(text, isRecommendation: group == "addressee")
        switch group {
        case "theme": #expect(result.themes.contains(key), "\(text) → \(result.themes)")
        case "dac": #expect(result.dacCriterion == key, "\(text) → \(result.dacCriterion ?? "none")")
        case "addressee": #expect(result.addressee == key, "\(text) → \(result.addressee ?? "none")")
        default: #expect(result.polarity == key, "\(text) → \(result.polarity ?? "none")")
        }
        #expect(result.rules.contains { $0.hasPrefix("\(group):\(key):") })
    }

    /// Only a recommendation is given an addressee: from its words, or else from the heading it stands under.
    @Test func recommendationsAreAddressedByTheirWordsOrTheirHeading() {
        let text = "Link the follow-up of the action to the budget support programme."
        #expect(Self.taxonomy.classify(text, isRecommendation: true).addressee == nil)
        let headed = Self.taxonomy.classify(text, isRecommendation: true, heading: "7.3 Recommandations à la Délégation de l'UE")
        #expect(headed.addressee == "eu_delegation")
        #expect(headed.rules.contains("addressee:eu_delegation:délégation de l'ue (heading)"))
        let worded = Self.taxonomy.classify("The facility should plan a follow-up mission.", isRecommendation: true, heading: "Recommendations to the EU Delegation")
        #expect(worded.addressee == "facility")
        #expect(Self.taxonomy.classify("The facility should plan a follow-up mission.").addressee == nil)
        // French folds the facility's noun into the verb *faciliter*: the verb addresses no one.
        #expect(Self.taxonomy.classify("Poursuivre l'approche communautaire qui a facilité l'affiliation.", isRecommendation: true).addressee == nil)
    }

    /// A difficulty's keyword just after a reversing word tells of a success ("reduced the delays"); the rule that
    /// fired says so, and the same keyword without it stays a difficulty.
    @Test func aReducedDifficultyIsASuccess() {
        let reduced = Self.taxonomy.classify("A digitalização dos processos de inscrição reduziu os atrasos no registo dos trabalhadores.")
        #expect(reduced.polarity == "success")
        #expect(reduced.rules.contains("polarity:success:atras* after reduz*"), "\(reduced.rules)")
        #expect(Self.taxonomy.classify("Os atrasos no registo dos trabalhadores continuaram.").polarity == "difficulty")
        // A reversing word too far before the keyword (more than three words) reverses nothing.
        #expect(Self.taxonomy.classify("Fewer missions were held, and the survey was then blocked for months.").polarity == "difficulty")
        // The difficulty keywords not reversed still count (here two against the one reversed).
        let mixed = Self.taxonomy.classify("The new forms reduced delays, but staff turnover limited the results.")
        #expect(mixed.polarity == "difficulty")
        #expect(mixed.rules.contains { $0.hasPrefix("polarity:difficulty:limited") })
    }

    /// A polarity's keyword just after a negating word tells neither polarity ("paid without delay" is no
    /// difficulty), and the rules say which keyword was set aside; the same keyword elsewhere in the text, or
    /// another keyword, still counts.
    @Test func aNegatedKeywordTellsNeitherPolarity() {
        let condition = Self.taxonomy.classify(
            "Les mutuelles communautaires ne gardent leurs membres que si les prestataires de soins sont payés sans retard.")
        #expect(condition.polarity == nil, "\(condition.rules)")
        #expect(condition.rules.contains("polarity:none:retard* after sans"), "\(condition.rules)")
        #expect(Self.taxonomy.classify("The new registry did not improve the targeting.").polarity == nil)
        #expect(Self.taxonomy.classify("Las transferencias se pagaron sin ningún retraso.").polarity == nil)
        // Two words between them are too far (the reach is two words).
        #expect(Self.taxonomy.classify("Payments were made without the usual long delays.").polarity == "difficulty")
        // The keyword again, not negated, counts; so does another keyword.
        #expect(Self.taxonomy.classify("Paid without delay at first, the benefits then suffered long delays.").polarity == "difficulty")
        let other = Self.taxonomy.classify("Sem atrasos nos pagamentos, a adesão melhorou.")
        #expect(other.polarity == "success", "\(other.rules)")
        // A negated reversing word reverses nothing: delays not reduced are a difficulty.
        let unreduced = Self.taxonomy.classify("The online forms did not reduce the delays in registration.")
        #expect(unreduced.polarity == "difficulty", "\(unreduced.rules)")
    }

    /// A polarity's keyword after a word of obligation in its clause tells neither polarity (what must be done is
    /// no finding); in another clause, too far after it, or before it, the keyword counts. A recommendation tells
    /// none, whatever its words. A negating word in another clause negates nothing.
    @Test func whatMustBeDoneTellsNeitherPolarity() {
        let must = Self.taxonomy.classify(
            "Le partage des données du registre social doit reposer sur un cadre juridique adopté avant la collecte.")
        #expect(must.polarity == nil, "\(must.rules)")
        #expect(must.rules.contains("polarity:none:adopté* after doit"), "\(must.rules)")
        #expect(Self.taxonomy.classify("Registration should improve once the forms are online.").polarity == nil)
        #expect(Self.taxonomy.classify("Las oficinas deben tener mejores conexiones.").polarity == nil)
        // Another clause, more than six words on, or the obligation after the keyword: the keyword counts.
        #expect(Self.taxonomy.classify("Pilots must be evaluated: the small pilot in Sal worked.").polarity == "success")
        #expect(Self.taxonomy.classify("Les agents doivent voir que le pilote a fonctionné.").polarity == nil)
        #expect(Self.taxonomy.classify("Les agents doivent voir… le pilote a fonctionné.").polarity == "success")
        #expect(Self.taxonomy.classify("Training must reach the regional offices where for two years the new method worked.").polarity == "success")
        #expect(Self.taxonomy.classify("The pilot worked, and it should be extended.").polarity == "success")
        let recommendation = Self.taxonomy.classify(
            "Adopter un décret sur le partage des données du RNU avant la prochaine campagne.", isRecommendation: true)
        #expect(recommendation.polarity == nil)
        #expect(recommendation.rules.contains("polarity:none:adopté* in a recommendation"), "\(recommendation.rules)")
        #expect(Self.taxonomy.classify("Avoid delays in the first payments.", isRecommendation: true).polarity == nil)
        #expect(Self.taxonomy.classify("Avoid delays in the first payments.").polarity == "success")
        // "without" ends its clause before "delays": the delays are a difficulty.
        #expect(Self.taxonomy.classify("The benefits were paid without fail; delays came with the new system.").polarity == "difficulty")
    }

    /// Keywords are found by a text's words: whole words, stems (of any length), phrases (a stem at their end or
    /// not) and never a keyword that folds to nothing; the rule with the most keywords found ranks first.
    @Test func keywordsAreFoundByWordsStemsAndPhrases() {
        typealias Rule = LessonTaxonomy.Rule
        let taxonomy = LessonTaxonomy(
            themes: [
                Rule(key: "short", keywords: ["ab*"]),
                Rule(key: "phrase", keywords: ["cash transfer*", "social register"]),
                Rule(key: "word", keywords: ["pension", "---"]),
                Rule(key: "stem", keywords: ["inspect*"]),
            ],
            dacCriteria: [], polarity: [])
        #expect(taxonomy.classify("Abonnements, cash transfers and the social register; inspectors.").themes == ["phrase", "short", "stem"])
        #expect(taxonomy.classify("A pension --- for all.").themes == ["word"])
        #expect(taxonomy.classify("The social registers and the cash.").themes.isEmpty)
        #expect(taxonomy.classify("Las transferencias en efectivo (cash transferencias).").themes == ["phrase"])
    }

    /// A reversal names polarity rules the taxonomy has; one that names another is refused with its line.
    @Test func aReversalMustNamePolarityRules() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = """
            polarity:
              - key: difficulty
                keywords: [delay*]
            polarity_reversal:
              from: difficulty
              to: succes
              words: [reduc*]
            """
        let path = try Fixtures.write(text, to: "t.yml", in: folder)
        #expect(throws: PipelineError.self) { try LessonTaxonomy.load(path: path) }
        do { _ = try LessonTaxonomy.load(path: path) } catch {
            #expect(error.description.contains("t.yml:5"), "\(error.description)")
            #expect(error.description.contains("polarity_reversal: 'succes' is no polarity rule's key"))
        }
    }

    /// Negating words and sets of equivalents are read from the file; a set of one term, or a negation with
    /// more than its words, is refused with its line.
    @Test func negationAndEquivalentsAreReadAndChecked() throws {
        #expect(Self.taxonomy.negation?.words.contains("sans") == true)
        #expect(Self.taxonomy.obligation?.words.contains("doit") == true)
        #expect(Self.taxonomy.equivalents.contains { $0.contains("cadre juridique") && $0.contains("wettelijke basis") })
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases = [
            ("equivalents:\n  - [legal basis, cadre juridique]\n  - [gegevens]\n", "t.yml:3", "at least two words or phrases"),
            ("polarity_negation:\n  words: [sans]\n  reach: 4\n", "t.yml:2", "'polarity_negation' needs a non-empty list of 'words'"),
            ("polarity_obligation:\n  words: []\n", "t.yml:2", "'polarity_obligation' needs a non-empty list of 'words'"),
        ]
        for (text, line, message) in cases {
            let path = try Fixtures.write(text, to: "t.yml", in: folder)
            do {
                _ = try LessonTaxonomy.load(path: path)
                Issue.record("\(text) was read")
            } catch {
                #expect(error.description.contains(line), "\(error.description)")
                #expect(error.description.contains(message), "\(error.description)")
            }
        }
    }

    @Test func falseFriendsAreKeptApart() {
        #expect(Self.taxonomy.classify("L'efficacité du dispositif a été démontrée.").dacCriterion == "effectiveness")
        #expect(Self.taxonomy.classify("L'efficience du dispositif a été démontrée.").dacCriterion == "efficiency")
        #expect(Self.taxonomy.classify("La eficiencia del programa mejoró.").dacCriterion == "efficiency")
        #expect(Self.taxonomy.classify("A eficácia do programa melhorou.").dacCriterion == "effectiveness")
        #expect(Self.taxonomy.classify("De doelmatigheid van het programma.").dacCriterion == "efficiency")
    }

    @Test func analystThemesComeFirstAndSectionsGivePolarity() {
        var lesson = Lesson(
            id: "2020-01-L01", interventionID: "2020-01", actionCode: "2020-01", countryISO3: nil, area: nil, language: "en",
            section: .challenges, heading: nil, text: "Inspectors were hard to reach in the provinces.",
            location: SourceLocation(file: "l.csv", line: 2))
        lesson.givenTheme = "Social dialogue"
        let classified = ClassifyStage(taxonomy: Self.taxonomy).classify(lesson)
        #expect(classified.themes.first == "social_dialogue")
        #expect(classified.themes.contains("labour_inspection"))
        #expect(classified.polarity == "difficulty")
        #expect(classified.rules.first == "theme:social_dialogue:analyst")
        #expect(classified.rules.contains("polarity:difficulty:section"))
    }

    /// A theme's label heads its recurring lessons, and an analyst's theme written as the label is that theme.
    @Test func themesGoByTheirLabels() {
        #expect(Self.taxonomy.themeLabels["mis_digitalisation"] == "MIS and digitalisation")
        #expect(Self.taxonomy.themeKey(given: "MIS and Digitalisation") == "mis_digitalisation")
        #expect(Self.taxonomy.themeKey(given: "Social dialogue") == "social_dialogue")
        let writer = SummaryWriter(pipelineName: "t", version: "0", themeLabels: Self.taxonomy.themeLabels)
        var batch = Batch(inputs: [])
        let lessons = ["2020-01", "2021-02"].enumerated().map { index, action in
            Lesson(
                id: "\(action)-L01", interventionID: action, actionCode: action, countryISO3: nil, area: nil, language: "en",
                section: .lessonsLearned, heading: nil, text: "Registry data must be shared under a law.",
                location: SourceLocation(file: "l.csv", line: index + 2))
        }
        batch.lessons = lessons
        batch.clusters = [
            LessonCluster(
                id: "C001", representative: lessons[0], lessonIDs: lessons.map(\.id), interventions: ["2020-01", "2021-02"],
                countries: [], theme: "mis_digitalisation"),
        ]
        let summary = writer.render(batch, Portfolio(), diagnostics: []).content
        #expect(summary.contains("""
            ### MIS and digitalisation

            - 2 interventions: **Registry data must be shared under a law.** *[2020-01, en; l.csv:2]*
              - Registry data must be shared under a law. *[2021-02, en; l.csv:3]*

            """))
    }

    /// Recurring lessons are headed by theme in the order of the headings as read (their labels, not their
    /// keys: `delivery_modality` is "Remote and onsite delivery"), groups of no theme last.
    @Test func recurringThemesComeInTheOrderOfTheirHeadings() throws {
        let writer = SummaryWriter(pipelineName: "t", version: "0", themeLabels: Self.taxonomy.themeLabels)
        var batch = Batch(inputs: [])
        var lessons: [Lesson] = []
        for (index, theme) in ["delivery_modality", "employment_services", nil].enumerated() {
            let pair = ["2020-0\(index)", "2021-0\(index)"].map { action in
                Lesson(
                    id: "\(action)-L01", interventionID: action, actionCode: action, countryISO3: nil, area: nil, language: "en",
                    section: .lessonsLearned, heading: nil, text: "Lesson \(index).", location: SourceLocation(file: "l.csv", line: 2))
            }
            lessons += pair
            batch.clusters.append(
                LessonCluster(
                    id: "C00\(index)", representative: pair[0], lessonIDs: pair.map(\.id), interventions: pair.map(\.interventionID),
                    countries: [], theme: theme))
        }
        batch.lessons = lessons
        let summary = writer.render(batch, Portfolio(), diagnostics: []).content
        let headings = summary.split(separator: "\n").filter { $0.hasPrefix("### ") }
        #expect(Array(headings.prefix(3)) == ["### Employment services", "### Remote and onsite delivery", "### Unclassified"])
    }

    /// Keywords of one rule that fold to the same words (ES `a distancia`, PT `à distância`) count once: counted
    /// twice, they outweighed a rule with two keywords in the text.
    @Test func keywordsThatFoldAlikeCountOnce() {
        let taxonomy = LessonTaxonomy(
            themes: [
                .init(key: "remote", keywords: ["a distancia", "à distância"]),
                .init(key: "data", keywords: ["datos", "bases de datos"]),
            ], dacCriteria: [], polarity: [])
        let result = taxonomy.classify("El trabajo a distancia funcionó con las bases de datos del IESS.")
        #expect(result.themes == ["data", "remote"])
    }
}
