import KDCore

/// The words reviewers read for the pipeline's keys.
enum Labels {
    static func area(_ key: String) -> String {
        switch key {
        case "social_protection": "Social protection"
        case "labour": "Labour"
        case "employment": "Employment"
        case "unspecified": "Not specified"
        default: key
        }
    }

    static func status(_ key: String) -> String {
        switch key {
        case "completed": "Completed"
        case "completed_with_changes": "Completed with changes"
        case "partially_completed": "Partially completed"
        case "cancelled": "Cancelled"
        case "unspecified": "Not specified"
        default: key
        }
    }

    /// A status as a column of the achievement tables heads it ("Largely achieved").
    static func achievement(_ status: AchievementStatus) -> String {
        status.label.prefix(1).uppercased() + status.label.dropFirst()
    }

    /// `count` items of a kind, as a sentence counts them: `1 lesson learned`, `4 good practices`, `1 item on
    /// sustainability and next steps`.
    static func counted(_ count: Int, _ key: SectionKey) -> String {
        switch key {
        case .lessonsLearned: Format.counted(count, "lesson learned", "lessons learned")
        case .goodPractices: Format.counted(count, "good practice")
        case .recommendations: Format.counted(count, "recommendation")
        case .challenges: Format.counted(count, "challenge")
        case .conclusions: Format.counted(count, "conclusion")
        case .sustainability: Format.counted(count, "item on sustainability and next steps", "items on sustainability and next steps")
        case .other: Format.counted(count, "other item")
        }
    }

    static func theme(_ key: String) -> String {
        let words = key.split(separator: "_").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "0 %" : "\(Format.number(Double(part) * 100 / Double(whole), digits: 0)) %"
    }
}
