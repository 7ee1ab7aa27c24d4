import KDCore

/// The CSV outputs: their headers and how one record becomes rows. The native lane renders whole tables
/// (sorted by their first column); the IATI lane streams the same rows to part files.
public enum TableWriters {
    // MARK: interventions.csv

    /// Columns of `interventions.csv`.
    public static let interventionHeader = [
        "intervention_id", "action_code", "source_file", "source_line", "origin", "country_iso3", "country_name",
        "title", "institution", "institution_original", "institution_acronym", "area", "sub_area",
        "assistance_types", "status", "start_date", "end_date", "modality", "language", "activities",
        "experts", "expert_days", "participants_female", "participants_male", "indicators", "lessons",
        "reporting_org", "recipient_countries", "sectors",
    ]

    /// One row of `interventions.csv`.
    public static func interventionRow(_ item: Intervention, lessons: Int, countries: CountryCatalogue = .standard) -> [String] {
        let activities = item.activities
        let experts: Int = activities.reduce(0) { $0 + $1.experts.count }
        let female: Int = activities.reduce(0) { $0 + ($1.participantsFemale ?? 0) }
        let male: Int = activities.reduce(0) { $0 + ($1.participantsMale ?? 0) }
        let countryName: String = item.country.iso3.map { countries.name(of: $0) } ?? (item.country.raw ?? "")
        let iati = item.iati
        let org: String = iati?.reportingOrg.map { [$0.ref, $0.name].compactMap { $0 }.joined(separator: " ") } ?? ""
        let recipients: String = (iati?.recipientCountries ?? []).map { share in
            share.percentage.map { "\(share.code):\($0)" } ?? share.code
        }.joined(separator: "|")
        let sectors: String = (iati?.sectors ?? []).map { share in
            let code = share.vocabulary.map { "\($0):\(share.code)" } ?? share.code
            return share.percentage.map { "\(code)@\($0)" } ?? code
        }.joined(separator: "|")
        var row: [String] = [item.id, item.actionCode, item.source.file, cell(item.source.line), item.origin.rawValue]
        row += [item.country.iso3 ?? "", countryName, item.title ?? ""]
        row += [item.institution?.name ?? "", item.institution?.originalName ?? "", item.institution?.acronym ?? ""]
        row += [item.area?.value ?? "", item.subArea ?? "", item.assistanceTypes.joined(separator: "|")]
        row += [item.status?.value ?? item.status?.raw ?? "", date(item.start), date(item.end), item.modality ?? "", item.language ?? ""]
        row += [String(activities.count), String(experts), Format.number(item.expertDays), String(female), String(male)]
        row += [String(item.indicators.count), String(lessons), org, recipients, sectors]
        return row
    }

    /// `interventions.csv` for a batch, sorted by `intervention_id`.
    public static func interventions(_ batch: Batch) -> ReportFile {
        var table = CSVTable(header: interventionHeader)
        let lessonCounts = Dictionary(grouping: batch.lessons, by: \.interventionID).mapValues(\.count)
        for item in batch.interventions.sorted(by: { $0.id < $1.id }) {
            table.append(interventionRow(item, lessons: lessonCounts[item.id] ?? 0))
        }
        return ReportFile(name: "interventions.csv", content: table.text)
    }

    // MARK: indicators.csv

    /// Columns of `indicators.csv`.
    public static let indicatorHeader = [
        "intervention_id", "action_code", "source_file", "source_line", "country_iso3", "indicator_code",
        "indicator_title", "unit", "ascending", "direction_source", "baseline_year", "baseline_value",
        "baseline_raw", "period_start", "period_end", "target_value", "target_raw", "actual_value", "actual_raw",
        "change", "achievement_pct", "achievement_method", "status", "status_reason", "source",
        "dimensions", "result_type", "measure", "catalogue_code", "match_method", "theme",
    ]

    /// The rows of `indicators.csv` for one intervention: one per indicator period (and dimension combination),
    /// in source order; an indicator without period gets one row.
    public static func indicatorRows(_ item: Intervention) -> [[String]] {
        var rows: [[String]] = []
        for indicator in item.indicators.sorted(by: { $0.location < $1.location }) {
            let periods = indicator.periods.isEmpty ? [IndicatorPeriod()] : indicator.periods
            for period in periods {
                let achievement = period.achievement
                let baseline = period.baseline ?? indicator.baseline
                let baselineYear = period.baseline == nil ? indicator.baselineYear : period.baselineYear
                let ascending: String = indicator.ascending.map { $0 ? "true" : "false" } ?? ""
                let percent: String = achievement?.percent.map { Format.number($0, digits: 1) } ?? ""
                let reason: String = achievement?.reason ?? (indicator.periods.isEmpty ? "no period reported" : "")
                rows.append([
                    item.id, item.actionCode, indicator.location.file, cell(indicator.location.line),
                    item.country.iso3 ?? "", indicator.code ?? "", indicator.title, indicator.unit ?? "",
                    ascending, indicator.directionSource ?? "", cell(baselineYear),
                    cell(baseline?.value), baseline?.raw ?? "",
                    date(period.start), date(period.end),
                    cell(period.target?.value), period.target?.raw ?? "", cell(period.actual?.value), period.actual?.raw ?? "",
                    cell(achievement?.change), percent, achievement?.method?.rawValue ?? "",
                    (achievement?.status ?? .notAssessable).rawValue, reason, indicator.source ?? "",
                    period.dimensions ?? "", indicator.resultType ?? "", indicator.measure ?? "",
                    indicator.catalogueCode ?? "", indicator.matchMethod ?? "", indicator.theme ?? "",
                ])
            }
        }
        return rows
    }

    /// `indicators.csv` for a batch, sorted by intervention, then source position.
    public static func indicators(_ batch: Batch) -> ReportFile {
        var table = CSVTable(header: indicatorHeader)
        for item in batch.interventions.sorted(by: { $0.id < $1.id }) {
            for row in indicatorRows(item) { table.append(row) }
        }
        return ReportFile(name: "indicators.csv", content: table.text)
    }

    // MARK: lessons.csv

    /// Columns of `lessons.csv`.
    public static let lessonHeader = [
        "lesson_id", "intervention_id", "action_code", "country_iso3", "area", "language", "section", "heading",
        "text", "source_file", "source_line", "kind", "language_method", "theme", "themes", "dac_criterion",
        "polarity", "rule", "cluster_id",
    ]

    /// One row of `lessons.csv`.
    public static func lessonRow(_ lesson: Lesson) -> [String] {
        var row: [String] = [lesson.id, lesson.interventionID, lesson.actionCode, lesson.countryISO3 ?? ""]
        row += [lesson.area ?? "", lesson.language ?? "", lesson.section.rawValue, lesson.heading ?? ""]
        row += [lesson.text, lesson.location.file, cell(lesson.location.line), lesson.section.kind, lesson.languageMethod ?? ""]
        row += [lesson.themes.first ?? "", lesson.themes.joined(separator: "|"), lesson.dacCriterion ?? ""]
        row += [lesson.polarity ?? "", lesson.rules.joined(separator: "; "), lesson.clusterID ?? ""]
        return row
    }

    /// `lessons.csv`: one row per lesson, sorted by `lesson_id`.
    public static func lessons(_ batch: Batch) -> ReportFile {
        var table = CSVTable(header: lessonHeader)
        for lesson in batch.lessons.sorted(by: { $0.id < $1.id }) { table.append(lessonRow(lesson)) }
        return ReportFile(name: "lessons.csv", content: table.text)
    }

    // MARK: lesson_clusters.csv

    /// `lesson_clusters.csv`: groups of lessons saying the same thing, most recurrent first.
    public static func clusters(_ batch: Batch) -> ReportFile {
        var table = CSVTable(header: [
            "cluster_id", "theme", "representative_lesson", "representative_text", "interventions", "countries", "size",
            "lesson_ids",
        ])
        for cluster in batch.clusters {
            table.append([
                cluster.id, cluster.theme ?? "", cluster.representative.id, cluster.representative.text,
                String(cluster.interventions.count), cluster.countries.joined(separator: "|"), String(cluster.lessonIDs.count),
                cluster.lessonIDs.joined(separator: "|"),
            ])
        }
        return ReportFile(name: "lesson_clusters.csv", content: table.text)
    }

    // MARK: context.csv

    /// Columns of `context.csv`.
    public static let contextHeader = [
        "intervention_id", "action_code", "country_iso3", "indicator_code", "indicator_name", "role", "year", "value",
        "change", "source_file",
    ]

    /// One row of `context.csv`.
    public static func contextRow(_ row: ContextRow) -> [String] {
        [row.interventionID, row.actionCode, row.countryISO3, row.code, row.name, row.role.rawValue, String(row.year),
         Format.number(row.value), cell(row.change), row.source]
    }

    /// `context.csv`: the national context of each intervention, sorted by intervention, indicator code, role.
    public static func context(_ batch: Batch) -> ReportFile {
        var table = CSVTable(header: contextHeader)
        for row in batch.context.sorted(by: { ($0.interventionID, $0.code, $0.year) < ($1.interventionID, $1.code, $1.year) }) {
            table.append(contextRow(row))
        }
        return ReportFile(name: "context.csv", content: table.text)
    }

    // MARK: diagnostics.csv

    /// Columns of `diagnostics.csv`.
    public static let diagnosticHeader = ["severity", "code", "file", "line", "column", "stage", "record", "message"]

    /// One row of `diagnostics.csv`.
    public static func diagnosticRow(_ diagnostic: Diagnostic) -> [String] {
        var row: [String] = [diagnostic.severity.rawValue, diagnostic.code, diagnostic.location?.file ?? ""]
        row += [cell(diagnostic.location?.line), cell(diagnostic.location?.column)]
        row += [diagnostic.stage ?? "", diagnostic.recordID ?? "", diagnostic.message]
        return row
    }

    /// `diagnostics.csv`: one row per diagnostic, sorted by file, line, column, code.
    public static func diagnostics(_ diagnostics: [Diagnostic]) -> ReportFile {
        var table = CSVTable(header: diagnosticHeader)
        for diagnostic in diagnostics.sorted() { table.append(diagnosticRow(diagnostic)) }
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
