import KDCore

/// Sums the portfolio: totals, and tallies by area, type of assistance, country, year and status,
/// each sorted by interventions (descending) then key, so the order is stable.
public struct AggregateStage: Stage {
    public static let name = "aggregate"

    /// Creates the stage.
    public init() {}

    public func run(_ batch: Batch, diagnostics: inout DiagnosticLog) -> Portfolio {
        var portfolio = Portfolio()
        var byArea: [String: Tally] = [:]
        var byType: [String: Tally] = [:]
        var byCountry: [String: Tally] = [:]
        var byYear: [String: Tally] = [:]
        var byStatus: [String: Tally] = [:]

        for intervention in batch.interventions {
            let activities = intervention.activities.count
            let days = intervention.expertDays
            let periods = intervention.indicators.reduce(0) { $0 + max(1, $1.periods.count) }
            func add(_ key: String, to table: inout [String: Tally]) {
                table[key, default: Tally(key: key)].interventions += 1
                table[key]!.activities += activities
                table[key]!.expertDays += days
                table[key]!.indicatorPeriods += periods
            }
            add(intervention.area?.value ?? "unspecified", to: &byArea)
            let types = Set(intervention.assistanceTypes)
            for type in types.isEmpty ? ["unspecified"] : Array(types) { add(type, to: &byType) }
            add(intervention.country.iso3 ?? "unknown", to: &byCountry)
            add(intervention.requestYear.map { String($0) } ?? "unknown", to: &byYear)
            add(intervention.status?.value ?? "unspecified", to: &byStatus)

            portfolio.interventions += 1
            portfolio.activities += activities
            portfolio.expertDays += days
            portfolio.indicatorPeriods += periods
            for activity in intervention.activities {
                portfolio.participantsFemale += activity.participantsFemale ?? 0
                portfolio.participantsMale += activity.participantsMale ?? 0
            }
            for indicator in intervention.indicators {
                let statuses = indicator.periods.map { $0.achievement?.status ?? .notAssessable }
                for status in statuses.isEmpty ? [.notAssessable] : statuses {
                    portfolio.achievement[status, default: 0] += 1
                    portfolio.achievementByTheme[indicator.theme ?? "unmatched", default: [:]][status, default: 0] += 1
                    portfolio.achievementByCountry[intervention.country.iso3 ?? "unknown", default: [:]][status, default: 0] += 1
                }
                if indicator.catalogueCode == nil { portfolio.unmatchedTitles[indicator.title, default: 0] += 1 }
            }
            if let end = intervention.end?.value, portfolio.latestEnd.map({ $0 < end }) ?? true {
                portfolio.latestEnd = end
            }
        }
        for lesson in batch.lessons { portfolio.lessons[lesson.section, default: 0] += 1 }
        portfolio.countries = Set(batch.interventions.compactMap(\.country.iso3)).count
        portfolio.byArea = sorted(byArea)
        portfolio.byAssistanceType = sorted(byType)
        portfolio.byCountry = sorted(byCountry)
        portfolio.byYear = byYear.values.sorted { $0.key < $1.key }
        portfolio.byStatus = sorted(byStatus)
        return portfolio
    }

    private func sorted(_ table: [String: Tally]) -> [Tally] {
        table.values.sorted { ($1.interventions, $0.key) < ($0.interventions, $1.key) }
    }
}
