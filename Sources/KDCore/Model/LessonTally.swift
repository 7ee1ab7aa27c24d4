/// Lessons counted by theme and by DAC criterion, each with how many interventions give them and how many
/// speak of a success or of a difficulty: the summary's synthesis of what the lessons are about. Running
/// totals, so that the lessons of IATI activities, which stream past, are counted as those of the reports are.
public struct LessonTally: Sendable, Hashable {
    /// The counts of one theme or criterion.
    public struct Counts: Sendable, Hashable {
        /// Lessons.
        public var lessons = 0
        /// Interventions (actions, IATI activities) that give at least one of them.
        public var interventions = 0
        /// Lessons that speak of a success (polarity `success`).
        public var successes = 0
        /// Lessons that speak of a difficulty (polarity `difficulty`).
        public var difficulties = 0

        /// No lesson.
        public init() {}

        init(lessons: Int, interventions: Int, successes: Int, difficulties: Int) {
            (self.lessons, self.interventions, self.successes, self.difficulties) = (lessons, interventions, successes, difficulties)
        }

        static func + (left: Counts, right: Counts) -> Counts {
            Counts(
                lessons: left.lessons + right.lessons, interventions: left.interventions + right.interventions,
                successes: left.successes + right.successes, difficulties: left.difficulties + right.difficulties)
        }
    }

    /// The key of lessons without a theme, or without a DAC criterion.
    public static let none = ""

    /// Counts by each lesson's first theme (`none` without one).
    public private(set) var byTheme: [String: Counts] = [:]
    /// Counts by each lesson's DAC criterion (`none` without one).
    public private(set) var byCriterion: [String: Counts] = [:]
    /// Lessons counted.
    public private(set) var lessons = 0

    /// No lesson.
    public init() {}

    /// Counts the classified lessons of one intervention.
    public mutating func add(_ lessons: some Sequence<Lesson>) {
        var themes = Set<String>()
        var criteria = Set<String>()
        for lesson in lessons {
            let theme = lesson.themes.first ?? Self.none
            let criterion = lesson.dacCriterion ?? Self.none
            Self.count(lesson, under: theme, in: &byTheme, first: themes.insert(theme).inserted)
            Self.count(lesson, under: criterion, in: &byCriterion, first: criteria.insert(criterion).inserted)
            self.lessons += 1
        }
    }

    /// Adds the totals of another file or piece (whose interventions are others).
    public mutating func merge(_ other: LessonTally) {
        byTheme.merge(other.byTheme, uniquingKeysWith: +)
        byCriterion.merge(other.byCriterion, uniquingKeysWith: +)
        lessons += other.lessons
    }

    private static func count(_ lesson: Lesson, under key: String, in table: inout [String: Counts], first: Bool) {
        table[key, default: Counts()].lessons += 1
        if first { table[key, default: Counts()].interventions += 1 }
        switch lesson.polarity {
        case "success": table[key, default: Counts()].successes += 1
        case "difficulty": table[key, default: Counts()].difficulties += 1
        default: break
        }
    }
}
