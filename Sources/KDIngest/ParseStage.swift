import KDCore

/// Reads every input file with the reader its content calls for.
///
/// A file that yields no record and has an error is listed as rejected, with the reason; the batch
/// goes on with the others.
public struct ParseStage: Stage {
    public static let name = "parse"

    /// Creates the stage.
    public init() {}

    public func run(_ batch: Batch, diagnostics: inout DiagnosticLog) -> Batch {
        var output = batch
        for file in batch.inputs {
            var log = DiagnosticLog()
            let before = (output.interventions.count, output.observations.count + output.narratives.count)
            let format = read(file, into: &output, diagnostics: &log)
            if let format { output.formats[file.displayPath] = format }
            let produced = (output.interventions.count, output.observations.count + output.narratives.count) != before
            if !produced, let error = log.entries.first(where: { $0.severity == .error }) {
                output.rejected.append(RejectedInput(file: file.displayPath, reason: "[\(error.code)] \(error.message)"))
            }
            diagnostics.append(contentsOf: log)
        }
        return output
    }

    private func read(_ file: InputFile, into batch: inout Batch, diagnostics: inout DiagnosticLog) -> InputFormat? {
        let place = SourceLocation(file: file.displayPath)
        let format: InputFormat
        if let declared = file.declaredFormat {
            format = declared
        } else {
            switch InputSniffer.sniff(path: file.path) {
            case .xml(root: "intervention-report"):
                format = .report
            case .xml(root: "iati-activities"):
                format = .iati
            case .xml(let root):
                diagnostics.report(
                    .error, "XML-004",
                    "root element <\(root)> is not a format kdpipe reads (expected <intervention-report> or <iati-activities>)",
                    at: place)
                return nil
            case .table:
                return readTable(file, format: nil, into: &batch, diagnostics: &diagnostics)
            case .unknown(let reason):
                diagnostics.report(.error, "INP-001", "not an input kdpipe reads: \(reason)", at: place)
                return nil
            }
        }
        switch format {
        case .report:
            if let intervention = NativeReportReader().read(file, diagnostics: &diagnostics) {
                batch.interventions.append(intervention)
            }
            return .report
        case .iati:
            var activityLog = DiagnosticLog()
            IATIReader().read(file, diagnostics: &diagnostics) { activity, log in
                batch.interventions.append(activity)
                activityLog.append(contentsOf: log)
            }
            diagnostics.append(contentsOf: activityLog)
            return .iati
        case .register, .indicators, .lessons:
            return readTable(file, format: format, into: &batch, diagnostics: &diagnostics)
        case .context:
            diagnostics.report(
                .error, "INP-002", "a context file given as an input; list it under 'context' in the pipeline (or --context)",
                at: SourceLocation(file: file.displayPath))
            return nil
        }
    }

    private func readTable(
        _ file: InputFile, format: InputFormat?, into batch: inout Batch, diagnostics: inout DiagnosticLog
    ) -> InputFormat? {
        let place = SourceLocation(file: file.displayPath)
        var rowLog = DiagnosticLog()
        let schema = TableReader().read(file, expecting: format, diagnostics: &diagnostics) { row, schema, style in
            switch schema.format {
            case .register:
                if let intervention = row.intervention(file: place, style: style, diagnostics: &rowLog) {
                    batch.interventions.append(intervention)
                }
            case .indicators:
                if let observation = row.observation(file: place, style: style, diagnostics: &rowLog) {
                    batch.observations.append(observation)
                }
            case .lessons:
                if let narrative = row.narrative(file: place, diagnostics: &rowLog) {
                    batch.narratives.append(narrative)
                }
            case .report, .iati, .context:
                break
            }
        }
        diagnostics.append(contentsOf: rowLog)
        return schema?.format
    }
}
