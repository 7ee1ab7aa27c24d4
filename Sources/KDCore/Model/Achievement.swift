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
