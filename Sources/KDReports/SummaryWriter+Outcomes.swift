import KDCore

/// The summary's sections on outcomes: achievement counts, the outcome-indicator table, and the national context.
extension SummaryWriter {
    /// Achievement counts by theme (native and IATI) and by partner country (native), and the titles no
    /// catalogue entry matched.
    func outcomesSection(_ input: SummaryInput) -> String {
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
    func indicatorSection(_ batch: Batch, iatiPeriods: Int) -> String {
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
    func contextSection(_ batch: Batch) -> String {
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
}
