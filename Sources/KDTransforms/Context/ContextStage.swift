import KDCore

/// Puts each intervention in its national context: for every series the context files hold for its
/// country, the value nearest before (or in) the year it started, and the latest value up to the year it
/// ended, each with its year and published name, and the change between them (percentage points for rates).
/// Aggregates (WLD, EUU…) are never taken for countries.
public struct ContextStage: Stage {
    public static let name = "context"

    /// What the stage reads: the records and the series.
    public struct Input: Sendable {
        /// The records.
        public var batch: Batch
        /// The context series.
        public var series: ContextSeries

        /// Creates the input.
        public init(batch: Batch, series: ContextSeries) {
            self.batch = batch
            self.series = series
        }
    }

    /// Creates the stage.
    public init() {}

    public func run(_ input: Input, diagnostics: inout DiagnosticLog) -> Batch {
        var output = input.batch
        output.context = input.batch.interventions.flatMap { rows(for: $0, in: input.series) }
        return output
    }

    /// The context rows of one intervention (the IATI lane calls this per activity).
    public func rows(for intervention: Intervention, in series: ContextSeries) -> [ContextRow] {
        guard let country = intervention.country.iso3, series.isCountry(country),
              let bySeries = series.points[country],
              let startYear = intervention.start?.value?.year ?? intervention.requestYear
        else { return [] }
        let endYear = intervention.end?.value?.year ?? startYear
        var rows: [ContextRow] = []
        for code in bySeries.keys.sorted() {
            let points = bySeries[code]!
            let before = points.last { $0.year <= startYear }
            let after = points.last { $0.year <= endYear && $0.year > (before?.year ?? Int.min) }
            func row(_ point: ContextSeries.Point, _ role: ContextRow.Role, change: Double?) -> ContextRow {
                ContextRow(
                    interventionID: intervention.id, actionCode: intervention.actionCode, countryISO3: country, code: code,
                    name: point.name, role: role, year: point.year, value: point.value, change: change, source: point.source)
            }
            if let before { rows.append(row(before, .before, change: nil)) }
            if let after { rows.append(row(after, .after, change: before.map { after.value - $0.value })) }
        }
        return rows
    }
}
