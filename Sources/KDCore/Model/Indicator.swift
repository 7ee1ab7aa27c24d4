/// An outcome indicator reported for an intervention.
public struct Indicator: Sendable, Hashable, Codable {
    /// The code when one is given (`SI.POV.GINI`, `SDG 1.3.1`).
    public var code: String?
    /// The title as written.
    public var title: String
    /// The unit as written (`%`, `persons`, `index 0-100`).
    public var unit: String?
    /// The direction as written (`higher`, `lower`, `ascending`, `true`…).
    public var declaredDirection: String?
    /// Whether higher values are better, once resolved.
    public var ascending: Bool?
    /// Where `ascending` came from: `declared`, `inferred` (from baseline and target) or `default`.
    public var directionSource: String?
    /// The baseline value.
    public var baseline: ReportedNumber?
    /// The year of the baseline.
    public var baselineYear: Int?
    /// Periods with their targets and actuals.
    public var periods: [IndicatorPeriod]
    /// Where the figures come from.
    public var source: String?
    /// A comment from the author.
    public var comment: String?
    /// Where the indicator was read.
    public var location: SourceLocation
    /// How the source writes decimals.
    public var numberStyle: NumberStyle = .unknown
    /// IATI result type (1 output, 2 outcome, 3 impact, 9 other), when the indicator comes from IATI.
    public var resultType: String?
    /// The title of the IATI result the indicator belongs to.
    public var resultTitle: String?
    /// The description of that result (free text, where lessons are sometimes written).
    public var resultDescription: String?
    /// IATI measure (1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative).
    public var measure: String?
    /// IATI aggregation status of the result.
    public var aggregationStatus: String?
    /// The indicator's description.
    public var description: String?
    /// Reference codes as `vocabulary:code`.
    public var references: [String] = []
    /// The catalogue entry the indicator was matched to, when any.
    public var catalogueCode: String?
    /// How it was matched: `code`, `exact_name` or `synonym`.
    public var matchMethod: String?
    /// The catalogue theme: poverty, inequality, coverage, employment, capacity.
    public var theme: String?

    /// Whether the indicator is qualitative (IATI measure 5): its values are text, not numbers.
    public var isQualitative: Bool { measure == "5" }

    /// Where `period`'s values were read: its own line (and column) when it has one, else the indicator's.
    public func location(of period: IndicatorPeriod) -> SourceLocation {
        period.line.map { location.at(line: $0, column: period.column) } ?? location
    }

    /// Creates an indicator with no values yet.
    public init(title: String, location: SourceLocation) {
        self.title = title
        self.location = location
        self.periods = []
    }
}

/// A period of an indicator, with its target and actual values.
public struct IndicatorPeriod: Sendable, Hashable, Codable {
    /// Start of the period.
    public var start: ReportedDate?
    /// End of the period.
    public var end: ReportedDate?
    /// The target value.
    public var target: ReportedNumber?
    /// The value actually reached.
    public var actual: ReportedNumber?
    /// Computed by the indicators stage.
    public var achievement: Achievement?
    /// The dimension combination this row stands for (`sex=female; location=GH`), when values are split.
    public var dimensions: String?
    /// A baseline of this row's own (split by the same dimensions), overriding the indicator's.
    public var baseline: ReportedNumber?
    /// The year of that baseline.
    public var baselineYear: Int?
    /// Comments on the target and actual.
    public var comment: String?
    /// Where the period was read, when the source gives it a place of its own (an IATI `<period>`, a native
    /// report's `<period>`): its line, and its column where known (IATI); findings about its values are
    /// reported there (see `Indicator.location(of:)`).
    public var line: Int?
    public var column: Int?

    /// Creates a period.
    @inlinable
    public init(
        start: ReportedDate? = nil, end: ReportedDate? = nil, target: ReportedNumber? = nil, actual: ReportedNumber? = nil,
        line: Int? = nil
    ) {
        self.start = start
        self.end = end
        self.target = target
        self.actual = actual
        self.line = line
    }
}
