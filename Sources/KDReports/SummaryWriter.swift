import KDCore

/// Writes `summary.md`: the executive summary, portfolio tables, outcome indicators, lessons by area and
/// the data-quality section. Nothing in it depends on the clock: the same inputs give the same bytes.
public struct SummaryWriter: Sendable {
    /// The pipeline's name, shown in the title block.
    public var pipelineName: String
    /// kdpipe's version.
    public var version: String
    /// How many diagnostics the data-quality section lists in full before pointing to diagnostics.csv.
    public var diagnosticsListed: Int
    /// Whether the run had an indicator catalogue to match indicators to (without one, no title is listed as
    /// missing from it).
    public var hasCatalogue: Bool
    /// What the lesson taxonomy calls its themes, where it names them (`LessonTaxonomy.themeLabels`); a theme
    /// it does not name is its key spelt out (`labour_inspection`: Labour inspection).
    public var themeLabels: [String: String]
    /// What the lesson taxonomy calls the addressees of recommendations (`facility`: The facility (SOCIEUX+)).
    public var addresseeLabels: [String: String]
    /// Whether the run had a lesson taxonomy to classify lessons with (without one, only an analyst's theme
    /// classifies a lesson).
    public var hasTaxonomy: Bool
    let countries: CountryCatalogue

    /// Creates a writer.
    public init(
        pipelineName: String, version: String, diagnosticsListed: Int = 200, hasCatalogue: Bool = true,
        themeLabels: [String: String] = [:], addresseeLabels: [String: String] = [:], hasTaxonomy: Bool = true,
        countries: CountryCatalogue = .standard
    ) {
        self.pipelineName = pipelineName
        self.version = version
        self.diagnosticsListed = diagnosticsListed
        self.hasCatalogue = hasCatalogue
        self.themeLabels = themeLabels
        self.hasTaxonomy = hasTaxonomy
        self.addresseeLabels = addresseeLabels
        self.countries = countries
    }

    /// Renders the summary of native records only, every diagnostic given in full (tests, small runs).
    public func render(_ batch: Batch, _ portfolio: Portfolio, diagnostics: [Diagnostic]) -> ReportFile {
        var tally = DiagnosticTally(keep: diagnosticsListed)
        for diagnostic in diagnostics.sorted() { tally.add(diagnostic) }
        return render(SummaryInput(inputs: batch.inputs, rejected: batch.rejected, batch: batch, portfolio: portfolio, diagnostics: tally))
    }

    /// The summary's first line and the blank line after it.
    static let heading = "# SOCIEUX+ Knowledge Development: intervention summary\n\n"

    /// The summary's file name in the report.
    public static let fileName = "summary.md"

    /// Whether `bytes` begin as kdpipe's summaries do.
    public static func isSummary(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.starts(with: heading.utf8)
    }

    /// Renders the summary.
    public func render(_ input: SummaryInput) -> ReportFile {
        let batch = input.batch
        let portfolio = input.portfolio
        var out = Self.heading
        let asOf = portfolio.latestEnd.map { "data as of \($0)" } ?? "no dated intervention"
        out += "Pipeline `\(pipelineName)` · \(asOf) · \(Format.counted(input.inputs.count, "input file")) · kdpipe \(version)\n\n"
        out += executiveSummary(input)
        out += portfolioSection(portfolio, iati: input.iati)
        out += outcomesSection(input)
        out += indicatorSection(batch, iatiPeriods: input.iati.indicatorPeriods)
        out += contextSection(batch)
        if input.iati.activities > 0 { out += IATISection(countries: countries, codeNames: input.codeNames).render(input.iati) }
        out += lessonTallySection(input)
        out += synthesisSection(batch, iatiLessons: input.iatiLessons)
        out += addresseeSection(batch, iatiLessons: input.iatiLessons)
        out += lessonSection(batch)
        out += iatiLessonSection(input)
        out += dataQualitySection(input)
        return ReportFile(name: Self.fileName, content: out)
    }

    private func executiveSummary(_ input: SummaryInput) -> String {
        let batch = input.batch
        let portfolio = input.portfolio
        var out = "## Executive summary\n\n"
        guard portfolio.interventions > 0 else {
            out += input.iati.activities > 0 ? "- No SOCIEUX+ action was read; IATI activities only.\n" : "- No SOCIEUX+ action was read.\n"
            return out + iatiAndQualityLines(input)
        }
        let years = portfolio.byYear.map(\.key).filter { $0 != "unknown" }
        let span = years.isEmpty ? "" : (years.first == years.last ? ", requested in \(years[0])" : ", requested \(years.first!)–\(years.last!)")
        let areas = portfolio.byArea.map { "\($0.interventions) \(Labels.area($0.key).lowercased())" }.joined(separator: ", ")
        out += "- **\(Format.counted(portfolio.interventions, "intervention"))** in **\(Format.counted(portfolio.countries, "partner country", "partner countries"))**\(span)"
        out += areas.isEmpty ? ".\n" : ": \(areas).\n"
        let participants = portfolio.participantsFemale + portfolio.participantsMale
        out += "- **\(Format.counted(portfolio.activities, "activity", "activities"))** and **\(Format.readable(portfolio.expertDays)) expert-days**"
        out += participants > 0
            ? "; \(participants) participants, \(Labels.percent(portfolio.participantsFemale, of: participants)) women.\n"
            : ".\n"
        let statuses = AchievementStatus.allCases.compactMap { status -> String? in
            guard let count = portfolio.achievement[status], count > 0 else { return nil }
            return "\(count) \(status.label)"
        }
        out += "- **\(Format.counted(portfolio.indicatorPeriods, "outcome-indicator period"))**"
        out += statuses.isEmpty ? ".\n" : ": \(statuses.joined(separator: ", ")).\n"
        let kinds = SectionKey.allCases.compactMap { key -> String? in
            guard let count = portfolio.lessons[key], count > 0 else { return nil }
            return Labels.counted(count, key)
        }
        out += "- **\(Format.counted(batch.lessons.count, "lesson"))** drawn from the reports and tables"
        out += kinds.isEmpty ? "." : ": \(kinds.joined(separator: ", "))."
        if let (themes, count) = topThemes(batch.lessons) { out += count == 1 ? " Theme: \(themes)." : " Most frequent themes: \(themes)." }
        return out + "\n" + iatiAndQualityLines(input)
    }

    /// What reviewers read for a theme key: the taxonomy's label, or the key spelt out.
    func themeLabel(_ key: String) -> String {
        themeLabels[key] ?? Labels.theme(key)
    }

    /// The three themes most lessons have first (`Social assistance (10), Employment services (9) and …`), among
    /// as many by label, and how many there are (fewer when fewer themes are met); nil when no lesson has one.
    func topThemes(_ lessons: [Lesson]) -> (String, count: Int)? {
        let top = Dictionary(grouping: lessons.compactMap(\.themes.first), by: { $0 })
            .map { (label: themeLabel($0.key), count: $0.value.count) }
            .sorted { ($1.count, $0.label) < ($0.count, $1.label) }
            .prefix(3).map { "\(MarkdownText.escaped($0.label)) (\($0.count))" }
        guard let last = top.last else { return nil }
        return (top.count == 1 ? last : top.dropLast().joined(separator: ", ") + " and " + last, top.count)
    }

    /// The executive summary's lines on IATI activities and on data quality.
    private func iatiAndQualityLines(_ input: SummaryInput) -> String {
        var out = ""
        if input.iati.activities > 0 {
            let iati = input.iati
            out += "- **\(Format.counted(iati.activities, "IATI activity", "IATI activities"))** from \(Format.counted(iati.files, "file"))"
            out += " (\(Self.distinct(iati.byReportingOrg, "reporting organisation", "reporting organisations")), "
            out += "\(Self.distinct(iati.byCountry, "recipient country", "recipient countries")))"
            out += " with \(Format.counted(iati.indicatorPeriods, "indicator period"))"
            out += iati.lessons > 0 ? " and \(Format.counted(iati.lessons, "lesson")) found in their descriptions.\n" : ".\n"
        }
        let counts = Severity.allCases.reversed().map { Format.counted(input.diagnostics.count($0), $0.rawValue) }
        out += "- Data quality: \(counts.joined(separator: ", ")); \(Format.counted(input.rejected.count, "input")) rejected"
        out += input.rejected.isEmpty ? ".\n\n" : " (see *Data quality*).\n\n"
        return out
    }

    /// How many organisations or countries a table of the IATI totals names (`IATIPortfolio.named`).
    private static func distinct(_ table: [String: Int], _ one: String, _ many: String) -> String {
        let named = IATIPortfolio.named(in: table)
        return (named.more ? "more than " : "") + Format.counted(named.count, one, many)
    }

    private func portfolioSection(_ portfolio: Portfolio, iati: IATIPortfolio) -> String {
        var out = "## Portfolio\n\n"
        guard portfolio.interventions > 0 else {
            return out + (iati.activities > 0
                ? "No SOCIEUX+ action was read in this run; the IATI activities are summed up under *IATI portfolio*.\n\n"
                : "No SOCIEUX+ action was read in this run.\n\n")
        }
        let numbers: Set<Int> = [1, 2, 3, 4]
        func table(_ title: String, _ firstColumn: String, _ tallies: [Tally], label: (String) -> String) -> String {
            var table = MarkdownTable([firstColumn, "Interventions", "Activities", "Expert-days", "Indicator periods"], rightAligned: numbers)
            for tally in tallies {
                table.append([label(tally.key), String(tally.interventions), String(tally.activities),
                              Format.readable(tally.expertDays), String(tally.indicatorPeriods)])
            }
            return "### \(title)\n\n" + table.text + "\n"
        }
        out += table("By area", "Area", portfolio.byArea, label: Labels.area)
        out += table("By type of assistance", "Type of assistance", portfolio.byAssistanceType) {
            $0 == "unspecified" ? "Not specified" : $0
        }
        // The most interventions first; among as many, by name, as a reader looks for a country.
        let byCountry = portfolio.byCountry.sorted {
            $0.interventions != $1.interventions ? $0.interventions > $1.interventions : countryOrder($0.key) < countryOrder($1.key)
        }
        out += table("By partner country", "Country", byCountry, label: countryLabel)
        out += table("By year of request", "Year", portfolio.byYear) { $0 == "unknown" ? "Not known" : $0 }
        out += table("By status", "Status", portfolio.byStatus, label: Labels.status)
        return out
    }

    /// `Cambodia (KHM)`; `Not resolved` for a country that was not recognised.
    private func countryLabel(_ iso3: String) -> String {
        iso3 == "unknown" ? "Not resolved" : countries.labelled(iso3)
    }

    /// Where a country stands in a list: by its English name, those not resolved last.
    private func countryOrder(_ iso3: String) -> (Int, String) {
        iso3 == "unknown" ? (1, "") : (0, countries.name(of: iso3))
    }

    /// Achievement counts by theme (native and IATI) and by partner country (native), and the titles no
    /// catalogue entry matched.
    private func outcomesSection(_ input: SummaryInput) -> String {
        var out = "## Outcomes\n\n"
        let statuses = AchievementStatus.allCases
        let header = statuses.map(Labels.achievement)
        var byTheme = input.portfolio.achievementByTheme
        for (theme, counts) in input.iati.achievementByTheme { byTheme[theme, default: [:]].merge(counts, uniquingKeysWith: +) }
        guard !byTheme.isEmpty else { return out + "No indicator period was reported.\n\n" }
        let themeOrder = ["poverty", "inequality", "coverage", "employment", "capacity", "unmatched"]
        var table = MarkdownTable(["Theme"] + header + ["Total"], rightAligned: Set(1...(statuses.count + 1)))
        for theme in byTheme.keys.sorted(by: { (themeOrder.firstIndex(of: $0) ?? 9, $0) < (themeOrder.firstIndex(of: $1) ?? 9, $1) }) {
            let counts = byTheme[theme]!
            let label = theme == "unmatched" ? "Not in the catalogue" : theme.prefix(1).uppercased() + theme.dropFirst()
            table.append([label] + statuses.map { String(counts[$0] ?? 0) } + [String(counts.values.reduce(0, +))])
        }
        out += "### By theme\n\nIndicator periods of reports, tables and IATI files, by the theme of the catalogue entry they match.\n\n"
        out += table.text + "\n"
        if !input.portfolio.achievementByCountry.isEmpty {
            var countryTable = MarkdownTable(["Country"] + header + ["Total"], rightAligned: Set(1...(statuses.count + 1)))
            for (iso3, counts) in input.portfolio.achievementByCountry.sorted(by: { countryOrder($0.key) < countryOrder($1.key) }) {
                countryTable.append([countryLabel(iso3)] + statuses.map { String(counts[$0] ?? 0) } + [String(counts.values.reduce(0, +))])
            }
            out += "### By partner country\n\nIndicator periods of SOCIEUX+ actions (IATI activities are counted in the IATI portfolio).\n\n"
            out += countryTable.text + "\n"
        }
        guard hasCatalogue else {
            out += "No indicator catalogue was given (`indicator_catalogue` in the pipeline, or `--catalogue`), so no indicator "
            return out + "was matched to one or given a theme.\n\n"
        }
        var unmatched = input.portfolio.unmatchedTitles
        unmatched.merge(input.iati.unmatchedTitles, uniquingKeysWith: +)
        if !unmatched.isEmpty {
            out += "### Indicators not in the catalogue\n\n"
            out += "These titles match no entry of the indicator catalogue by code, name or synonym; they are kept as reported, "
            out += "without a theme. Add a synonym to the catalogue where one of them is a known indicator.\n\n"
            var list = MarkdownTable(["Indicator title", "Indicators"], rightAligned: [1])
            let sorted = unmatched.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            for (title, count) in sorted.prefix(50) { list.append([title, String(count)]) }
            out += list.text
            if sorted.count > 50 { out += "\n\(sorted.count - 50) more titles; see the `catalogue_code` column of `indicators.csv`.\n" }
            out += "\n"
        }
        return out
    }

    /// Every indicator period of the SOCIEUX+ actions (those of IATI activities, as many as a large file holds,
    /// are rows of indicators.csv).
    private func indicatorSection(_ batch: Batch, iatiPeriods: Int) -> String {
        var out = "## Outcome indicators\n\n"
        out += "Achievement is (actual − baseline) / (target − baseline) × 100, not clamped: above 100 % is "
        out += "over-achievement, below 0 % a move away from the target. Where no baseline is reported it is "
        out += "actual / target (target / actual when lower is better), marked *ratio*. Changes are in the "
        out += "indicator's unit, percentage points (pp) for rates.\n\n"
        var table = MarkdownTable(
            ["Action", "Country", "Indicator", "Unit", "Baseline", "Target", "Actual", "Change", "Achievement", "Status"],
            rightAligned: [4, 5, 6, 7, 8])
        var rows = 0
        for item in batch.interventions {
            for indicator in item.indicators.sorted(by: { $0.location < $1.location }) {
                for period in indicator.periods {
                    let achievement = period.achievement
                    var baseline = indicator.baseline.map(Self.value) ?? "–"
                    if let year = indicator.baselineYear, indicator.baseline != nil { baseline += " (\(year))" }
                    var percent = achievement?.percent.map { Format.number($0, digits: 0) + " %" } ?? "n/a"
                    if achievement?.method == .ratio { percent += " (ratio)" }
                    let status = achievement.map { $0.status == .notAssessable ? "n/a: \($0.reason ?? "")" : $0.status.label } ?? "n/a"
                    table.append([
                        item.actionCode, item.country.iso3 ?? "–", indicator.title, indicator.unit ?? "",
                        baseline, period.target.map(Self.value) ?? "–", period.actual.map(Self.value) ?? "–",
                        achievement?.change.map { Self.change($0, isRate: Self.isRate(indicator.unit)) } ?? "–", percent, status,
                    ])
                    rows += 1
                }
            }
        }
        if rows > 0 { return out + table.text + "\n" }
        guard iatiPeriods > 0 else { return out + "No indicator period was reported.\n\n" }
        out += "No indicator period of a SOCIEUX+ action was reported. The \(Format.counted(iatiPeriods, "IATI indicator period")) "
        return out + "are rows of `indicators.csv`, counted by theme under *Outcomes* and by result type under *IATI portfolio*.\n\n"
    }

    /// For each action with context values: each series before the start and latest up to the end.
    private func contextSection(_ batch: Batch) -> String {
        guard !batch.context.isEmpty else { return "" }
        var out = "## National context\n\n"
        out += "For each action, the value of each national series nearest before (or in) the year it started and the latest "
        out += "up to the year it ended, with their years and the indicator's published name. Changes are in the series' unit: "
        out += "percentage points (pp) for rates, index points for the Gini index. Aggregates (world, regions, income groups) are "
        out += "never used for a country.\n\n"
        var table = MarkdownTable(["Action", "Country", "Indicator", "Before", "After", "Change"], rightAligned: [3, 4, 5])
        let grouped = Dictionary(grouping: batch.context) { "\($0.interventionID)\u{0}\($0.code)" }
        let codes = Dictionary(uniqueKeysWithValues: batch.interventions.map { ($0.id, $0.actionCode) })
        for key in grouped.keys.sorted() {
            let rows = grouped[key]!
            let before = rows.first { $0.role == .before }
            let after = rows.first { $0.role == .after }
            let first = rows[0]
            table.append([
                codes[first.interventionID] ?? first.actionCode, first.countryISO3, "\(first.name) (\(first.code))",
                before.map { "\(Format.readable($0.value)) (\($0.year))" } ?? "–",
                after.map { "\(Format.readable($0.value)) (\($0.year))" } ?? "–",
                after?.change.map { Self.change($0, isRate: first.name.contains("%")) } ?? "–",
            ])
        }
        return out + table.text + "\n"
    }

    /// A change as the tables write it: signed, in percentage points (`-5.4 pp`) when it is a change of a rate.
    static func change(_ value: Double, isRate: Bool) -> String {
        Format.signed(value) + (isRate ? " pp" : "")
    }

    /// Whether an indicator's unit is a rate, a percentage (`%`, `% of population`, `% de la población`).
    static func isRate(_ unit: String?) -> Bool {
        unit.map { $0.trimmingCharacters(in: .whitespaces).hasPrefix("%") } ?? false
    }

    private static func value(_ reported: ReportedNumber) -> String {
        reported.value.map { Format.readable($0) } ?? "“\(reported.raw)”"
    }

    private func dataQualitySection(_ input: SummaryInput) -> String {
        var out = "## Data quality\n\n"
        let tally = input.diagnostics
        let usedFiles = input.inputs.count - input.rejected.count
        out += "\(Format.counted(input.inputs.count, "input file")) read, \(usedFiles) used, \(input.rejected.count) rejected; "
        out += "\(Format.counted(tally.total, "diagnostic")). Every diagnostic is listed in `diagnostics.csv`.\n\n"
        if tally.total > 0 {
            out += "### Diagnostics by code\n\n"
            var table = MarkdownTable(["Severity", "Code", "Meaning", "Count", "First seen"], rightAligned: [3])
            for entry in tally.sortedEntries {
                table.append([
                    entry.severity.rawValue, entry.code, DiagnosticCodes.meanings[entry.code] ?? "", String(entry.count),
                    entry.first?.description ?? "",
                ])
            }
            out += table.text + "\n"
        }
        out += "### Rejected inputs\n\n"
        if input.rejected.isEmpty {
            out += "None.\n\n"
        } else {
            var table = MarkdownTable(["File", "Code", "Reason"])
            for rejected in input.rejected.sorted(by: { $0.file < $1.file }) {
                table.append([rejected.file, rejected.code ?? "", rejected.reason])
            }
            out += table.text + "\n"
        }
        if tally.total > 0 {
            out += "### Diagnostics\n\n"
            // Messages quote the inputs: the fence is longer than any run of backticks they hold.
            let listed = tally.listed.prefix(diagnosticsListed).map { $0.formatted + "\n" }.joined()
            let fence = MarkdownText.fence(for: listed)
            out += "\(fence)text\n\(listed)\(fence)\n"
            let shown = min(tally.listed.count, diagnosticsListed)
            if tally.total > shown {
                out += "\n\(tally.total - shown) more in `diagnostics.csv`.\n"
            }
        }
        return out
    }
}
