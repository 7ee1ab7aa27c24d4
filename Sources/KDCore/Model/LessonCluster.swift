/// Lessons that say the same thing, across actions, countries and (where words are shared) languages.
public struct LessonCluster: Sendable, Hashable {
    /// Stable id: `C` and the representative lesson's id.
    public var id: String
    /// The lesson chosen to stand for the group (the one closest to all the others).
    public var representative: Lesson
    /// The ids of its lessons, sorted.
    public var lessonIDs: [String]
    /// The interventions they come from, sorted.
    public var interventions: [String]
    /// Their partner countries, sorted.
    public var countries: [String]
    /// The most frequent primary theme among them.
    public var theme: String?

    /// Creates a cluster.
    public init(id: String, representative: Lesson, lessonIDs: [String], interventions: [String], countries: [String], theme: String?) {
        self.id = id
        self.representative = representative
        self.lessonIDs = lessonIDs
        self.interventions = interventions
        self.countries = countries
        self.theme = theme
    }
}
