/// A narrative section of a report: a heading, its language, its structured items and free text.
public struct NarrativeSection: Sendable, Hashable, Codable {
    /// The section keys it was declared or recognised as (`lessons_learned`, `recommendations`…); empty when none.
    public var keys: [SectionKey]
    /// The heading exactly as written (`6.2 Leçons apprises`).
    public var heading: String?
    /// The section's language (ISO 639-1).
    public var language: String?
    /// Items given one by one (structured lessons).
    public var items: [NarrativeItem]
    /// Free-text paragraphs.
    public var paragraphs: [NarrativeItem]
    /// Where the section starts.
    public var location: SourceLocation

    /// Creates an empty section.
    public init(keys: [SectionKey], heading: String?, language: String?, location: SourceLocation) {
        self.keys = keys
        self.heading = heading
        self.language = language
        self.items = []
        self.paragraphs = []
        self.location = location
    }
}

/// One item or paragraph of a narrative section.
public struct NarrativeItem: Sendable, Hashable, Codable {
    /// The text, white space folded.
    public var text: String
    /// The item's own language when it differs from its section's.
    public var language: String?
    /// The item's own kind when it differs from its section's.
    public var key: SectionKey?
    /// Where it was read.
    public var location: SourceLocation
    /// A theme an analyst gave the item (lessons table), which classification keeps.
    public var theme: String?

    /// Creates an item.
    public init(text: String, language: String? = nil, key: SectionKey? = nil, location: SourceLocation, theme: String? = nil) {
        self.text = text
        self.language = language
        self.key = key
        self.location = location
        self.theme = theme
    }
}

/// The kinds of section under which lessons appear (DOMAIN.md lexicon keys).
public enum SectionKey: String, Sendable, Hashable, CaseIterable, Comparable, Codable {
    case lessonsLearned = "lessons_learned"
    case goodPractices = "good_practices"
    case recommendations
    case challenges
    case conclusions
    case sustainability
    case other

    /// The heading reviewers read.
    public var label: String {
        switch self {
        case .lessonsLearned: "Lessons learned"
        case .goodPractices: "Good practices"
        case .recommendations: "Recommendations"
        case .challenges: "Challenges"
        case .conclusions: "Conclusions"
        case .sustainability: "Sustainability and next steps"
        case .other: "Other"
        }
    }

    /// The kind of item a section of this key holds: lesson, good_practice, recommendation, challenge,
    /// conclusion, next_step or other.
    public var kind: String {
        switch self {
        case .lessonsLearned: "lesson"
        case .goodPractices: "good_practice"
        case .recommendations: "recommendation"
        case .challenges: "challenge"
        case .conclusions: "conclusion"
        case .sustainability: "next_step"
        case .other: "other"
        }
    }

    public static func < (lhs: SectionKey, rhs: SectionKey) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Narrative items read from a table (the analysts' lessons table), to be attached to their intervention.
public struct NarrativeObservation: Sendable, Hashable, Codable {
    /// The action code as written.
    public var actionCode: String
    /// The normalised action key.
    public var interventionID: String
    /// The section holding the row's item.
    public var section: NarrativeSection

    /// Creates an observation.
    public init(actionCode: String, interventionID: String, section: NarrativeSection) {
        self.actionCode = actionCode
        self.interventionID = interventionID
        self.section = section
    }
}

/// A lesson (or good practice, recommendation, challenge) attributed to an intervention.
public struct Lesson: Sendable, Hashable {
    /// Stable id: the intervention id and the lesson's rank within it (`2020-22-L03`).
    public var id: String
    /// The intervention it was drawn from.
    public var interventionID: String
    /// The intervention's action code as written.
    public var actionCode: String
    /// The partner country (ISO3).
    public var countryISO3: String?
    /// The intervention's area key.
    public var area: String?
    /// Language (ISO 639-1).
    public var language: String?
    /// How the language is known: `declared` (xml:lang or a column), `stopwords` (detected), `report` (the
    /// report's language, when the text did not decide).
    public var languageMethod: String?
    /// A theme an analyst gave the lesson, when one was given.
    public var givenTheme: String?
    /// Themes found by classification, the strongest first.
    public var themes: [String] = []
    /// The DAC criterion it speaks to.
    public var dacCriterion: String?
    /// `success` or `difficulty`.
    public var polarity: String?
    /// Whom a recommendation is addressed to (`facility`, `eu_delegation`, `partner`), when it says.
    public var addressee: String?
    /// The classification rules that fired.
    public var rules: [String] = []
    /// The group of lessons saying the same thing that this one belongs to, when it has company.
    public var clusterID: String?
    /// Which kind of section it belongs to.
    public var section: SectionKey
    /// The heading it was found under, as written.
    public var heading: String?
    /// The text.
    public var text: String
    /// Where it was read.
    public var location: SourceLocation

    /// Creates a lesson.
    public init(
        id: String, interventionID: String, actionCode: String, countryISO3: String?, area: String?,
        language: String?, section: SectionKey, heading: String?, text: String, location: SourceLocation
    ) {
        self.id = id
        self.interventionID = interventionID
        self.actionCode = actionCode
        self.countryISO3 = countryISO3
        self.area = area
        self.language = language
        self.section = section
        self.heading = heading
        self.text = text
        self.location = location
    }
}
