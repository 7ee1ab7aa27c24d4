import KDCore
@testable import KDReports
import KDTestSupport
import Testing

@Suite struct CSVTableTests {
    @Test func quotesOnlyWhatMustBeQuoted() {
        var table = CSVTable(header: ["a", "b"])
        table.append(["plain", "with, comma"])
        table.append(["say \"hi\"", "line\nbreak"])
        table.append([" padded", ""])
        #expect(table.text == "a,b\nplain,\"with, comma\"\n\"say \"\"hi\"\"\",\"line\nbreak\"\n\" padded\",\n")
    }

    @Test func spellsTypedFieldsAsTheSummaryDoes() {
        var csv = CSVBuffer()
        csv.add(-42)
        csv.add(nil as Int?)
        csv.add(1_004_106.0)
        csv.add(124.545, digits: 1)
        csv.add(nil as Double?)
        csv.add(PartialDate(year: 2021, month: 3, day: 7))
        csv.add(PartialDate(year: 2021))
        csv.add("\"quoted\" end")
        csv.add(nil as String?)
        csv.endRow()
        csv.add("second")
        csv.endRow()
        #expect(csv.text == "-42,,1004106,124.5,,2021-03-07,2021,\"\"\"quoted\"\" end\",\nsecond\n")
    }

    /// Fields of every length up to 40 with a comma, quote or line break at every place: each is quoted
    /// exactly when RFC 4180 needs it (long fields are searched eight bytes at a time, the rest byte by byte).
    @Test func quotesFieldsOfEveryLengthWhereverTheCharacterFalls() {
        var generator = SplitMix(seed: 4180)
        let alphabet: [Character] = ["a", "Z", "é", "—", "0", ";", "-", ".", "+", "\t", " "]
        for length in 1...40 {
            for special in [nil, ",", "\"", "\n", "\r"] as [Character?] {
                for place in 0..<length {
                    var characters = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
                    characters[0] = "a"
                    characters[length - 1] = "a"
                    if let special { characters[place] = special }
                    let field = String(characters)
                    var csv = CSVBuffer()
                    csv.add(field)
                    let expected = special == nil ? field : "\"" + String(field.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
                    #expect(csv.text == expected, "\(length) \(place)")
                    if special == nil { break }
                }
            }
        }
    }
}

@Suite struct WriterTests {
    /// A batch with one intervention, one measured indicator and one lesson.
    static func batch() -> (Batch, Portfolio, [Diagnostic]) {
        let place = SourceLocation(file: "SampleData/r.xml", line: 3)
        var item = Intervention(id: "2019-07", actionCode: "SOCIEUX+ 2019-07 SENEGAL", source: place, origin: .report)
        item.country = CountryField(raw: "Sénégal", iso3: "SEN")
        item.title = "Appui au registre"
        item.area = Reported(raw: "Protection sociale", value: "social_protection")
        item.status = Reported(raw: "Terminée", value: "completed")
        item.assistanceTypes = ["Capacity building", "Policy development"]
        var indicator = Indicator(title: "Ménages | inscrits", location: place.at(line: 40))
        indicator.unit = "ménages"
        indicator.ascending = true
        indicator.directionSource = "declared"
        indicator.baseline = Reported(raw: "450 000", value: 450_000)
        indicator.baselineYear = 2019
        var period = IndicatorPeriod(target: Reported(raw: "560 000", value: 560_000), actual: Reported(raw: "587 000", value: 587_000))
        period.achievement = Achievement(percent: 124.545, method: .progress, status: .achieved, change: 137_000)
        indicator.periods = [period]
        item.indicators = [indicator]
        var batch = Batch(inputs: [InputFile(path: "/x/r.xml", displayPath: "SampleData/r.xml")])
        batch.interventions = [item]
        batch.lessons = [Lesson(
            id: "2019-07-L01", interventionID: "2019-07", actionCode: item.actionCode, countryISO3: "SEN",
            area: "social_protection", language: "fr", section: .lessonsLearned, heading: "6.2 Leçons apprises",
            text: "Un registre, ça se met à jour en continu.", location: place.at(line: 60))]
        var portfolio = Portfolio()
        portfolio.interventions = 1
        portfolio.countries = 1
        portfolio.indicatorPeriods = 1
        portfolio.achievement = [.achieved: 1]
        portfolio.lessons = [.lessonsLearned: 1]
        portfolio.byArea = [Tally(key: "social_protection")]
        portfolio.byArea[0].interventions = 1
        let diagnostics = [Diagnostic(.warning, "NRM-003", "'n.d.' is not a number", at: place.at(line: 41), record: "2019-07")]
        return (batch, portfolio, diagnostics)
    }

    @Test func indicatorRowsCarryRawAndParsedValues() {
        let (batch, _, _) = Self.batch()
        let lines = TableWriters.indicators(batch).content.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1] == "2019-07,SOCIEUX+ 2019-07 SENEGAL,SampleData/r.xml,40,SEN,,Ménages | inscrits,ménages,true,declared,2019,450000,450 000,,,560000,560 000,587000,587 000,137000,124.5,progress,achieved,,,,,,,,")
    }

    /// An indicator's later rows copy the columns its first row wrote for the indicator alone: every row is
    /// the one the indicator would have with that period only, quoted fields and empty ones included.
    @Test func everyPeriodRowIsTheRowOfThatPeriodAlone() {
        var item = Self.batch().0.interventions[0]
        var first = item.indicators[0]
        first.title = "Ménages, \"inscrits\""
        first.resultType = "2"
        first.measure = "1"
        first.theme = "coverage, registry"
        var second = first.periods[0]
        second.target = Reported(raw: "n.d.", value: nil)
        second.achievement = Achievement(percent: nil, method: nil, status: .notAssessable, reason: "no target")
        second.dimensions = "sex=female"
        var third = IndicatorPeriod(actual: Reported(raw: "600 000", value: 600_000))
        third.baseline = Reported(raw: "500 000", value: 500_000)
        third.baselineYear = 2021
        first.periods += [second, third]
        var other = Indicator(title: "Agents formés", location: first.location.at(line: 90))
        other.catalogueCode = "SP-07"
        other.periods = [IndicatorPeriod(target: Reported(raw: "40", value: 40)), IndicatorPeriod()]
        item.indicators = [first, other, Indicator(title: "Sans période", location: first.location.at(line: 120))]

        var together = CSVBuffer()
        TableWriters.writeIndicatorRows(item, to: &together)
        var apart = CSVBuffer()
        for indicator in item.indicators {
            for period in indicator.periods.isEmpty ? [nil] : indicator.periods.map(Optional.some) {
                var alone = item
                alone.indicators = [indicator]
                alone.indicators[0].periods = period.map { [$0] } ?? []
                TableWriters.writeIndicatorRows(alone, to: &apart)
            }
        }
        #expect(together.text.split(separator: "\n").count == 6)
        #expect(together.text == apart.text)
    }

    @Test func lessonAndDiagnosticRowsAreComplete() {
        let (batch, _, diagnostics) = Self.batch()
        let lessons = TableWriters.lessons(batch.lessons).content.split(separator: "\n")
        #expect(lessons[1] == "2019-07-L01,2019-07,SOCIEUX+ 2019-07 SENEGAL,SEN,social_protection,fr,lessons_learned,6.2 Leçons apprises,\"Un registre, ça se met à jour en continu.\",SampleData/r.xml,60,lesson,,,,,,,,")
        let rows = TableWriters.diagnostics(diagnostics).content.split(separator: "\n")
        #expect(rows[1] == "warning,NRM-003,SampleData/r.xml,41,,,2019-07,'n.d.' is not a number")
    }

    /// A lesson an action gives twice in one kind (its report and the lessons table, grouped as one) is one item of
    /// *Lessons by area*, the later under the earlier; the same group's lessons of another kind or another action
    /// stay items of their own.
    @Test func theSameLessonGivenTwiceByOneActionIsOneItem() {
        func lesson(_ id: String, _ section: SectionKey, _ text: String, cluster: String?) -> Lesson {
            var lesson = Lesson(
                id: id, interventionID: String(id.prefix(7)), actionCode: String(id.prefix(7)), countryISO3: nil, area: "labour",
                language: "en", section: section, heading: nil, text: text, location: SourceLocation(file: "l.csv", line: 2))
            lesson.clusterID = cluster
            return lesson
        }
        var batch = Batch(inputs: [])
        batch.lessons = [
            lesson("2020-01-L03", .lessonsLearned, "Payments at the market point work.", cluster: "C1"),
            lesson("2020-01-L01", .lessonsLearned, "Paying at the market works.", cluster: "C1"),
            lesson("2020-01-L02", .lessonsLearned, "Inspectors need cars.", cluster: nil),
            lesson("2020-01-L04", .recommendations, "Pay at the market.", cluster: "C1"),
            lesson("2021-02-L01", .lessonsLearned, "Paying at the market worked.", cluster: "C1"),
        ]
        let summary = SummaryWriter(pipelineName: "t", version: "0").render(batch, Portfolio(), diagnostics: []).content
        #expect(summary.contains("""
            #### Lessons learned

            - Paying at the market works. *[2020-01, en; l.csv:2]*
              - Payments at the market point work. *[2020-01, en; l.csv:2]*
            - Inspectors need cars. *[2020-01, en; l.csv:2]*
            - Paying at the market worked. *[2021-02, en; l.csv:2]*

            #### Recommendations

            - Pay at the market. *[2020-01, en; l.csv:2]*

            """))
        #expect(summary.contains("### Labour (5 items)"))
        #expect(summary.contains("A lesson that says the same as another of the same action and kind"))
        // Grouped with lessons of other actions or kinds only, no lesson is written under another: nothing to say.
        batch.lessons.removeAll { $0.id == "2020-01-L03" }
        let alone = SummaryWriter(pipelineName: "t", version: "0").render(batch, Portfolio(), diagnostics: []).content
        #expect(!alone.contains("A lesson that says the same as another of the same action and kind"))
    }

    /// A recurring group lists its first ten other lessons under its representative, and says how many more the
    /// groups table holds.
    @Test func aLargeGroupListsTenOfItsLessons() {
        let lessons = (1...13).map { number in
            Lesson(
                id: String(format: "XM-%02d-L01", number), interventionID: String(format: "XM-%02d", number),
                actionCode: String(format: "XM-%02d", number), countryISO3: "SEN", area: nil, language: "fr",
                section: .lessonsLearned, heading: nil, text: "Payer à temps.", location: SourceLocation(file: "a.xml", line: number))
        }
        var batch = Batch(inputs: [])
        batch.clusters = [LessonCluster(
            id: "C-XM-01-L01", representative: lessons[0], lessonIDs: lessons.map(\.id), interventions: lessons.map(\.interventionID),
            countries: ["SEN"], theme: nil)]
        let summary = SummaryWriter(pipelineName: "t", version: "0").render(SummaryInput(
            inputs: [], rejected: [], batch: batch, portfolio: Portfolio(), iati: IATIPortfolio(), diagnostics: DiagnosticTally(),
            iatiLessons: lessons)).content
        #expect(summary.contains("- 13 interventions (Senegal): **Payer à temps.** *[XM-01 (SEN), fr; a.xml:1]*\n"))
        #expect(summary.contains("  - Payer à temps. *[XM-11 (SEN), fr; a.xml:11]*\n  - and 2 more lessons (`lesson_clusters.csv` lists them all)\n"))
        let recurring = summary.components(separatedBy: "## Recurring lessons")[1].components(separatedBy: "\n## ")[0]
        #expect(!recurring.contains("XM-12 (SEN)"))
        #expect(recurring.contains("XM-11 (SEN)"))
    }

    /// The IATI activities' lessons kept for grouping are listed by kind, as lessons by area are; past the bound
    /// of a kind, the section says how many of all are listed.
    @Test func iatiActivitiesLessonsAreListedByKindUpToABound() {
        func lesson(_ activity: Int, _ number: Int, _ section: SectionKey) -> Lesson {
            Lesson(
                id: String(format: "XM-DAC-%03d-L%02d", activity, number), interventionID: String(format: "XM-DAC-%03d", activity),
                actionCode: String(format: "XM-DAC-%03d", activity), countryISO3: "SEN", area: nil, language: "fr", section: section,
                heading: "Leçons apprises", text: "Leçon \(activity).\(number).", location: SourceLocation(file: "a.xml", line: activity))
        }
        var iati = IATIPortfolio()
        iati.activities = 60
        let kept = (1...60).map { lesson($0, 1, .lessonsLearned) } + [lesson(7, 2, .recommendations)]
        iati.lessons = kept.count + 5
        let writer = SummaryWriter(pipelineName: "t", version: "0")
        func summary(_ lessons: [Lesson], all: Int) -> String {
            iati.lessons = all
            return writer.render(SummaryInput(
                inputs: [], rejected: [], batch: Batch(inputs: []), portfolio: Portfolio(), iati: iati,
                diagnostics: DiagnosticTally(), iatiLessons: lessons)).content
        }
        let text = summary(kept, all: kept.count + 5)
        #expect(text.contains("## Lessons of IATI activities"))
        #expect(text.contains("identifiers; 51 of 66 are listed (at most 50 items of a kind; `lessons.csv` holds them all)."))
        #expect(text.contains("""
            ### Lessons learned

            - Leçon 1.1. *[XM-DAC-001 (SEN), fr; a.xml:1]*
            """))
        #expect(text.contains("- Leçon 50.1. *[XM-DAC-050 (SEN), fr; a.xml:50]*\n\n### Recommendations\n\n- Leçon 7.2."))
        #expect(!text.contains("Leçon 51.1."))
        // All listed: nothing said of a bound; none kept: no section.
        #expect(summary(Array(kept.suffix(3)), all: 3).contains("in the order of their activities' identifiers.\n\n### Lessons learned"))
        #expect(!summary([], all: 0).contains("Lessons of IATI activities"))
    }

    /// Lessons are counted by their first theme and their DAC criterion, an intervention once for each, with
    /// successes and difficulties; the IATI activities' running totals are added in.
    @Test func lessonsAreCountedByThemeAndCriterion() {
        func lesson(_ id: String, theme: String?, criterion: String?, polarity: String?) -> Lesson {
            var lesson = Lesson(
                id: id, interventionID: String(id.prefix(7)), actionCode: String(id.prefix(7)), countryISO3: nil, area: nil,
                language: "en", section: .lessonsLearned, heading: nil, text: id, location: SourceLocation(file: "l.csv", line: 2))
            (lesson.themes, lesson.dacCriterion, lesson.polarity) = (theme.map { [$0] } ?? [], criterion, polarity)
            return lesson
        }
        var batch = Batch(inputs: [])
        batch.lessons = [
            lesson("2020-01-L01", theme: "pensions", criterion: "sustainability", polarity: "success"),
            lesson("2020-01-L02", theme: "pensions", criterion: nil, polarity: "difficulty"),
            lesson("2021-02-L01", theme: "mis_digitalisation", criterion: "sustainability", polarity: nil),
            lesson("2021-02-L02", theme: nil, criterion: "effectiveness", polarity: "success"),
        ]
        var iati = IATIPortfolio()
        iati.activities = 1
        iati.lessons = 2
        iati.lessonTally.add([
            lesson("XM-1-L01", theme: "mis_digitalisation", criterion: nil, polarity: "difficulty"),
            lesson("XM-1-L02", theme: "mis_digitalisation", criterion: "relevance", polarity: nil),
        ])
        let writer = SummaryWriter(pipelineName: "t", version: "0", themeLabels: ["mis_digitalisation": "MIS and digitalisation"])
        let summary = writer.render(
            SummaryInput(inputs: [], rejected: [], batch: batch, portfolio: Portfolio(), iati: iati, diagnostics: DiagnosticTally())).content
        #expect(summary.contains("""
            | Theme | Lessons | Interventions | Successes | Difficulties |
            | --- | ---: | ---: | ---: | ---: |
            | MIS and digitalisation | 3 | 2 | 0 | 1 |
            | Pensions | 2 | 1 | 1 | 1 |
            | No theme found | 1 | 1 | 1 | 0 |

            | DAC criterion | Lessons | Interventions | Successes | Difficulties |
            | --- | ---: | ---: | ---: | ---: |
            | Relevance | 1 | 1 | 0 | 0 |
            | Coherence | 0 | 0 | 0 | 0 |
            | Effectiveness | 1 | 1 | 1 | 0 |
            | Efficiency | 0 | 0 | 0 | 0 |
            | Impact | 0 | 0 | 0 | 0 |
            | Sustainability | 2 | 2 | 1 | 0 |
            | None found | 2 | 2 | 0 | 2 |
            """), "\(summary)")
        #expect(summary.contains("the lessons of IATI activities are counted too."))
    }

    /// A change of a rate reads in percentage points (DOMAIN: 45.5 → 40.1 is −5.4 pp); others in their unit.
    @Test func changesOfRatesAreInPercentagePoints() {
        #expect(SummaryWriter.change(-5.4, isRate: SummaryWriter.isRate("%")) == "-5.4 pp")
        #expect(SummaryWriter.change(2.1, isRate: SummaryWriter.isRate(" % de la población")) == "+2.1 pp")
        #expect(SummaryWriter.change(1200, isRate: SummaryWriter.isRate("persons")) == "+1200")
        #expect(!SummaryWriter.isRate("index 0-100") && !SummaryWriter.isRate(nil))
    }

    @Test func summaryHasEverySectionAndEscapesTableCells() {
        let (batch, portfolio, diagnostics) = Self.batch()
        let summary = SummaryWriter(pipelineName: "test", version: "9.9.9").render(batch, portfolio, diagnostics: diagnostics).content
        for heading in ["## Executive summary", "## Portfolio", "## Outcome indicators", "## Lessons by area", "## Data quality", "### Rejected inputs"] {
            #expect(summary.contains("\n\(heading)\n"), "missing \(heading)")
        }
        #expect(summary.contains("- **1 intervention** in **1 partner country**"))
        #expect(summary.contains("| SOCIEUX+ 2019-07 SENEGAL | SEN | Ménages \\| inscrits | ménages | 450\u{202F}000 (2019) | 560\u{202F}000 | 587\u{202F}000 | +137\u{202F}000 | 125 % | achieved |"))
        #expect(summary.contains("- Un registre, ça se met à jour en continu. *[SOCIEUX+ 2019-07 SENEGAL (SEN), fr; SampleData/r.xml:60]*"))
        #expect(summary.contains("| warning | NRM-003 | a value that is not a number (kept as written) | 1 | SampleData/r.xml:41 |"))
    }

    /// What publishers wrote reaches the summary as text, never as markup: no HTML tag, link or image of theirs
    /// survives, a backtick run cannot close the diagnostics' code block, and a line break cannot start a
    /// block of its own.
    @Test func textFromTheInputsCannotBecomeMarkup() {
        var (batch, portfolio, _) = Self.batch()
        let hostile = "<script>alert(1)</script> [site](javascript:alert(1)) ![](http://tracker.example/p.png)\n# Heading *bold* _it_ \\"
        batch.interventions[0].indicators[0].title = hostile
        batch.lessons[0].text = hostile
        let diagnostics = [Diagnostic(.warning, "NRM-003", "'```' is not a number\n```\n<img src=x onerror=alert(1)>", at: nil, record: "2019-07")]
        let summary = SummaryWriter(pipelineName: "test", version: "9.9.9").render(batch, portfolio, diagnostics: diagnostics).content
        let escaped = "\\<script>alert(1)\\</script> \\[site](javascript:alert(1)) !\\[](http://tracker.example/p.png) # Heading \\*bold\\* _it_ \\\\"
        #expect(summary.contains("| SOCIEUX+ 2019-07 SENEGAL | SEN | \(escaped) |"))
        #expect(summary.contains("- \(escaped) *[SOCIEUX+ 2019-07 SENEGAL (SEN), fr; SampleData/r.xml:60]*"))
        // Outside the code block, no '<', '[' or '*' of the inputs is left unescaped.
        let fenced = summary.components(separatedBy: "````")
        #expect(fenced.count == 3)
        #expect(fenced[1].contains("<img src=x onerror=alert(1)>"))
        // The IATI section names each version as the files wrote it.
        var iati = IATIPortfolio()
        (iati.activities, iati.files, iati.byVersion) = (1, 1, ["<b>2.03": 1])
        let withIATI = SummaryWriter(pipelineName: "test", version: "9.9.9").render(
            SummaryInput(inputs: batch.inputs, rejected: [], batch: batch, portfolio: portfolio, iati: iati, diagnostics: DiagnosticTally())).content
        #expect(withIATI.contains("(IATI versions \\<b>2.03: 1)"))
        for part in [fenced[0], fenced[2]] {
            let unescaped = part.replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\<", with: "")
                .replacingOccurrences(of: "\\[", with: "").replacingOccurrences(of: "\\*", with: "")
            #expect(!unescaped.contains("<script") && !unescaped.contains("<img") && !unescaped.contains("[site]"))
            #expect(!unescaped.contains("![") && !unescaped.contains("*bold") && !part.contains("\n# Heading"))
        }
    }

    /// A run of IATI files only: the summary says so once, rather than in empty tables and rows of zeros, and
    /// counts as countries and organisations only those that are named.
    @Test func aRunOfIATIFilesOnlyIsSummedUpWithoutEmptyTables() {
        var iati = IATIPortfolio()
        (iati.activities, iati.files, iati.indicatorPeriods) = (5, 1, 12)
        iati.byCountry = ["SEN": 2, "BEN": 1, IATIPortfolio.noCountry: 2]
        iati.byReportingOrg = ["BE-BCE_KBO-0264814354 Enabel": 4, IATIPortfolio.unnamed: 1]
        let summary = SummaryWriter(pipelineName: "iati", version: "9.9.9").render(
            SummaryInput(inputs: [], rejected: [], batch: Batch(inputs: []), portfolio: Portfolio(), iati: iati, diagnostics: DiagnosticTally())).content
        #expect(summary.contains("""
            - No SOCIEUX+ action was read; IATI activities only.
            - **5 IATI activities** from 1 file (1 reporting organisation, 2 recipient countries) with 12 indicator periods.

            """))
        #expect(summary.contains("## Portfolio\n\nNo SOCIEUX+ action was read in this run; the IATI activities are summed up under *IATI portfolio*.\n\n## Outcomes"))
        #expect(summary.contains("No indicator period of a SOCIEUX+ action was reported. The 12 IATI indicator periods are rows of `indicators.csv`"))
        #expect(!summary.contains("0 interventions") && !summary.contains("| Area |"))
        iati.byCountry[IATIPortfolio.others] = 7
        let many = SummaryWriter(pipelineName: "iati", version: "9.9.9").render(
            SummaryInput(inputs: [], rejected: [], batch: Batch(inputs: []), portfolio: Portfolio(), iati: iati, diagnostics: DiagnosticTally())).content
        #expect(many.contains("(1 reporting organisation, more than 2 recipient countries)"))
    }

    /// The IATI periods that cannot be assessed are counted by why, most first: in real files most are
    /// qualitative indicators, which a bare "n/a" count made read as faults.
    @Test func iatiPeriodsThatCannotBeAssessedAreCountedByWhy() {
        var activity = Intervention(id: "XM-1", actionCode: "XM-1", source: SourceLocation(file: "a.xml", line: 3), origin: .iati)
        func period(_ status: AchievementStatus, _ cause: Achievement.Cause? = nil) -> IndicatorPeriod {
            var period = IndicatorPeriod()
            period.achievement = Achievement(percent: status == .achieved ? 100 : nil, method: nil, status: status, cause: cause)
            return period
        }
        var qualitative = Indicator(title: "Policy adopted", location: SourceLocation(file: "a.xml", line: 9))
        qualitative.periods = [period(.notAssessable, .qualitative), period(.notAssessable, .qualitative)]
        var counted = Indicator(title: "People registered", location: SourceLocation(file: "a.xml", line: 20))
        counted.periods = [period(.achieved), period(.notAssessable, .noTarget)]
        let withoutPeriod = Indicator(title: "Reports published", location: SourceLocation(file: "a.xml", line: 30))
        activity.indicators = [qualitative, counted, withoutPeriod]
        var iati = IATIPortfolio()
        iati.add(activity)
        var other = IATIPortfolio()
        other.add(activity)
        iati.merge(other)
        #expect(iati.notAssessable == [.qualitative: 4, .noTarget: 2, .noPeriod: 2])
        let summary = SummaryWriter(pipelineName: "iati", version: "9.9.9").render(
            SummaryInput(inputs: [], rejected: [], batch: Batch(inputs: []), portfolio: Portfolio(), iati: iati, diagnostics: DiagnosticTally())).content
        #expect(summary.contains(
            "Achievement of IATI indicator periods: 2 achieved, 8 n/a (4 qualitative, 2 without a period, 2 without a target).\n"), "\(summary)")
    }

    /// A sector is shown with its name when one was published; a code of an organisation's own vocabulary
    /// (98, 99) with the organisation's ref in brackets, whatever spaces the code holds.
    @Test func sectorsAreLabelledWithTheirNameAndTheirOrganisation() {
        #expect(IATISection.sectorLabel("1:12220", name: "Basic health care") == "1:12220 Basic health care")
        #expect(IATISection.sectorLabel("1:A B", name: nil) == "1:A B")
        #expect(IATISection.sectorLabel("99:CS XM-DAC-47066", name: "Community Stabilization") == "99:CS (XM-DAC-47066) Community Stabilization")
        #expect(IATISection.sectorLabel("98:A B XM-1", name: nil) == "98:A B (XM-1)")
    }

    /// Regions and sectors published without a name take the IATI codelist's, in brackets, and the tables' headings
    /// say so; a name as published comes first; without regions, there is no region table.
    @Test func codesPublishedWithoutANameTakeTheCodelists() {
        var iati = IATIPortfolio()
        var activity = Intervention(id: "XM-1", actionCode: "XM-1", source: SourceLocation(file: "a.xml"), origin: .iati)
        var details = IATIDetails()
        details.recipientRegions = [.init(code: "289"), .init(code: "1", vocabulary: "2", name: "World")]
        details.sectors = [.init(code: "16050"), .init(code: "16010", name: "Social protection")]
        activity.iati = details
        iati.add(activity)
        var names = IATICodeNames()
        names.add("South of Sahara, regional", code: "289", list: "Region")
        names.add("Multisector aid for basic social services", code: "16050", list: "Sector")
        names.add("Protection sociale", code: "16010", list: "Sector")
        let section = IATISection(countries: .standard, codeNames: names).render(iati)
        #expect(section.contains("""
            ### By recipient region

            | Region (vocabulary:code, name as published; in brackets, the IATI codelist's) | Activities |
            | --- | ---: |
            | 1:289 \\[South of Sahara, regional] | 1 |
            | 2:1 World | 1 |
            """), "\(section)")
        #expect(section.contains("| 1:16050 \\[Multisector aid for basic social services] | 1 |"))
        #expect(section.contains("| 1:16010 Social protection | 1 |"))
        let plain = IATISection(countries: .standard).render(IATIPortfolio())
        #expect(!plain.contains("By recipient region") && plain.contains("| Sector (vocabulary:code, name as published) |"))
    }

    /// Countries are listed as a reader looks for them: the most first, and among as many by name (Cambodia,
    /// KHM, before Colombia, COL), those not resolved last; in the IATI tables too.
    @Test func countriesAreListedByNameAmongEquals() {
        var portfolio = Portfolio()
        portfolio.interventions = 5
        portfolio.byCountry = ["COL", "KHM", "unknown", "CPV", "SEN"].map { key in
            var tally = Tally(key: key)
            tally.interventions = key == "SEN" ? 2 : 1
            return tally
        }
        portfolio.achievementByCountry = ["COL": [.achieved: 1], "unknown": [.achieved: 1], "KHM": [.achieved: 1]]
        portfolio.achievementByTheme = ["poverty": [.achieved: 3]]
        var iati = IATIPortfolio()
        (iati.activities, iati.files) = (4, 1)
        iati.byCountry = ["COL": 1, "KHM": 1, "CPV": 1, IATIPortfolio.noCountry: 1]
        let summary = SummaryWriter(pipelineName: "order", version: "9.9.9").render(
            SummaryInput(inputs: [], rejected: [], batch: Batch(inputs: []), portfolio: portfolio, iati: iati, diagnostics: DiagnosticTally())).content
        func order(under heading: String) -> [String] {
            let section = summary.components(separatedBy: heading).dropFirst().first?.components(separatedBy: "\n\n#")[0] ?? ""
            return section.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Country") && !$0.hasPrefix("| ---") }.map {
                String($0.dropFirst(2).prefix { $0 != "|" }).trimmingCharacters(in: .whitespaces)
            }
        }
        #expect(order(under: "### By partner country\n\n") == ["Senegal (SEN)", "Cabo Verde (CPV)", "Cambodia (KHM)", "Colombia (COL)", "Not resolved"])
        #expect(order(under: "### By partner country\n\nIndicator periods") == ["Cambodia (KHM)", "Colombia (COL)", "Not resolved"])
        #expect(order(under: "### By recipient country") == ["Cabo Verde (CPV)", "Cambodia (KHM)", "Colombia (COL)", "No recipient country (regions only)"])
    }

    /// Without a catalogue, no title is listed as missing from it, and the summary says why none has a theme.
    @Test func aRunWithoutACatalogueSaysSoRatherThanListingTitles() {
        var (batch, portfolio, diagnostics) = Self.batch()
        portfolio.achievementByTheme = ["unmatched": [.achieved: 1]]
        portfolio.unmatchedTitles = ["Households reached": 1]
        let with = SummaryWriter(pipelineName: "test", version: "9.9.9").render(batch, portfolio, diagnostics: diagnostics).content
        let without = SummaryWriter(pipelineName: "test", version: "9.9.9", hasCatalogue: false).render(batch, portfolio, diagnostics: diagnostics).content
        #expect(with.contains("### Indicators not in the catalogue") && with.contains("| Households reached | 1 |"))
        #expect(!without.contains("### Indicators not in the catalogue") && !without.contains("Households reached"))
        #expect(without.contains("No indicator catalogue was given (`indicator_catalogue` in the pipeline, or `--catalogue`)"))
    }

    @Test func manifestListsInputsAndStages() throws {
        let (batch, _, diagnostics) = Self.batch()
        var tally = DiagnosticTally()
        for diagnostic in diagnostics { tally.add(diagnostic) }
        let manifest = RunManifest(
            kdpipeVersion: "9.9.9", libxml2Version: "2.9.14", pipeline: "test", startedAt: "2026-01-01T00:00:00Z", durationMs: 5,
            exitStatus: 0, inputs: batch.inputs, formats: ["SampleData/r.xml": .report], rejected: [],
            stages: [RunManifest.StageEntry(name: "parse", counts: ["inputs": 1], diagnostics: diagnostics, durationMs: 1)],
            outputs: ["summary.md"], diagnostics: tally)
        let json = try manifest.file().content
        #expect(json.contains("\"file\" : \"SampleData/r.xml\""))
        #expect(json.contains("\"warning\" : 1"))
        #expect(json.contains("\"format\" : \"report\""))
        #expect(json.hasSuffix("}\n"))
    }
}
