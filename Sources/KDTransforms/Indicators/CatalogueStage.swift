import KDCore

/// Matches each indicator to the indicator catalogue (by code, exact name or synonym, in five languages),
/// records how, takes the catalogue's direction where the source gives none (reporting a disagreement where
/// it does), and converts 0-1 shares of indicators published on 0-100 (saying so). Titles that match no
/// entry are left unmatched, never guessed, and listed in the summary.
public struct CatalogueStage: Stage {
    public static let name = "catalogue"

    private let catalogue: IndicatorCatalogue

    /// Creates the stage with a catalogue.
    public init(catalogue: IndicatorCatalogue) {
        self.catalogue = catalogue
    }

    public func run(_ batch: Batch, diagnostics: inout DiagnosticLog) -> Batch {
        var output = batch
        for index in output.interventions.indices { apply(to: &output.interventions[index], diagnostics: &diagnostics) }
        return output
    }

    /// Matches the indicators of one intervention, in place (the IATI lane calls this per activity).
    public func apply(to intervention: inout Intervention, diagnostics: inout DiagnosticLog) {
        guard !catalogue.entries.isEmpty else { return }
        let record = intervention.id
        for index in intervention.indicators.indices {
            match(&intervention.indicators[index], record: record, diagnostics: &diagnostics)
        }
    }

    private func match(_ result: inout Indicator, record: String, diagnostics: inout DiagnosticLog) {
        guard let match = catalogue.match(code: result.code, title: result.title) else { return }
        let indicator = result
        let entry = match.entry
        result.catalogueCode = entry.code
        result.matchMethod = match.method.rawValue
        result.theme = entry.theme
        if let declared = indicator.ascending {
            if declared != entry.ascending {
                diagnostics.report(
                    .warning, "IND-004",
                    "'\(indicator.title)': the source says \(declared ? "higher" : "lower") is better, the catalogue (\(entry.code)) \(entry.ascending ? "higher" : "lower"); the source's direction is used",
                    at: indicator.location, record: record)
            }
        } else {
            result.ascending = entry.ascending
            result.directionSource = "catalogue"
        }
        if entry.scale == 100, !(indicator.unit ?? "").contains("%") {
            let values = ([indicator.baseline] + indicator.periods.flatMap { [$0.target, $0.actual, $0.baseline] })
                .compactMap { $0?.value }
            if !values.isEmpty, values.allSatisfy({ (0...1).contains($0) }), values.contains(where: { $0 > 0 }) {
                func scaled(_ value: ReportedNumber?) -> ReportedNumber? {
                    value.map { Reported(raw: $0.raw, value: $0.value.map { $0 * 100 }) }
                }
                result.baseline = scaled(indicator.baseline)
                result.periods = indicator.periods.map { period in
                    var converted = period
                    converted.target = scaled(period.target)
                    converted.actual = scaled(period.actual)
                    converted.baseline = scaled(period.baseline)
                    return converted
                }
                diagnostics.report(
                    .note, "IND-005",
                    "'\(indicator.title)': every value lies within 0-1 while \(entry.code) is published on 0-100; the values were multiplied by 100",
                    at: indicator.location, record: record)
            }
        }
    }
}
