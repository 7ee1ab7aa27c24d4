import KDCore

/// Renders the report files: the summary, and each CSV table as the native lane's sorted rows followed by
/// the rows the IATI lane streamed to part files, in input order.
public struct RenderStage: Stage {
    public static let name = "render"

    /// What the render stage reads.
    public struct Input: Sendable {
        /// What the summary presents.
        public var summary: SummaryInput
        /// The native lane's diagnostics, every one (they are few).
        public var nativeDiagnostics: [Diagnostic]
        /// Part files streamed by the IATI lane, by output file name.
        public var parts: [String: [String]]

        /// Creates the input.
        public init(summary: SummaryInput, nativeDiagnostics: [Diagnostic], parts: [String: [String]] = [:]) {
            self.summary = summary
            self.nativeDiagnostics = nativeDiagnostics
            self.parts = parts
        }
    }

    private let summary: SummaryWriter

    /// Creates the stage.
    public init(summary: SummaryWriter) {
        self.summary = summary
    }

    public func run(_ input: Input, diagnostics: inout DiagnosticLog) -> [ReportFile] {
        let batch = input.summary.batch
        var files = [
            summary.render(input.summary),
            TableWriters.interventions(batch),
            TableWriters.indicators(batch),
            TableWriters.lessons(batch),
            TableWriters.clusters(batch),
            TableWriters.context(batch),
            TableWriters.diagnostics(input.nativeDiagnostics),
        ]
        for index in files.indices { files[index].parts = input.parts[files[index].name] ?? [] }
        return files
    }
}

extension Array: StageCounts where Element == ReportFile {
    public var counts: [String: Int] { ["files": count] }
}
