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
    func countryLabel(_ iso3: String) -> String {
        iso3 == "unknown" ? "Not resolved" : countries.labelled(iso3)
    }

    /// Where a country stands in a list: by its English name, those not resolved last.
    func countryOrder(_ iso3: String) -> (Int, String) {
        iso3 == "unknown" ? (1, "") : (0, countries.name(of: iso3))
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
