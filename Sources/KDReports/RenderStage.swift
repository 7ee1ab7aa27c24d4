import KDCore

/// Renders the files of the report that need the whole run: the summary (in Markdown, and as the reviewers'
/// HTML page) and the lesson clusters. The CSV
/// tables the IATI lane streams into are rendered before it (`tables(_:nativeDiagnostics:)`).
public struct RenderStage: Stage {
    public static let name = "render"

    /// What the render stage reads.
    public struct Input: Sendable {
        /// What the summary presents.
        public var summary: SummaryInput
        /// The tables of the report written already (see `tables(_:nativeDiagnostics:)`), by file name.
        public var written: [String]

        /// Creates the input.
        public init(summary: SummaryInput, written: [String]) {
            self.summary = summary
            self.written = written
        }
    }

    /// The files rendered, and the names of every file of the report.
    public struct Output: StageCounts, Sendable {
        /// The files rendered, to be written.
        public var files: [ReportFile]
        /// Every file of the report by name, sorted: those rendered and those written already.
        public var names: [String]

        public var counts: [String: Int] { ["files": names.count] }
    }

    private let summary: SummaryWriter

    /// Creates the stage.
    public init(summary: SummaryWriter) {
        self.summary = summary
    }

    public func run(_ input: Input, diagnostics: inout DiagnosticLog) -> Output {
        let markdown = summary.render(input.summary)
        let page = SummaryHTML.render(markdown, languages: SummaryHTML.titleLanguages(input.summary.batch))
        let files = [markdown, page, TableWriters.clusters(input.summary.batch)]
        return Output(files: files, names: (files.map(\.name) + input.written).sorted())
    }

    /// The CSV tables as the native lane leaves them (header, then its rows sorted by their first column),
    /// for the IATI lane to append its rows to, in the order of `tableNames`; all but the lessons table, whose
    /// first rows are known once the lessons are grouped (`TableWriters.lessons(_:)`).
    public static func tables(_ batch: Batch, nativeDiagnostics: [Diagnostic]) -> [ReportFile] {
        [
            TableWriters.interventions(batch),
            TableWriters.indicators(batch),
            TableWriters.diagnostics(nativeDiagnostics),
            TableWriters.context(batch),
        ]
    }

    /// The names of the tables `tables(_:nativeDiagnostics:)` renders, in order.
    public static let tableNames = ["interventions.csv", "indicators.csv", "diagnostics.csv", "context.csv", "lessons.csv"]

    /// The names of the files `run(_:diagnostics:)` renders.
    public static let renderedNames = [SummaryWriter.fileName, "summary.html", "lesson_clusters.csv"]

    /// The name of every file of a report: the tables, the rendered files and the run manifest.
    public static let reportNames = tableNames + renderedNames + [RunManifest.fileName]
}
