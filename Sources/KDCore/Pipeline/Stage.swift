/// One step of the pipeline: a value with typed input and output and a human name.
///
/// A stage never throws for a bad record: it reports a diagnostic and drops or flags the record.
public protocol Stage: Sendable {
    /// What the stage consumes.
    associatedtype Input
    /// What the stage produces.
    associatedtype Output

    /// The name used in progress lines, diagnostics and the run manifest.
    static var name: String { get }

    /// Runs the stage, reporting findings about the data to `diagnostics`.
    func run(_ input: Input, diagnostics: inout DiagnosticLog) -> Output
}

/// A stage output that can say how many records it holds, for the run manifest.
public protocol StageCounts {
    /// Record counts by kind, e.g. `["interventions": 18, "indicator_periods": 40]`.
    var counts: [String: Int] { get }
}
