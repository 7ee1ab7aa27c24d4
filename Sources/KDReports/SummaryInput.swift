import KDCore

/// Everything the summary presents: the native records, the IATI totals and the diagnostic tally.
public struct SummaryInput: Sendable {
    /// Every input file of the run.
    public var inputs: [InputFile]
    /// Every input that could not be used.
    public var rejected: [RejectedInput]
    /// The native records (reports, register, tables) after the last stage.
    public var batch: Batch
    /// Their portfolio.
    public var portfolio: Portfolio
    /// Running totals of the IATI activities.
    public var iati: IATIPortfolio
    /// Diagnostics of the whole run, in output order.
    public var diagnostics: DiagnosticTally
    /// Names of IATI codes from the codelists among the context files, for the codes activities give unnamed.
    public var codeNames: IATICodeNames
    /// The IATI activities' lessons grouped with the batch's (the groups, `batch.clusters`, may hold both).
    public var iatiLessons: [Lesson]

    /// Creates the input.
    public init(
        inputs: [InputFile], rejected: [RejectedInput], batch: Batch, portfolio: Portfolio,
        iati: IATIPortfolio = IATIPortfolio(), diagnostics: DiagnosticTally, codeNames: IATICodeNames = IATICodeNames(),
        iatiLessons: [Lesson] = []
    ) {
        self.inputs = inputs
        self.rejected = rejected
        self.batch = batch
        self.portfolio = portfolio
        self.iati = iati
        self.diagnostics = diagnostics
        self.codeNames = codeNames
        self.iatiLessons = iatiLessons
    }
}
