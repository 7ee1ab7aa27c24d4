/// Counts over the portfolio of interventions, by one dimension (area, country, year…).
public struct Tally: Sendable, Hashable {
    /// The key (`social_protection`, `SEN`, `2020`).
    public var key: String
    /// Interventions.
    public var interventions: Int = 0
    /// Activities.
    public var activities: Int = 0
    /// Expert working days.
    public var expertDays: Double = 0
    /// Indicator periods reported.
    public var indicatorPeriods: Int = 0

    /// An empty tally.
    public init(key: String) {
        self.key = key
    }
}

/// The portfolio as the summary presents it: totals and tallies by area, type of assistance, country,
/// year and status, with achievement and lesson counts.
public struct Portfolio: Sendable, Hashable, StageCounts {
    /// Interventions in the run.
    public var interventions = 0
    /// Distinct partner countries.
    public var countries = 0
    /// Activities.
    public var activities = 0
    /// Expert working days.
    public var expertDays = 0.0
    /// Female participants.
    public var participantsFemale = 0
    /// Male participants.
    public var participantsMale = 0
    /// Indicator periods.
    public var indicatorPeriods = 0
    /// Indicator periods by achievement status.
    public var achievement: [AchievementStatus: Int] = [:]
    /// Lessons by kind.
    public var lessons: [SectionKey: Int] = [:]
    /// By area key (`unspecified` when none).
    public var byArea: [Tally] = []
    /// By type of assistance (an intervention counts under each of its types).
    public var byAssistanceType: [Tally] = []
    /// By partner country (ISO3, `unknown` when unresolved).
    public var byCountry: [Tally] = []
    /// By year of request.
    public var byYear: [Tally] = []
    /// By status key.
    public var byStatus: [Tally] = []
    /// The latest end date among the interventions: the data are "as of" this date.
    public var latestEnd: PartialDate?
    /// Indicator periods by catalogue theme (`unmatched` without one) and achievement status.
    public var achievementByTheme: [String: [AchievementStatus: Int]] = [:]
    /// Indicator periods by partner country and achievement status.
    public var achievementByCountry: [String: [AchievementStatus: Int]] = [:]
    /// Indicator titles that matched no catalogue entry, with how many indicators carry each.
    public var unmatchedTitles: [String: Int] = [:]

    /// An empty portfolio.
    public init() {}

    public var counts: [String: Int] {
        ["interventions": interventions, "countries": countries, "activities": activities,
         "indicator_periods": indicatorPeriods, "lessons": lessons.values.reduce(0, +)]
    }
}
