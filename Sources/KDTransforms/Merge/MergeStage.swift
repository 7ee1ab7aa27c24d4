import KDCore

/// Joins reports, register rows and indicator rows into one record per action, by action key.
///
/// A report is authoritative for what it states; the register fills what the report leaves out, and a
/// disagreement on the country is reported. A second report for the same action is reported and set aside.
public struct MergeStage: Stage {
    public static let name = "merge"

    /// Creates the stage.
    public init() {}

    public func run(_ batch: Batch, diagnostics: inout DiagnosticLog) -> Batch {
        var firstSeen: [Intervention.Origin: [String: Intervention]] = [:]
        for record in batch.interventions {
            if let first = firstSeen[record.origin]?[record.id] {
                diagnostics.report(duplicate(record, of: first))
            } else {
                firstSeen[record.origin, default: [:]][record.id] = record
            }
        }
        let reports = firstSeen[.report, default: [:]].merging(firstSeen[.iati, default: [:]]) { first, _ in first }
        let registered = firstSeen[.register, default: [:]]
        var merged: [String: Intervention] = registered
        for (id, report) in reports {
            merged[id] = registered[id].map { fill(report, from: $0, diagnostics: &diagnostics) } ?? report
        }
        attach(batch.observations, to: &merged, what: "indicator", diagnostics: &diagnostics) { item, observation in
            item.indicators.append(observation.indicator)
        }
        attach(batch.narratives, to: &merged, what: "lesson", diagnostics: &diagnostics) { item, narrative in
            item.sections.append(narrative.section)
        }
        var output = batch
        output.interventions = merged.values.sorted { $0.id < $1.id }
        output.observations = []
        output.narratives = []
        return output
    }

    /// Attaches rows read from tables to the action they name; a row for an action no report or register
    /// row describes is reported (MRG-003) and not used.
    private func attach<Row: TableRowRecord>(
        _ rows: [Row], to merged: inout [String: Intervention], what: String, diagnostics: inout DiagnosticLog,
        _ apply: (inout Intervention, Row) -> Void
    ) {
        for row in rows {
            guard merged[row.interventionID] != nil else {
                diagnostics.report(
                    .error, "MRG-003",
                    "\(what) row for action \(row.actionCode), which no report or register row describes; the row was not used",
                    at: row.location, record: row.interventionID)
                continue
            }
            apply(&merged[row.interventionID]!, row)
        }
    }

    /// A second report for an action is an error (which one is right?); a repeated register row a warning.
    private func duplicate(_ record: Intervention, of first: Intervention) -> Diagnostic {
        switch record.origin {
        case .report, .iati:
            Diagnostic(
                .error, "MRG-001",
                "a second report for action \(record.actionCode) (the first is \(first.source.file)); this one was not used",
                at: record.source, record: record.id)
        case .register:
            Diagnostic(
                .warning, "MRG-004",
                "action \(record.actionCode) is listed again in the register (first at line \(first.source.line ?? 0)); this row was not used",
                at: record.source, record: record.id)
        }
    }

    private func fill(_ report: Intervention, from row: Intervention, diagnostics: inout DiagnosticLog) -> Intervention {
        var result = report
        if let fromReport = report.country.iso3, let fromRegister = row.country.iso3, fromReport != fromRegister {
            diagnostics.report(
                .warning, "MRG-002",
                "the report says the partner country is \(fromReport), the register (\(row.source.description)) says \(fromRegister); the report is used",
                at: report.source, record: report.id)
        }
        if result.country.iso3 == nil { result.country = row.country }
        result.title = result.title ?? row.title
        result.institution = result.institution ?? row.institution
        result.area = result.area?.value == nil ? (row.area ?? result.area) : result.area
        result.subArea = result.subArea ?? row.subArea
        if result.assistanceTypes.isEmpty { result.assistanceTypes = row.assistanceTypes }
        result.status = result.status?.value == nil ? (row.status ?? result.status) : result.status
        result.start = result.start?.value == nil ? (row.start ?? result.start) : result.start
        result.end = result.end?.value == nil ? (row.end ?? result.end) : result.end
        result.modality = result.modality ?? row.modality
        result.language = result.language ?? row.language
        return result
    }
}

/// What the merge stage needs of a row read from a table.
protocol TableRowRecord {
    var actionCode: String { get }
    var interventionID: String { get }
    var location: SourceLocation { get }
}

extension IndicatorObservation: TableRowRecord {
    var location: SourceLocation { indicator.location }
}

extension NarrativeObservation: TableRowRecord {
    var location: SourceLocation { section.location }
}
