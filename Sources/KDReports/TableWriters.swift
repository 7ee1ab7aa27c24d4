import KDCore

/// The CSV outputs: their headers and how one record becomes rows. The native lane renders whole tables
/// (sorted by their first column); the IATI lane streams the same rows after them (see `RenderStage.tables`).
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

    /// Writes the row of `interventions.csv` for one intervention.
    public static func writeInterventionRow(
        _ item: Intervention, lessons: Int, countries: CountryCatalogue = .standard, to csv: inout CSVBuffer
    ) {
        let activities = item.activities
        let experts: Int = activities.reduce(0) { $0 + $1.experts.count }
        let female: Int = activities.reduce(0) { $0 + ($1.participantsFemale ?? 0) }
        let male: Int = activities.reduce(0) { $0 + ($1.participantsMale ?? 0) }
        let iati = item.iati
        csv.add(item.id)
        csv.add(item.actionCode)
        csv.add(item.source.file)
        csv.add(item.source.line)
        csv.add(item.origin.rawValue)
        csv.add(item.country.iso3)
        csv.add(item.country.iso3.map { countries.name(of: $0) } ?? item.country.raw)
        csv.add(item.title)
        csv.add(item.institution?.name)
        csv.add(item.institution?.originalName)
        csv.add(item.institution?.acronym)
        csv.add(item.area?.value)
        csv.add(item.subArea)
        csv.add(item.assistanceTypes.joined(separator: "|"))
        csv.add(item.status?.value ?? item.status?.raw)
        csv.add(item.start?.value)
        csv.add(item.end?.value)
        csv.add(item.modality)
        csv.add(item.language)
        csv.add(activities.count)
        csv.add(experts)
        csv.add(item.expertDays)
        csv.add(female)
        csv.add(male)
        csv.add(item.indicators.count)
        csv.add(lessons)
        csv.add(iati?.reportingOrg.map { [$0.ref, $0.name].compactMap { $0 }.joined(separator: " ") })
        csv.add((iati?.recipientCountries ?? []).map { share in
            share.percentage.map { "\(share.code):\($0)" } ?? share.code
        }.joined(separator: "|"))
        csv.add((iati?.sectors ?? []).map { share in
            let code = share.vocabulary.map { "\($0):\(share.code)" } ?? share.code
            return share.percentage.map { "\(code)@\($0)" } ?? code
        }.joined(separator: "|"))
        csv.endRow()
    }

    /// `interventions.csv` for a batch, sorted by `intervention_id`.
    public static func interventions(_ batch: Batch) -> ReportFile {
        var table = CSVTable(header: interventionHeader)
        let lessonCounts = Dictionary(grouping: batch.lessons, by: \.interventionID).mapValues(\.count)
        for item in batch.interventions.sorted(by: { $0.id < $1.id }) {
            writeInterventionRow(item, lessons: lessonCounts[item.id] ?? 0, to: &table.csv)
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

    /// Writes the rows of `indicators.csv` for one intervention: one per indicator period (and dimension
    /// combination), in source order; an indicator without period gets one row.
    public static func writeIndicatorRows(_ item: Intervention, to csv: inout CSVBuffer) {
        item.indicators.withUnsafeBufferPointer { indicators in
            // Indicators are almost always in source order already; comparing their locations while sorting
            // costs more than checking that order once.
            let inOrder = zip(indicators.indices.dropLast(), indicators.indices.dropFirst())
                .allSatisfy { !(indicators[$0.1].location < indicators[$0.0].location) }
            let order = inOrder ? Array(indicators.indices) : indicators.indices.sorted { indicators[$0].location < indicators[$1].location }
            for index in order { writeRows(of: indicators.baseAddress! + index, in: item, to: &csv) }
        }
    }

    /// The rows of one indicator: one per period, or one when it has none. The indicator and its periods are
    /// read where they lie (see `forEachAddress`); the columns that come from the indicator alone are written
    /// once, with its first row, and copied into the next.
    private static func writeRows(of indicator: UnsafePointer<Indicator>, in item: Intervention, to csv: inout CSVBuffer) {
        var shared: SharedColumns?
        guard !indicator.pointee.periods.isEmpty else {
            return withUnsafePointer(to: IndicatorPeriod()) { writeRow(of: indicator, $0, in: item, shared: &shared, to: &csv) }
        }
        indicator.pointee.periods.forEachAddress { period in writeRow(of: indicator, period, in: item, shared: &shared, to: &csv) }
    }

    /// Where an indicator's first row holds the columns every row of the indicator repeats: those before
    /// `baseline_year`, and those from `result_type` on.
    private struct SharedColumns {
        var head: Range<Int>
        var tail: Range<Int>
    }

    private static func writeRow(
        of indicator: UnsafePointer<Indicator>, _ period: UnsafePointer<IndicatorPeriod>, in item: Intervention,
        shared: inout SharedColumns?, to csv: inout CSVBuffer
    ) {
        let achievement = period.pointee.achievement
        let baseline = period.pointee.baseline ?? indicator.pointee.baseline
        let headStart = csv.position
        if let shared {
            csv.addAgain(shared.head)
        } else {
            csv.add(item.id)
            csv.add(item.actionCode)
            csv.add(indicator.pointee.location.file)
            csv.add(indicator.pointee.location.line)
            csv.add(item.country.iso3)
            csv.add(indicator.pointee.code)
            csv.add(indicator.pointee.title)
            csv.add(indicator.pointee.unit)
            csv.add(indicator.pointee.ascending.map { $0 ? "true" : "false" })
            csv.add(indicator.pointee.directionSource)
        }
        let headEnd = csv.position
        csv.add(period.pointee.baseline == nil ? indicator.pointee.baselineYear : period.pointee.baselineYear)
        csv.add(baseline?.value)
        csv.add(baseline?.raw)
        csv.add(period.pointee.start?.value)
        csv.add(period.pointee.end?.value)
        csv.add(period.pointee.target?.value)
        csv.add(period.pointee.target?.raw)
        csv.add(period.pointee.actual?.value)
        csv.add(period.pointee.actual?.raw)
        csv.add(achievement?.change)
        csv.add(achievement?.percent, digits: 1)
        csv.add(achievement?.method?.rawValue)
        csv.add((achievement?.status ?? .notAssessable).rawValue)
        csv.add(achievement?.reason ?? (indicator.pointee.periods.isEmpty ? "no period reported" : ""))
        csv.add(indicator.pointee.source)
        csv.add(period.pointee.dimensions)
        if let shared {
            csv.addAgain(shared.tail)
        } else {
            let tailStart = csv.position
            csv.add(indicator.pointee.resultType)
            csv.add(indicator.pointee.measure)
            csv.add(indicator.pointee.catalogueCode)
            csv.add(indicator.pointee.matchMethod)
            csv.add(indicator.pointee.theme)
            shared = SharedColumns(head: headStart..<headEnd, tail: tailStart..<csv.position)
        }
        csv.endRow()
    }

    /// `indicators.csv` for a batch, sorted by intervention, then source position.
    public static func indicators(_ batch: Batch) -> ReportFile {
        var table = CSVTable(header: indicatorHeader)
        for item in batch.interventions.sorted(by: { $0.id < $1.id }) {
            writeIndicatorRows(item, to: &table.csv)
        }
        return ReportFile(name: "indicators.csv", content: table.text)
    }

    // MARK: lessons.csv

    /// Columns of `lessons.csv`.
    public static let lessonHeader = [
        "lesson_id", "intervention_id", "action_code", "country_iso3", "area", "language", "section", "heading",
        "text", "source_file", "source_line", "kind", "language_method", "theme", "themes", "dac_criterion",
        "polarity", "rule", "cluster_id", "addressee",
    ]

    /// Writes the row of `lessons.csv` for one lesson.
    public static func writeLessonRow(_ lesson: Lesson, to csv: inout CSVBuffer) {
        for field in [lesson.id, lesson.interventionID, lesson.actionCode] { csv.add(field) }
        for field in [lesson.countryISO3, lesson.area, lesson.language] { csv.add(field) }
        csv.add(lesson.section.rawValue)
        csv.add(lesson.heading)
        csv.add(lesson.text)
        csv.add(lesson.location.file)
        csv.add(lesson.location.line)
        csv.add(lesson.section.kind)
        csv.add(lesson.languageMethod)
        csv.add(lesson.themes.first)
        csv.add(lesson.themes.joined(separator: "|"))
        csv.add(lesson.dacCriterion)
        csv.add(lesson.polarity)
        csv.add(lesson.rules.joined(separator: "; "))
        csv.add(lesson.clusterID)
        csv.add(lesson.addressee)
        csv.endRow()
    }

    /// `lessons.csv`: one row per lesson (the reports' and tables', and the IATI activities' grouped with them),
    /// sorted by `lesson_id`.
    public static func lessons(_ lessons: [Lesson]) -> ReportFile {
        var table = CSVTable(header: lessonHeader)
        // Their order sorted, not the lessons themselves: a sorted copy of 20,000 lessons is 6 MB more at the peak.
        for index in lessons.indices.sorted(by: { lessons[$0].id < lessons[$1].id }) { writeLessonRow(lessons[index], to: &table.csv) }
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

    /// Writes the row of `context.csv` for one context value.
    public static func writeContextRow(_ row: ContextRow, to csv: inout CSVBuffer) {
        for field in [row.interventionID, row.actionCode, row.countryISO3, row.code, row.name, row.role.rawValue] { csv.add(field) }
        csv.add(row.year)
        csv.add(row.value)
        csv.add(row.change)
        csv.add(row.source)
        csv.endRow()
    }

    /// `context.csv`: the national context of each intervention, sorted by intervention, indicator code, role.
    public static func context(_ batch: Batch) -> ReportFile {
        var table = CSVTable(header: contextHeader)
        for row in batch.context.sorted(by: { ($0.interventionID, $0.code, $0.year) < ($1.interventionID, $1.code, $1.year) }) {
            writeContextRow(row, to: &table.csv)
        }
        return ReportFile(name: "context.csv", content: table.text)
    }

    // MARK: diagnostics.csv

    /// Columns of `diagnostics.csv`.
    public static let diagnosticHeader = ["severity", "code", "file", "line", "column", "stage", "record", "message"]

    /// Writes the row of `diagnostics.csv` for one diagnostic.
    public static func writeDiagnosticRow(_ diagnostic: Diagnostic, to csv: inout CSVBuffer) {
        csv.add(diagnostic.severity.rawValue)
        csv.add(diagnostic.code)
        csv.add(diagnostic.location?.file)
        csv.add(diagnostic.location?.line)
        csv.add(diagnostic.location?.column)
        csv.add(diagnostic.stage)
        csv.add(diagnostic.recordID)
        csv.add(diagnostic.message)
        csv.endRow()
    }

    /// `diagnostics.csv`: one row per diagnostic, sorted by file, line, column, code.
    public static func diagnostics(_ diagnostics: [Diagnostic]) -> ReportFile {
        var table = CSVTable(header: diagnosticHeader)
        for diagnostic in diagnostics.sorted() { writeDiagnosticRow(diagnostic, to: &table.csv) }
        return ReportFile(name: "diagnostics.csv", content: table.text)
    }
}
