import KDCore

/// Writes the CSV outputs. Each table's columns are documented in the README; rows are sorted by the
/// key stated on each function.
public enum TableWriters {
    /// `interventions.csv`: one row per intervention, sorted by `intervention_id`.
    public static func interventions(_ batch: Batch, countries: CountryCatalogue = .standard) -> ReportFile {
        var table = CSVTable(header: [
            "intervention_id", "action_code", "source_file", "source_line", "origin", "country_iso3", "country_name",
            "title", "institution", "institution_original", "institution_acronym", "area", "sub_area",
            "assistance_types", "status", "start_date", "end_date", "modality", "language", "activities",
            "experts", "expert_days", "participants_female", "participants_male", "indicators", "lessons",
        ])
        let lessonCounts = Dictionary(grouping: batch.lessons, by: \.interventionID).mapValues(\.count)
        for item in batch.interventions.sorted(by: { $0.id < $1.id }) {
            let activities = item.activities
            let experts: Int = activities.reduce(0) { $0 + $1.experts.count }
            let female: Int = activities.reduce(0) { $0 + ($1.participantsFemale ?? 0) }
            let male: Int = activities.reduce(0) { $0 + ($1.participantsMale ?? 0) }
            let countryName: String = item.country.iso3.map { countries.name(of: $0) } ?? (item.country.raw ?? "")
            var row: [String] = [item.id, item.actionCode, item.source.file, cell(item.source.line), item.origin.rawValue]
            row += [item.country.iso3 ?? "", countryName, item.title ?? ""]
            row += [item.institution?.name ?? "", item.institution?.originalName ?? "", item.institution?.acronym ?? ""]
            row += [item.area?.value ?? "", item.subArea ?? "", item.assistanceTypes.joined(separator: "|")]
            row += [item.status?.value ?? "", date(item.start), date(item.end), item.modality ?? "", item.language ?? ""]
            row += [String(activities.count), String(experts), Format.number(item.expertDays), String(female), String(male)]
            row += [String(item.indicators.count), String(lessonCounts[item.id] ?? 0)]
            table.append(row)
        }
        return ReportFile(name: "interventions.csv", content: table.text)
    }

    /// `indicators.csv`: one row per indicator period, sorted by intervention, then source position.
    public static func indicators(_ batch: Batch) -> ReportFile {
        var table = CSVTable(header: [
            "intervention_id", "action_code", "source_file", "source_line", "country_iso3", "indicator_code",
            "indicator_title", "unit", "ascending", "direction_source", "baseline_year", "baseline_value",
            "baseline_raw", "period_start", "period_end", "target_value", "target_raw", "actual_value", "actual_raw",
            "change", "achievement_pct", "achievement_method", "status", "status_reason", "source",
        ])
        for item in batch.interventions.sorted(by: { $0.id < $1.id }) {
            for indicator in item.indicators.sorted(by: { $0.location < $1.location }) {
                let periods = indicator.periods.isEmpty ? [IndicatorPeriod()] : indicator.periods
                for period in periods {
                    let achievement = period.achievement
                    let ascending: String = indicator.ascending.map { $0 ? "true" : "false" } ?? ""
                    let percent: String = achievement?.percent.map { Format.number($0, digits: 1) } ?? ""
                    let reason: String = achievement?.reason ?? (indicator.periods.isEmpty ? "no period reported" : "")
                    var row: [String] = [item.id, item.actionCode, indicator.location.file, cell(indicator.location.line)]
                    row += [item.country.iso3 ?? "", indicator.code ?? "", indicator.title, indicator.unit ?? ""]
                    row += [ascending, indicator.directionSource ?? "", cell(indicator.baselineYear)]
                    row += [cell(indicator.baseline?.value), indicator.baseline?.raw ?? ""]
                    row += [date(period.start), date(period.end)]
                    row += [cell(period.target?.value), period.target?.raw ?? "", cell(period.actual?.value), period.actual?.raw ?? ""]
                    row += [cell(achievement?.change), percent, achievement?.method?.rawValue ?? ""]
                    row += [(achievement?.status ?? .notAssessable).rawValue, reason, indicator.source ?? ""]
                    table.append(row)
                }
            }
        }
        return ReportFile(name: "indicators.csv", content: table.text)
    }

    /// `lessons.csv`: one row per lesson, sorted by `lesson_id`.
    public static func lessons(_ batch: Batch) -> ReportFile {
        var table = CSVTable(header: [
            "lesson_id", "intervention_id", "action_code", "country_iso3", "area", "language", "section", "heading",
            "text", "source_file", "source_line",
        ])
        for lesson in batch.lessons.sorted(by: { $0.id < $1.id }) {
            var row: [String] = [lesson.id, lesson.interventionID, lesson.actionCode, lesson.countryISO3 ?? ""]
            row += [lesson.area ?? "", lesson.language ?? "", lesson.section.rawValue, lesson.heading ?? ""]
            row += [lesson.text, lesson.location.file, cell(lesson.location.line)]
            table.append(row)
        }
        return ReportFile(name: "lessons.csv", content: table.text)
    }

    /// `diagnostics.csv`: one row per diagnostic, sorted by file, line, column, code.
    public static func diagnostics(_ diagnostics: [Diagnostic]) -> ReportFile {
        var table = CSVTable(header: ["severity", "code", "file", "line", "column", "stage", "record", "message"])
        for diagnostic in diagnostics.sorted() {
            var row: [String] = [diagnostic.severity.rawValue, diagnostic.code, diagnostic.location?.file ?? ""]
            row += [cell(diagnostic.location?.line), cell(diagnostic.location?.column)]
            row += [diagnostic.stage ?? "", diagnostic.recordID ?? "", diagnostic.message]
            table.append(row)
        }
        return ReportFile(name: "diagnostics.csv", content: table.text)
    }

    private static func cell(_ value: Int?) -> String {
        value.map { String($0) } ?? ""
    }

    private static func cell(_ value: Double?) -> String {
        value.map { Format.number($0) } ?? ""
    }

    private static func date(_ reported: ReportedDate?) -> String {
        reported?.value?.description ?? ""
    }
}
