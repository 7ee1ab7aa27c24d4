import KDCore

/// Reads every input file with the reader its content calls for.
///
/// A file that yields no record and has an error is listed as rejected, with the reason; the batch
/// goes on with the others.
public struct ParseStage: Stage {
    public static let name = "parse"

    /// Earlier parses by `FileParse.key` (SHA-256 and name): a file found here is taken as it was, not parsed again.
    private let cache: [String: FileParse]

    /// Creates the stage with the parses the knowledge base holds.
    public init(cache: [String: FileParse] = [:]) {
        self.cache = cache
    }

    public func run(_ batch: Batch, diagnostics: inout DiagnosticLog) -> Batch {
        var output = batch
        for file in batch.inputs {
            let parse: FileParse
            let key = FileParse.key(for: file)
            if let cached = cache[key], !file.sha256.isEmpty {
                parse = cached
                output.reusedFiles += 1
            } else {
                parse = self.parse(file)
                output.parsedFiles += 1
            }
            output.parses[key] = parse
            if let format = parse.format { output.formats[file.displayPath] = format }
            output.interventions += parse.interventions
            output.observations += parse.observations
            output.narratives += parse.narratives
            if let rejected = parse.rejected { output.rejected.append(rejected) }
            for diagnostic in parse.diagnostics { diagnostics.report(diagnostic) }
        }
        return output
    }

    /// Reads one file into its own parse.
    public func parse(_ file: InputFile) -> FileParse {
        var log = DiagnosticLog()
        var records = Batch(inputs: [])
        let format = read(file, into: &records, diagnostics: &log)
        var parse = FileParse(format: format)
        parse.interventions = records.interventions
        parse.observations = records.observations
        parse.narratives = records.narratives
        let produced = !(parse.interventions.isEmpty && parse.observations.isEmpty && parse.narratives.isEmpty)
        if !produced, let error = log.entries.first(where: { $0.severity == .error }) {
            parse.rejected = RejectedInput(file: file.displayPath, error: error)
        }
        parse.diagnostics = log.entries
        return parse
    }

    private func read(_ file: InputFile, into batch: inout Batch, diagnostics: inout DiagnosticLog) -> InputFormat? {
        let place = SourceLocation(file: file.displayPath)
        guard !file.refused(diagnostics: &diagnostics) else { return nil }
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
            ContextReader.reportGivenAsInput("a context file", at: place, diagnostics: &diagnostics)
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

extension InputFile {
    /// Reports why a file, or a folder, found among the inputs or the context files is not read (`refusal`):
    /// `INP-003` for a name that is not UTF-8, which cannot be opened by its path; `INP-004` for a symbolic link
    /// that leads to no file or folder; `INP-005` for a spreadsheet or an archive, saying where its contents
    /// belong (`among`: the inputs, or the context files). True when it did, and the file is not to be read.
    func refused(among place: String = "the inputs", diagnostics: inout DiagnosticLog) -> Bool {
        guard let refusal else { return false }
        let location = SourceLocation(file: displayPath)
        switch refusal {
        case .nameIsNotUTF8:
            let what = path.hasSuffix("/") ? "folder's name is not UTF-8, so the files in it were not read" : "file's name is not UTF-8, so it was not read"
            diagnostics.report(
                .error, "INP-003", "the \(what): kdpipe could not name it in its reports (its bytes that are not UTF-8 are shown as \u{FFFD}); rename it",
                at: location)
        case .linkLeadsNowhere:
            diagnostics.report(
                .error, "INP-004", "a symbolic link to no file or folder (its target is missing, or a pipe or a device), so nothing was read through it; mend or remove the link",
                at: location)
        case .spreadsheet:
            diagnostics.report(
                .error, "INP-005",
                "a spreadsheet, which kdpipe does not read: save the table it holds as CSV (UTF-8, or as the spreadsheet writes it) to have it read, or move it out of \(place)",
                at: location)
        case .archive:
            diagnostics.report(
                .error, "INP-005",
                "an archive, which kdpipe does not read: extract the files it holds among \(place) to have them read, or move it out of \(place)",
                at: location)
        }
        return true
    }
}
