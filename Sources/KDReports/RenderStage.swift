import KDCore

/// Renders the report files from the batch, the portfolio and the diagnostics of every earlier stage.
public struct RenderStage: Stage {
    public static let name = "render"

    /// What the render stage reads.
    public struct Input: Sendable {
        public var batch: Batch
        public var portfolio: Portfolio
        public var diagnostics: [Diagnostic]

        /// Creates the input.
        public init(batch: Batch, portfolio: Portfolio, diagnostics: [Diagnostic]) {
            self.batch = batch
            self.portfolio = portfolio
            self.diagnostics = diagnostics
        }
    }

    private let summary: SummaryWriter

    /// Creates the stage.
    public init(summary: SummaryWriter) {
        self.summary = summary
    }

    public func run(_ input: Input, diagnostics: inout DiagnosticLog) -> [ReportFile] {
        [
            summary.render(input.batch, input.portfolio, diagnostics: input.diagnostics),
            TableWriters.interventions(input.batch),
            TableWriters.indicators(input.batch),
            TableWriters.lessons(input.batch),
            TableWriters.diagnostics(input.diagnostics),
        ]
    }
}

extension Array: StageCounts where Element == ReportFile {
    public var counts: [String: Int] { ["files": count] }
}
