import KDCore

/// What a run produced.
public struct RunResult: Sendable {
    /// The exit status the run calls for.
    public var exitStatus: ExitStatus
    /// The diagnostics listed in full (the first `diagnostics_listed`, in output order).
    public var diagnostics: [Diagnostic]
    /// Counts of every diagnostic of the run.
    public var tally: DiagnosticTally
    /// The names of the files published to the output folder.
    public var outputs: [String]
    /// The native records after the last stage.
    public var batch: Batch
    /// The native portfolio figures.
    public var portfolio: Portfolio
    /// The IATI running totals.
    public var iati: IATIPortfolio
    /// When nothing changed since the last run (same inputs, settings and kdpipe), that run's number: the
    /// published report is still current and was left as it was.
    public var unchangedSince: Int64?
}
