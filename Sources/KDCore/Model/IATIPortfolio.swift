/// Running totals over IATI activities, kept while they stream past (nothing else of them stays in memory).
public struct IATIPortfolio: Sendable, Hashable, StageCounts {
    /// Activities read.
    public var activities = 0
    /// Files that yielded at least one activity.
    public var files = 0
    /// Indicator periods (rows of indicators.csv).
    public var indicatorPeriods = 0
    /// Indicator periods by achievement status.
    public var achievement: [AchievementStatus: Int] = [:]
    /// Activities by recipient country (ISO3, or the code as written when unresolved; `none` without one).
    public var byCountry: [String: Int] = [:]
    /// Activities by sector (`vocabulary:code`, counted once per activity and sector).
    public var bySector: [String: Int] = [:]
    /// Activities by reporting organisation (`ref` with its name).
    public var byReportingOrg: [String: Int] = [:]
    /// Indicator periods by result type (1 output, 2 outcome, 3 impact, 9 other).
    public var byResultType: [String: Int] = [:]
    /// Activities by IATI version.
    public var byVersion: [String: Int] = [:]
    /// Indicator periods by catalogue theme (`unmatched` without one) and achievement status.
    public var achievementByTheme: [String: [AchievementStatus: Int]] = [:]
    /// Indicator titles that matched no catalogue entry (the first 500 distinct), with their counts.
    public var unmatchedTitles: [String: Int] = [:]
    /// How many indicators matched no catalogue entry, in all.
    public var unmatchedIndicators = 0
    /// Lessons found in the activities' descriptions and comments.
    public var lessons = 0

    /// Empty totals.
    public init() {}

    /// Counts one activity after the indicators stage.
    public mutating func add(_ activity: Intervention) {
        activities += 1
        let countries = activity.iati?.recipientCountries ?? []
        if countries.isEmpty {
            byCountry[activity.country.iso3 ?? "none", default: 0] += 1
        } else {
            for (index, country) in countries.enumerated() {
                let key = index == 0 ? (activity.country.iso3 ?? country.code) : country.code
                byCountry[key, default: 0] += 1
            }
        }
        var sectors: [String] = []
        for sector in activity.iati?.sectors ?? [] {
            let key = "\(sector.vocabulary ?? "1"):\(sector.code)"
            guard !sectors.contains(key) else { continue }
            sectors.append(key)
            bySector[key, default: 0] += 1
        }
        if let org = activity.iati?.reportingOrg {
            let key = switch (org.ref, org.name) {
            case let (ref?, name?): ref + " " + name
            case let (ref, name): ref ?? name ?? ""
            }
            byReportingOrg[key.isEmpty ? "unnamed" : key, default: 0] += 1
        }
        byVersion[activity.iati?.version ?? "undeclared", default: 0] += 1
        activity.indicators.forEachAddress { indicator in
            // An indicator without periods still makes one row, not assessable.
            let periods = indicator.pointee.periods.count
            let rows = max(periods, 1)
            indicatorPeriods += rows
            byResultType[indicator.pointee.resultType ?? "unspecified", default: 0] += rows
            var statuses = SIMD8<Int>()
            if periods == 0 { statuses[AchievementStatus.notAssessable.index] = 1 }
            indicator.pointee.periods.forEachAddress { period in
                statuses[(period.pointee.achievement?.status ?? .notAssessable).index] += 1
            }
            // The theme's counts are looked up once per indicator, not once per period.
            Self.add(statuses, to: &achievement)
            Self.add(statuses, to: &achievementByTheme[indicator.pointee.theme ?? "unmatched", default: [:]])
            if indicator.pointee.catalogueCode == nil {
                unmatchedIndicators += 1
                countUnmatched(indicator.pointee.title, times: 1)
            }
        }
    }

    /// Adds counts by status index to counts by status (a status not met is not added).
    private static func add(_ statuses: SIMD8<Int>, to counts: inout [AchievementStatus: Int]) {
        for status in AchievementStatus.allCases where statuses[status.index] > 0 {
            counts[status, default: 0] += statuses[status.index]
        }
    }

    /// Adds the totals of another file.
    public mutating func merge(_ other: IATIPortfolio) {
        activities += other.activities
        files += other.files
        indicatorPeriods += other.indicatorPeriods
        achievement.merge(other.achievement, uniquingKeysWith: +)
        byCountry.merge(other.byCountry, uniquingKeysWith: +)
        bySector.merge(other.bySector, uniquingKeysWith: +)
        byReportingOrg.merge(other.byReportingOrg, uniquingKeysWith: +)
        byResultType.merge(other.byResultType, uniquingKeysWith: +)
        byVersion.merge(other.byVersion, uniquingKeysWith: +)
        for (theme, counts) in other.achievementByTheme {
            achievementByTheme[theme, default: [:]].merge(counts, uniquingKeysWith: +)
        }
        unmatchedIndicators += other.unmatchedIndicators
        lessons += other.lessons
        // In title order, so that which titles fill the last places does not depend on hashing.
        for (title, count) in other.unmatchedTitles.sorted(by: { $0.key < $1.key }) { countUnmatched(title, times: count) }
    }

    /// Counts an unmatched title: a new title only while fewer than 500 are kept (one lookup either way).
    private mutating func countUnmatched(_ title: String, times: Int) {
        if unmatchedTitles.count < 500 {
            unmatchedTitles[title, default: 0] += times
        } else if let index = unmatchedTitles.index(forKey: title) {
            unmatchedTitles.values[index] += times
        }
    }

    public var counts: [String: Int] {
        ["iati_activities": activities, "iati_files": files, "iati_indicator_periods": indicatorPeriods, "iati_lessons": lessons]
    }
}
