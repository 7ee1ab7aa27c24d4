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

/// How far an indicator went from its baseline towards its target.
public struct Achievement: Sendable, Hashable, Codable {
    /// The percentage, not clamped (> 100 over-achievement, < 0 regression); nil when undefined.
    public var percent: Double?
    /// How it was computed.
    public var method: Method?
    /// The band the percentage falls in.
    public var status: AchievementStatus
    /// Why there is no percentage, when there is none.
    public var reason: String?
    /// The kind of `reason`, for counting rows that cannot be assessed by why.
    public var cause: Cause?
    /// The change from baseline to actual, in the indicator's unit (percentage points for rates).
    public var change: Double?

    /// Why a row cannot be assessed, in kinds (its `reason` says it of the row).
    public enum Cause: String, Sendable, Hashable, Codable, CaseIterable {
        /// A qualitative indicator (IATI measure 5): assessed by reading, not by number.
        case qualitative
        /// An indicator without any period.
        case noPeriod = "no_period"
        /// No actual value, or no target.
        case noActual = "no_actual"
        case noTarget = "no_target"
        /// An actual or target that is no number (`Not available`).
        case notANumber = "not_a_number"
        /// Given for the whole period on one side and by dimension on the other.
        case splitOnOneSide = "split_on_one_side"
        /// The target equals the baseline, or (without a baseline) the ratio's denominator is zero.
        case undefined

        /// The cause's place in `allCases`.
        public var index: Int {
            switch self {
            case .qualitative: 0
            case .noPeriod: 1
            case .noActual: 2
            case .noTarget: 3
            case .notANumber: 4
            case .splitOnOneSide: 5
            case .undefined: 6
            }
        }

        /// How reviewers read it, counted (`231 qualitative`).
        public var label: String {
            switch self {
            case .qualitative: "qualitative"
            case .noPeriod: "without a period"
            case .noActual: "without an actual value"
            case .noTarget: "without a target"
            case .notANumber: "with a value that is no number"
            case .splitOnOneSide: "split by dimension on one side only"
            case .undefined: "with achievement undefined (target equals baseline, or a zero to divide by)"
            }
        }
    }

    /// How achievement was computed.
    public enum Method: String, Sendable, Hashable, Codable {
        /// (actual − baseline) / (target − baseline) × 100.
        case progress
        /// actual / target × 100 (target / actual when lower is better), used when there is no baseline.
        case ratio
    }

    /// Creates an achievement.
    public init(
        percent: Double?, method: Method?, status: AchievementStatus, reason: String? = nil, cause: Cause? = nil, change: Double? = nil
    ) {
        self.percent = percent
        self.method = method
        self.status = status
        self.reason = reason
        self.cause = cause
        self.change = change
    }
}

/// Achievement bands (DOMAIN.md), configurable through `AchievementBands`.
public enum AchievementStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case achieved
    case largelyAchieved = "largely_achieved"
    case partlyAchieved = "partly_achieved"
    case notAchieved = "not_achieved"
    case notAssessable = "n/a"

    /// The status's place in `allCases`.
    public var index: Int {
        switch self {
        case .achieved: 0
        case .largelyAchieved: 1
        case .partlyAchieved: 2
        case .notAchieved: 3
        case .notAssessable: 4
        }
    }

    /// The label reviewers read.
    public var label: String {
        switch self {
        case .achieved: "achieved"
        case .largelyAchieved: "largely achieved"
        case .partlyAchieved: "partly achieved"
        case .notAchieved: "not achieved"
        case .notAssessable: "n/a"
        }
    }
}

/// Lower bounds of the achievement bands, in percent.
public struct AchievementBands: Sendable, Hashable {
    /// At or above: achieved.
    public var achieved: Double
    /// At or above: largely achieved.
    public var largelyAchieved: Double
    /// At or above: partly achieved; below: not achieved.
    public var partlyAchieved: Double

    /// The usual convention: ≥ 100 achieved, 75-99 largely, 50-74 partly, < 50 not achieved.
    public static let standard = AchievementBands(achieved: 100, largelyAchieved: 75, partlyAchieved: 50)

    /// Creates bands.
    public init(achieved: Double, largelyAchieved: Double, partlyAchieved: Double) {
        self.achieved = achieved
        self.largelyAchieved = largelyAchieved
        self.partlyAchieved = partlyAchieved
    }

    /// The band a percentage falls in.
    public func status(for percent: Double) -> AchievementStatus {
        if percent >= achieved { return .achieved }
        if percent >= largelyAchieved { return .largelyAchieved }
        if percent >= partlyAchieved { return .partlyAchieved }
        return .notAchieved
    }
}
