import KDCore

/// Classifies each lesson with the taxonomy: its themes (an analyst's theme, from the lessons table, comes
/// first), the DAC criterion it speaks to, and whether it reports a success or a difficulty (a challenge is a
/// difficulty and a good practice a success unless the words say otherwise), and, for a recommendation, whom it
/// is addressed to (the facility, the EU Delegation, the partner). Every classification records the rules that
/// fired.
public struct ClassifyStage: Stage {
    public static let name = "classify"

    private let taxonomy: LessonTaxonomy

    /// Creates the stage with a taxonomy.
    public init(taxonomy: LessonTaxonomy) {
        self.taxonomy = taxonomy
    }

    public func run(_ batch: Batch, diagnostics: inout DiagnosticLog) -> Batch {
        var output = batch
        // Each lesson alone: on every core, 256 to a task.
        output.lessons = batch.lessons.concurrentMap(chunk: 256, classify)
        return output
    }

    /// Classifies one lesson.
    public func classify(_ lesson: Lesson) -> Lesson {
        var result = lesson
        let found = taxonomy.classify(lesson.text, isRecommendation: lesson.section == .recommendations, heading: lesson.heading)
        var themes = found.themes
        var rules = found.rules
        if let given = lesson.givenTheme {
            let key = taxonomy.themeKey(given: given)
            themes.removeAll { $0 == key }
            themes.insert(key, at: 0)
            rules.insert("theme:\(key):analyst", at: 0)
        }
        result.themes = themes
        result.dacCriterion = found.dacCriterion
        result.polarity = found.polarity
        result.addressee = found.addressee
        if result.polarity == nil {
            switch lesson.section {
            case .challenges:
                result.polarity = "difficulty"
                rules.append("polarity:difficulty:section")
            case .goodPractices:
                result.polarity = "success"
                rules.append("polarity:success:section")
            default:
                break
            }
        }
        result.rules = rules
        return result
    }
}
