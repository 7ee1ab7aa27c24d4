#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Running totals over IATI activities, kept while they stream past (nothing else of them stays in memory).
public struct IATIPortfolio: Sendable, Hashable, StageCounts {
    /// Activities read.
    public var activities = 0
    /// Files that yielded at least one activity.
    public var files = 0
    /// Indicator periods (rows of indicators.csv).
    public var indicatorPeriods = 0
    /// Indicator periods by achievement status.
    public var achievement: [AchievementStatus: Int] { Self.byStatus(statusCounts) }
    /// Indicator periods that cannot be assessed, by why (a cause not met is left out).
    public var notAssessable: [Achievement.Cause: Int] {
        var result: [Achievement.Cause: Int] = [:]
        for cause in Achievement.Cause.allCases where causeCounts[cause.index] > 0 { result[cause] = causeCounts[cause.index] }
        return result
    }
    /// Activities by recipient country (ISO3, or the code as written when unresolved; `noCountry` without one).
    public var byCountry: [String: Int] = [:]
    /// Activities by recipient region (`vocabulary:code`, vocabulary 1, the OECD DAC's, when none is given;
    /// counted once per activity and region).
    public var byRegion: [String: Int] = [:]
    /// The name published beside each region of `byRegion` (its first narrative met), where one was.
    public var regionNames: [String: String] = [:]
    /// Activities by sector (`vocabulary:code`, counted once per activity and sector; for the vocabularies a
    /// reporting organisation defines, 98 and 99, whose codes mean something else for each, `vocabulary:code
    /// ref` with the organisation's ref).
    public var bySector: [String: Int] = [:]
    /// The name published beside each sector of `bySector` (its first narrative met, in input order), where
    /// one was.
    public var sectorNames: [String: String] = [:]
    /// Activities by reporting organisation (`ref` with its name; `unnamed` without either).
    public var byReportingOrg: [String: Int] = [:]
    /// Indicator periods by result type (1 output, 2 outcome, 3 impact, 9 other).
    public var byResultType: [String: Int] = [:]
    // The tables above keep at most `keptKeys` distinct keys each (real IATI data has hundreds: about 1,600
    // publishers exist); past that, what new keys count goes under `others`, so that a file giving every
    // activity an organisation, a sector or a version of its own cannot grow the totals without bound (a
    // 256 MB file of a million such activities took 590 MB).
    /// The key counting what came past the first `keptKeys` distinct keys of a table (no IATI text can hold
    /// its first character).
    public static let others = "\u{1}others"
    /// The most distinct keys a table keeps.
    public static let keptKeys = 10_000
    /// The keys of activities without a recipient country (in `byCountry`) and of those whose reporting
    /// organisation has neither a ref nor a name (in `byReportingOrg`).
    public static let noCountry = "none"
    public static let unnamed = "unnamed"

    /// How many distinct things a table of these totals names (`noCountry`, `unnamed` and `others` are not
    /// one), and whether it met more than it kept (past `keptKeys`).
    public static func named(in table: [String: Int]) -> (count: Int, more: Bool) {
        (table.keys.count { $0 != noCountry && $0 != unnamed && $0 != others }, table[others] != nil)
    }
    /// Activities by IATI version.
    public var byVersion: [String: Int] = [:]
    /// Indicator periods by catalogue theme (`unmatched` without one) and achievement status.
    public var achievementByTheme: [String: [AchievementStatus: Int]] { themeCounts.mapValues(Self.byStatus) }
    /// Indicator titles that matched no catalogue entry (the first 500 distinct as written), with their counts.
    public var unmatchedTitles: [String: Int] {
        Dictionary(titleCounts.map { ($0.key.text, $0.value) }, uniquingKeysWith: +)
    }
    /// How many indicators matched no catalogue entry, in all.
    public var unmatchedIndicators = 0
    /// Lessons found in the activities' descriptions and comments.
    public var lessons = 0
    /// Those lessons by theme and DAC criterion.
    public var lessonTally = LessonTally()

    // Counted per indicator as it streams past, so kept in the cheapest form: periods by status index
    // (`AchievementStatus.index`), and unmatched titles by their bytes as written (see `ExactText`).
    private var statusCounts = Self.noCounts
    private var causeCounts = [Int](repeating: 0, count: Achievement.Cause.allCases.count)
    private var themeCounts: [String: [Int]] = [:]
    private static let noCounts = [Int](repeating: 0, count: AchievementStatus.allCases.count)
    private var titleCounts: [ExactText: Int] = [:]

    /// Empty totals.
    public init() {}

    /// Counts one activity after the indicators stage.
    public mutating func add(_ activity: Intervention) {
        activities += 1
        let countries = activity.iati?.recipientCountries ?? []
        if countries.isEmpty {
            Self.tally(activity.country.iso3 ?? Self.noCountry, 1, in: &byCountry)
        } else {
            for (index, country) in countries.enumerated() {
                let key = index == 0 ? (activity.country.iso3 ?? country.code) : country.code
                Self.tally(key, 1, in: &byCountry)
            }
        }
        Self.count(activity.iati?.recipientRegions ?? [], by: { "\($0.vocabulary ?? "1"):\($0.code)" }, in: &byRegion, names: &regionNames)
        let publisher = activity.iati?.reportingOrg?.ref
        Self.count(activity.iati?.sectors ?? [], by: { Self.sectorKey($0, publisher: publisher) }, in: &bySector, names: &sectorNames)
        if let org = activity.iati?.reportingOrg {
            let key = switch (org.ref, org.name) {
            case let (ref?, name?): ref + " " + name
            case let (ref, name): ref ?? name ?? ""
            }
            Self.tally(key.isEmpty ? Self.unnamed : key, 1, in: &byReportingOrg)
        }
        Self.tally(activity.iati?.version ?? "undeclared", 1, in: &byVersion)
        activity.indicators.forEachAddress { indicator in
            // An indicator without periods still makes one row, not assessable.
            let periods = indicator.pointee.periods.count
            let rows = max(periods, 1)
            indicatorPeriods += rows
            Self.tally(indicator.pointee.resultType ?? "unspecified", rows, in: &byResultType)
            // Counted where the totals lie: the theme's are looked up once per indicator.
            func count(into counts: inout [Int]) {
                if periods == 0 { counts[AchievementStatus.notAssessable.index] += 1 }
                indicator.pointee.periods.forEachAddress { period in
                    counts[(period.pointee.achievement?.status ?? .notAssessable).index] += 1
                }
            }
            count(into: &statusCounts)
            if periods == 0 { causeCounts[Achievement.Cause.noPeriod.index] += 1 }
            indicator.pointee.periods.forEachAddress { period in
                if let cause = period.pointee.achievement?.cause { causeCounts[cause.index] += 1 }
            }
            count(into: &themeCounts[indicator.pointee.theme ?? "unmatched", default: Self.noCounts])
            if indicator.pointee.catalogueCode == nil {
                unmatchedIndicators += 1
                countUnmatched(ExactText(Self.kept(indicator.pointee.title)), times: 1)
            }
        }
    }

    /// The key a sector is counted under in `bySector`.
    public static func sectorKey(_ sector: IATIDetails.Share, publisher: String?) -> String {
        let vocabulary = sector.vocabulary ?? "1"
        guard let publisher, !publisher.isEmpty, Self.publishersVocabularies.contains(vocabulary) else {
            return "\(vocabulary):\(sector.code)"
        }
        return "\(vocabulary):\(sector.code) \(publisher)"
    }

    /// The sector vocabularies a reporting organisation defines for itself (IATI's SectorVocabulary 98 and 99).
    public static let publishersVocabularies: Set<String> = ["98", "99"]

    /// Counts by status index as counts by status (a status not met is left out).
    private static func byStatus(_ counts: [Int]) -> [AchievementStatus: Int] {
        var result: [AchievementStatus: Int] = [:]
        for status in AchievementStatus.allCases where counts[status.index] > 0 { result[status] = counts[status.index] }
        return result
    }

    /// Counts each of an activity's regions or sectors once under its `key`, and keeps the first name published
    /// beside a key kept (one given twice may be named the second time only). Once each: through a set, as a
    /// hostile activity of 50,000 sectors took 4 s in a list.
    private static func count(
        _ shares: [IATIDetails.Share], by key: (IATIDetails.Share) -> String, in table: inout [String: Int],
        names: inout [String: String]
    ) {
        var seen = Set<String>()
        for share in shares {
            let key = kept(key(share))
            if seen.insert(key).inserted { tally(key, 1, in: &table) }
            if let name = share.name, !name.isEmpty, names[key] == nil, table[key] != nil { names[key] = kept(name) }
        }
    }

    /// Merges another file's counts of a table and the names beside them: the earlier file's name stands, and
    /// names of keys past the kept ones are not kept.
    private static func merge(
        _ other: [String: Int], into table: inout [String: Int], names otherNames: [String: String], into names: inout [String: String]
    ) {
        merge(other, into: &table)
        for (key, name) in otherNames where names[key] == nil && table[key] != nil { names[key] = name }
    }

    /// Adds the totals of another file.
    public mutating func merge(_ other: IATIPortfolio) {
        activities += other.activities
        files += other.files
        indicatorPeriods += other.indicatorPeriods
        for index in statusCounts.indices { statusCounts[index] += other.statusCounts[index] }
        for index in causeCounts.indices { causeCounts[index] += other.causeCounts[index] }
        Self.merge(other.byCountry, into: &byCountry)
        Self.merge(other.byRegion, into: &byRegion, names: other.regionNames, into: &regionNames)
        Self.merge(other.bySector, into: &bySector, names: other.sectorNames, into: &sectorNames)
        Self.merge(other.byReportingOrg, into: &byReportingOrg)
        Self.merge(other.byResultType, into: &byResultType)
        Self.merge(other.byVersion, into: &byVersion)
        themeCounts.merge(other.themeCounts) { mine, theirs in zip(mine, theirs).map(+) }
        unmatchedIndicators += other.unmatchedIndicators
        lessons += other.lessons
        lessonTally.merge(other.lessonTally)
        // In title order, so that which titles fill the last places does not depend on hashing.
        for (title, count) in other.titleCounts.sorted(by: { $0.key.text < $1.key.text }) { countUnmatched(title, times: count) }
    }

    /// The most characters of a text the totals keep (a key, a sector's name, an unmatched title): real ones
    /// run to a few dozen, and the tables keep thousands of distinct ones, so a hostile file's long texts (an
    /// attribute of up to 1 MB, a narrative of up to 10 MB) would otherwise be held to the end of the run: a
    /// 400 MB file of 2,000 activities, each naming its organisation and its sector in 100 KB, took 629 MB.
    public static let keptCharacters = 200

    /// `text`, or its first `keptCharacters` characters and `…`. (Its bytes are counted first, at no cost; only a
    /// text of more bytes than that has its characters counted, and is cut only when they are more too: a name of
    /// 150 accented letters is 300 bytes, and whole.)
    @inline(__always)
    static func kept(_ text: String) -> String {
        guard text.utf8.count > keptCharacters, text.count > keptCharacters else { return text }
        return String(text.prefix(keptCharacters)) + "…"
    }

    /// Counts `key` (cut to `keptCharacters`) `times` in `table`: a key met before, or a new one while fewer
    /// than `keptKeys` are kept; past that, under `others`.
    @inline(__always)
    private static func tally(_ key: String, _ times: Int, in table: inout [String: Int]) {
        let key = kept(key)
        if let index = table.index(forKey: key) {
            table.values[index] += times
        } else if table.count < keptKeys {
            table[key] = times
        } else {
            table[others, default: 0] += times
        }
    }

    /// Adds another table's counts: at once when the two together stay within `keptKeys`; otherwise key by
    /// key in key order, so that which keys are kept does not depend on hashing.
    private static func merge(_ other: [String: Int], into table: inout [String: Int]) {
        if table.count + other.count <= keptKeys {
            table.merge(other, uniquingKeysWith: +)
        } else {
            for (key, count) in other.sorted(by: { $0.key < $1.key }) { tally(key, count, in: &table) }
        }
    }

    /// Counts an unmatched title: a new title only while fewer than 500 are kept (one lookup either way).
    private mutating func countUnmatched(_ title: ExactText, times: Int) {
        if titleCounts.count < 500 {
            titleCounts[title, default: 0] += times
        } else if let index = titleCounts.index(forKey: title) {
            titleCounts.values[index] += times
        }
    }

    public var counts: [String: Int] {
        ["iati_activities": activities, "iati_files": files, "iati_indicator_periods": indicatorPeriods, "iati_lessons": lessons]
    }
}

/// A text hashed and compared by its UTF-8 bytes. A String hashes and compares a non-ASCII text through its
/// Unicode normal form, some 3,000 instructions for an indicator title with an accent or a dash; a title
/// counted as written needs only its bytes. (Two spellings of one title that differ only in normal form are
/// counted apart until the counts are read as Strings, where they join.)
private struct ExactText: Hashable, Sendable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.withBytes { left in rhs.withBytes { right in left.count == right.count && (left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0) } }
    }

    func hash(into hasher: inout Hasher) {
        withBytes { hasher.combine(bytes: $0) }
    }

    private func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        text.withUTF8Bytes { body(UnsafeRawBufferPointer($0)) }
    }
}
