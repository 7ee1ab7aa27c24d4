import KDCore

/// Reads the values every later stage relies on: countries to ISO3 (codes, and names in five languages),
/// dates, numbers (with the source's decimal style), areas, statuses and indicator directions.
///
/// Raw text is always kept; what cannot be read is reported and left empty.
public struct NormalizeStage: Stage {
    public static let name = "normalize"

    private let countries: CountryCatalogue
    private let numbers = NumberReader()
    private let dates = DateReader()

    /// Creates the stage with a country catalogue.
    public init(countries: CountryCatalogue = .standard) {
        self.countries = countries
    }

    public func run(_ batch: Batch, diagnostics: inout DiagnosticLog) -> Batch {
        var output = batch
        for index in output.interventions.indices { normalize(&output.interventions[index], diagnostics: &diagnostics) }
        output.observations = batch.observations.map { observation in
            var result = observation
            normalize(&result.indicator, record: observation.interventionID, diagnostics: &diagnostics)
            return result
        }
        return output
    }

    /// Normalises one intervention in place (the streaming IATI lane calls this per activity).
    public func normalize(_ result: inout Intervention, diagnostics: inout DiagnosticLog) {
        let record = result.id
        let place = result.source
        result.country.iso3 = country(
            result.country, iatiRegions: result.iati?.recipientRegions.count, at: place, record: record,
            diagnostics: &diagnostics)
        if let area = result.area, area.value == nil {
            result.area?.value = Vocabulary.area(area.raw)
            if result.area?.value == nil {
                diagnostics.report(
                    .warning, "NRM-004",
                    "area '\(area.raw)' is none of social protection, labour, employment (in EN, FR, ES, PT or NL)",
                    at: place, record: record)
            }
        }
        // IATI statuses are codes of IATI's own list (implementation, closed…), mapped by the reader.
        if let status = result.status, status.value == nil, result.origin != .iati {
            result.status?.value = Vocabulary.status(status.raw)
            if result.status?.value == nil {
                diagnostics.report(
                    .warning, "NRM-005",
                    "status '\(status.raw)' is none of completed, completed with changes, partially completed, cancelled",
                    at: place, record: record)
            }
        }
        result.start = date(result.start, "start date", at: place, record: record, diagnostics: &diagnostics)
        result.end = date(result.end, "end date", at: place, record: record, diagnostics: &diagnostics)
        if let start = result.start?.value, let end = result.end?.value, end < start {
            diagnostics.report(
                .warning, "NRM-007", "the end date \(end) is before the start date \(start)", at: place, record: record)
        }
        let style = result.numberStyle
        result.activities = result.activities.map { activity in
            var normalized = activity
            normalized.start = date(activity.start, "activity start date", at: place, record: record, diagnostics: &diagnostics)
            normalized.end = date(activity.end, "activity end date", at: place, record: record, diagnostics: &diagnostics)
            normalized.experts = activity.experts.map { expert in
                var withDays = expert
                withDays.days = number(expert.days, "expert days", style: style, at: place, record: record, diagnostics: &diagnostics)
                return withDays
            }
            return normalized
        }
        // Values with a year prefix or a comment (`2015:1004106`, `1584728 (158%)`) are read, with a note.
        let lenient = true
        for index in result.indicators.indices {
            normalize(&result.indicators[index], record: record, lenient: lenient, diagnostics: &diagnostics)
        }
    }

    private func normalize(
        _ result: inout Indicator, record: String, lenient: Bool = false, diagnostics: inout DiagnosticLog
    ) {
        let place = result.location
        let style = result.numberStyle
        let isQualitative = result.isQualitative
        func value(
            _ reported: ReportedNumber?, _ what: StaticString, split: String? = nil, at place: SourceLocation
        ) -> ReportedNumber? {
            // Qualitative indicators (IATI measure 5) report text by design: nothing to read, nothing to flag.
            if isQualitative { return reported }
            return number(
                reported, what, split: split, style: style, lenient: lenient, at: place, record: record,
                diagnostics: &diagnostics)
        }
        if let declared = result.declaredDirection {
            result.ascending = Vocabulary.ascending(declared)
            if result.ascending == nil {
                diagnostics.report(
                    .warning, "NRM-008", "direction '\(declared)' is neither higher nor lower is better",
                    at: place, record: record)
            }
        }
        result.baseline = value(result.baseline, "baseline", at: place)
        for index in result.periods.indices {
            // A period's findings are placed at the period, and name the row's dimensions when it is split,
            // so that two periods' (or two rows') are told apart.
            let place = result.location(of: result.periods[index])
            let split = result.periods[index].dimensions
            result.periods[index].start = date(
                result.periods[index].start, "period start date", split: split, at: place, record: record,
                diagnostics: &diagnostics)
            result.periods[index].end = date(
                result.periods[index].end, "period end date", split: split, at: place, record: record,
                diagnostics: &diagnostics)
            result.periods[index].target = value(result.periods[index].target, "target", split: split, at: place)
            result.periods[index].actual = value(result.periods[index].actual, "actual", split: split, at: place)
            result.periods[index].baseline = value(result.periods[index].baseline, "baseline", split: split, at: place)
        }
    }

    private func country(
        _ field: CountryField, iatiRegions: Int?, at place: SourceLocation, record: String, diagnostics: inout DiagnosticLog
    ) -> String? {
        let isIATI = iatiRegions != nil
        let byCode = field.declaredCode.flatMap(countries.resolve)
        let byName = field.raw.flatMap(countries.resolve)
        if let code = field.declaredCode, byCode == nil {
            // IATI's recipient-country takes ISO 3166-1 alpha-2 codes, and its recipient-region numbers (DAC
            // regions: 298, 998): some publishers give a region in both.
            let region = isIATI && !code.isEmpty && code.utf8.allSatisfy { (48...57).contains($0) }
                ? ": a number is an IATI region code (recipient-region), given here as a recipient country" : ""
            diagnostics.report(.warning, "NRM-001", "country code '\(code)' is not an ISO 3166-1 code\(region)", at: place, record: record)
        }
        if let raw = field.raw, byName == nil, byCode == nil {
            diagnostics.report(
                .warning, "NRM-001", "country '\(raw)' is not a country name or code known in EN, FR, ES, PT or NL",
                at: place, record: record)
        }
        if let byCode, let byName, byCode != byName {
            diagnostics.report(
                .warning, "NRM-006",
                "country code \(byCode) and name '\(field.raw ?? "")' (\(byName)) disagree; the code is used",
                at: place, record: record)
        }
        if field.raw == nil, field.declaredCode == nil, (iatiRegions ?? 0) == 0 {
            diagnostics.report(.warning, "NRM-001", "no partner country is given", at: place, record: record)
        }
        return byCode ?? byName
    }

    /// `reported` with its date read; a warning naming `what` (`start date`, `period end date`), and the
    /// dimensions of the row it belongs to (`split`), when it cannot be.
    private func date(
        _ reported: ReportedDate?, _ what: StaticString, split: String? = nil, at place: SourceLocation, record: String,
        diagnostics: inout DiagnosticLog
    ) -> ReportedDate? {
        guard var reported else { return nil }
        let reading = dates.reading(reported.raw)
        reported.value = reading.date
        // What the finding is about is written only when there is one (this runs for every date of every row).
        func subject() -> String { "\(Self.subject("\(what)", split)) '\(reported.raw)'" }
        switch reading {
        case .date:
            break
        case .impossible(let why):
            diagnostics.report(.warning, "NRM-002", "\(subject()) was not used: \(why)", at: place, record: record)
        case .unreadable:
            diagnostics.report(
                .warning, "NRM-002", "\(subject()) is not readable (expected e.g. 2020-10-01, 01/10/2020, 1 October 2020, octobre 2020)",
                at: place, record: record)
        }
        return reported
    }

    /// `reported` with its number read; a diagnostic naming `what` (`target`, `expert days`), and the
    /// dimensions of the row it belongs to (`split`), when it cannot be read plainly.
    private func number(
        _ reported: ReportedNumber?, _ what: StaticString, split: String? = nil, style: NumberStyle, lenient: Bool = false,
        at place: SourceLocation, record: String, diagnostics: inout DiagnosticLog
    ) -> ReportedNumber? {
        guard var reported else { return nil }
        let read = numbers.read(reported.raw, style: style)
        if lenient, read == nil, let embedded = numbers.readEmbedded(reported.raw, style: style) {
            reported.value = embedded.value
            diagnostics.report(
                .note, "NRM-010",
                "\(Self.subject("\(what)", split)) '\(reported.raw)' read as \(Format.number(embedded.value)) (a year prefix or a comment set aside)",
                at: place, record: record)
        } else if let result = read {
            reported.value = result.value
            if result.ambiguous {
                diagnostics.report(
                    .warning, "NRM-009",
                    "\(Self.subject("\(what)", split)) '\(reported.raw)' could be a decimal or a thousands separator; read as \(Format.number(result.value))",
                    at: place, record: record)
            }
        } else {
            diagnostics.report(
                .warning, "NRM-003", "\(Self.subject("\(what)", split)) '\(reported.raw)' is not a number; the text is kept as written",
                at: place, record: record)
        }
        return reported
    }

    /// What a finding is about: `actual`, or `actual (sex=female)` for a row split by dimensions (the
    /// indicators stage names its indicators so too).
    static func subject(_ what: String, _ split: String?) -> String {
        split.map { "\(what) (\($0))" } ?? what
    }
}
