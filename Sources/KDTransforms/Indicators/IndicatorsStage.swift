import KDCore

/// Resolves each indicator's direction and computes its achievement per period (DOMAIN.md):
/// (actual − baseline) / (target − baseline) × 100, never clamped; "n/a" with the reason when undefined;
/// actual / target (target / actual when lower is better) when there is no baseline, labelled `ratio`.
public struct IndicatorsStage: Stage {
    public static let name = "indicators"

    private let bands: AchievementBands

    /// Creates the stage with the achievement bands in force.
    public init(bands: AchievementBands = .standard) {
        self.bands = bands
    }

    public func run(_ batch: Batch, diagnostics: inout DiagnosticLog) -> Batch {
        var output = batch
        for index in output.interventions.indices { measure(&output.interventions[index], diagnostics: &diagnostics) }
        return output
    }

    /// Resolves directions and computes achievements for one intervention, in place (the IATI lane calls
    /// this per activity).
    public func measure(_ intervention: inout Intervention, diagnostics: inout DiagnosticLog) {
        let record = intervention.id
        for index in intervention.indicators.indices {
            resolveDirection(&intervention.indicators[index])
            // The periods are taken out while they are measured, so that neither array is copied; the
            // indicator and each period are read where they lie.
            var periods = intervention.indicators[index].periods
            intervention.indicators[index].periods = []
            intervention.indicators.withUnsafeBufferPointer { indicators in
                let indicator = indicators.baseAddress! + index
                periods.withUnsafeMutableBufferPointer { periods in
                    for period in periods.indices {
                        periods[period].achievement = achievement(
                            of: indicator, UnsafePointer(periods.baseAddress! + period), record: record, diagnostics: &diagnostics)
                    }
                }
            }
            Self.explainSplits(&periods)
            intervention.indicators[index].periods = periods
        }
    }

    /// Where a period is split by dimension (IATI: one row per combination, adjacent, from one `<period>`)
    /// with a value given for the whole period on one side and by dimension on the other, the rows that
    /// cannot be assessed say so: "no actual value" on the whole period's row read as if none had been
    /// reported. Values of different splits are never added up: what a sum means depends on the measure.
    static func explainSplits(_ periods: inout [IndicatorPeriod]) {
        var first = 0
        while first < periods.count {
            var end = first + 1
            if periods[first].line != nil {
                while end < periods.count, periods[end].line == periods[first].line, periods[end].column == periods[first].column,
                      periods[end].start?.raw == periods[first].start?.raw, periods[end].end?.raw == periods[first].end?.raw {
                    end += 1
                }
            }
            if end - first > 1 { explain(&periods[first..<end]) }
            first = end
        }
    }

    private static func explain(_ rows: inout ArraySlice<IndicatorPeriod>) {
        guard let whole = rows.indices.first(where: { rows[$0].dimensions == nil }) else { return }
        let splitActuals = rows.count { $0.dimensions != nil && $0.actual != nil }
        let splitTargets = rows.count { $0.dimensions != nil && $0.target != nil }
        /// Only a row found wanting the value given on the other side is explained (not a qualitative one).
        func explain(_ index: Int, _ reason: String) {
            guard let cause = rows[index].achievement?.cause, cause == .noActual || cause == .noTarget else { return }
            rows[index].achievement?.reason = reason
            rows[index].achievement?.cause = .splitOnOneSide
        }
        // The achievement reads the actual first, then the target: the reason given is for the first missing.
        if rows[whole].actual == nil, splitActuals > 0 {
            explain(whole, "no actual value for the whole period; its actuals are given by dimension only (\(splitActuals) of them)")
        } else if rows[whole].actual?.value != nil, rows[whole].target == nil, splitTargets > 0 {
            explain(whole, "no target for the whole period; its targets are given by dimension only (\(splitTargets) of them)")
        }
        for index in rows.indices where rows[index].dimensions != nil {
            if rows[index].actual == nil, rows[whole].actual != nil {
                explain(index, "no actual value for this dimension; the period's actual is given for the whole period only")
            } else if rows[index].actual?.value != nil, rows[index].target == nil, rows[whole].target != nil {
                explain(index, "no target for this dimension; the period's target is given for the whole period only")
            }
        }
    }

    private func resolveDirection(_ indicator: inout Indicator) {
        if indicator.ascending != nil {
            indicator.directionSource = indicator.directionSource ?? "declared"
        } else if let baseline = indicator.baseline?.value,
                  let target = indicator.periods.lazy.compactMap({ $0.target?.value }).first, target != baseline {
            indicator.ascending = target > baseline
            indicator.directionSource = "inferred"
        } else {
            indicator.ascending = true
            indicator.directionSource = "default"
        }
    }

    /// The percentage rounded to 1e-9, so that decimal inputs land on the band they mean:
    /// (27.4 − 19.6) / (30 − 19.6) is 75 %, not 74.99999999999997 % (which would fall in the band below).
    static func settled(_ percent: Double) -> Double {
        (percent * 1e9).rounded() / 1e9
    }

    /// The achievement of one period, read where the indicator and the period lie (see `forEachAddress`).
    func achievement(
        of indicator: UnsafePointer<Indicator>, _ period: UnsafePointer<IndicatorPeriod>, record: String,
        diagnostics: inout DiagnosticLog
    ) -> Achievement {
        func notAssessable(_ reason: String, _ cause: Achievement.Cause) -> Achievement {
            Achievement(
                percent: nil, method: nil, status: .notAssessable, reason: Format.shortened(reason, to: Diagnostic.maximumText), cause: cause)
        }
        /// The indicator a finding is about, with the row's dimensions when the period is split.
        func subject() -> String {
            NormalizeStage.subject("'\(indicator.pointee.title)'", period.pointee.dimensions)
        }
        if indicator.pointee.isQualitative {
            return notAssessable("qualitative indicator (IATI measure 5)", .qualitative)
        }
        guard let actual = period.pointee.actual?.value else {
            guard let actual = period.pointee.actual else { return notAssessable("no actual value", .noActual) }
            return notAssessable("actual '\(actual.raw)' is not a number", .notANumber)
        }
        guard let target = period.pointee.target?.value else {
            guard let target = period.pointee.target else { return notAssessable("no target", .noTarget) }
            return notAssessable("target '\(target.raw)' is not a number", .notANumber)
        }
        let ascending = indicator.pointee.ascending ?? true
        if let baseline = (period.pointee.baseline ?? indicator.pointee.baseline)?.value {
            let change = actual - baseline
            guard target != baseline else {
                diagnostics.report(
                    .note, "IND-001", "\(subject()): the target equals the baseline, so achievement is undefined",
                    at: indicator.pointee.location(of: period.pointee), record: record)
                var result = notAssessable("target equals baseline", .undefined)
                result.change = change
                return result
            }
            if indicator.pointee.directionSource == "declared", (target > baseline) != ascending {
                diagnostics.report(
                    .warning, "IND-002",
                    "\(subject()): the target (\(Format.number(target))) moves away from the baseline (\(Format.number(baseline))) in the direction the indicator calls worse",
                    at: indicator.pointee.location(of: period.pointee), record: record)
            }
            let percent = Self.settled((actual - baseline) / (target - baseline) * 100)
            return Achievement(percent: percent, method: .progress, status: bands.status(for: percent), change: change)
        }
        let numerator = ascending ? actual : target
        let denominator = ascending ? target : actual
        guard denominator != 0 else {
            return notAssessable(ascending ? "no baseline and the target is zero" : "no baseline and the actual is zero", .undefined)
        }
        diagnostics.report(
            .note, "IND-003",
            "\(subject()): no baseline; achievement is \(ascending ? "actual / target" : "target / actual") (method 'ratio'), not progress from a baseline",
            at: indicator.pointee.location(of: period.pointee), record: record)
        let percent = Self.settled(numerator / denominator * 100)
        return Achievement(percent: percent, method: .ratio, status: bands.status(for: percent))
    }
}
