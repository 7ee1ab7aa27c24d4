/// The taxonomy lessons are classified with (loaded from `Pipelines/taxonomy.yml`): themes, DAC criteria and
/// polarity, each a list of rules with multilingual keywords and the examples that must fire them.
public struct LessonTaxonomy: Sendable {
    /// One rule: a key (a theme, a criterion, a polarity) and the keywords that point to it.
    public struct Rule: Sendable, Hashable {
        /// The key (`labour_inspection`, `efficiency`, `difficulty`).
        public var key: String
        /// Keywords as written (`inspect*`, `assurance maladie`).
        public var keywords: [String]
        /// Texts this rule must classify.
        public var examples: [String]
        /// What reviewers read for the key (`MIS and digitalisation`), when the key spelt out would not do.
        public var label: String?
        /// One matcher a keyword, nil for a keyword that folds to an earlier one.
        let matchers: [Matcher?]

        /// Creates a rule.
        public init(key: String, keywords: [String], examples: [String] = [], label: String? = nil) {
            self.key = key
            self.keywords = keywords
            self.examples = examples
            self.label = label
            // Keywords that fold to the same (ES `a distancia`, PT `à distância`) are one keyword: each would
            // count the same words again, and outweigh the other rules.
            var seen: Set<Matcher> = []
            self.matchers = keywords.map(Matcher.init).map { seen.insert($0).inserted ? $0 : nil }
        }

        /// The first keyword found in `text`, and how many keywords are found.
        func hits(in text: FoldedText) -> (first: String, count: Int)? {
            var first: String?
            var count = 0
            for (index, matcher) in matchers.enumerated() where matcher?.matches(text) == true {
                first = first ?? keywords[index]
                count += 1
            }
            return first.map { ($0, count) }
        }
    }

    /// A keyword ready to match: a phrase, a word, or a stem (`inspect*`).
    struct Matcher: Sendable, Hashable {
        let folded: String
        let firstWord: Substring
        let isStem: Bool
        let isPhrase: Bool

        init(_ keyword: String) {
            isStem = keyword.hasSuffix("*")
            folded = Folding.fold(isStem ? String(keyword.dropLast()) : keyword)
            isPhrase = folded.contains(" ")
            firstWord = folded.split(separator: " ").first ?? ""
        }

        func matches(_ text: FoldedText) -> Bool {
            guard !folded.isEmpty else { return false }
            if isPhrase {
                // The phrase's first word must be there before the text is searched.
                guard text.wordSet.contains(firstWord) else { return false }
                return text.padded.contains(" \(folded)\(isStem ? "" : " ")")
            }
            if isStem {
                if folded.count < 3 { return text.wordSet.contains { $0.hasPrefix(folded) } }
                return (text.byPrefix[String(folded.prefix(3))] ?? []).contains { $0.hasPrefix(folded) }
            }
            return text.wordSet.contains(Substring(folded))
        }
    }

    /// A text folded once for all the rules, its words indexed by their first three letters.
    struct FoldedText {
        let padded: String
        let wordSet: Set<Substring>
        let byPrefix: [String: [Substring]]

        init(_ text: String) {
            let folded = Folding.fold(text)
            padded = " \(folded) "
            let words = folded.split(separator: " ")
            wordSet = Set(words)
            byPrefix = Dictionary(grouping: words) { String($0.prefix(3)) }
        }
    }

    /// What a classification found, with the rule that fired for each part.
    public struct Result: Sendable, Hashable {
        /// Every theme with a keyword in the text, the strongest first.
        public var themes: [String]
        /// The DAC criterion the text speaks to, when one does.
        public var dacCriterion: String?
        /// `success` or `difficulty`, when the text says.
        public var polarity: String?
        /// Whom a recommendation is addressed to (`facility`, `eu_delegation`, `partner`), when its words say.
        public var addressee: String?
        /// The rules that fired: `theme:labour_inspection:inspect*; dac:effectiveness:eficaz; …`.
        public var rules: [String]
    }

    /// Theme rules, in order (ties go to the earlier).
    public let themes: [Rule]
    /// DAC criterion rules.
    public let dacCriteria: [Rule]
    /// Polarity rules.
    public let polarity: [Rule]
    /// Addressee rules: whom a recommendation is for.
    public let addressees: [Rule]

    /// A taxonomy.
    public init(themes: [Rule], dacCriteria: [Rule], polarity: [Rule], addressees: [Rule] = []) {
        self.themes = themes
        self.dacCriteria = dacCriteria
        self.polarity = polarity
        self.addressees = addressees
    }

    /// The labels the addressee rules give their keys.
    public var addresseeLabels: [String: String] { Self.labels(of: addressees) }

    /// The labels the theme rules give their keys.
    public var themeLabels: [String: String] { Self.labels(of: themes) }

    /// The labels rules give their keys (the first, for a key given twice).
    private static func labels(of rules: [Rule]) -> [String: String] {
        Dictionary(rules.compactMap { rule in rule.label.map { (rule.key, $0) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The theme key of a theme an analyst wrote (a lessons table's `theme`): the key of the rule whose label it
    /// is (`MIS and digitalisation`: `mis_digitalisation`), else its words folded and joined by `_`
    /// (`Social dialogue`: `social_dialogue`).
    public func themeKey(given: String) -> String {
        let key = Folding.key(given)
        return themes.first { rule in rule.label.map(Folding.key) == key }?.key ?? key
    }

    /// An empty taxonomy (nothing is classified).
    public static let empty = LessonTaxonomy(themes: [], dacCriteria: [], polarity: [])

    /// Classifies a text. A recommendation (`isRecommendation`) is also given its addressee, from its words or
    /// else from the heading it stands under ("Recommendations to the EU Delegation").
    public func classify(_ text: String, isRecommendation: Bool = false, heading: String? = nil) -> Result {
        let folded = FoldedText(text)
        var rules: [String] = []
        /// The keys of the rules whose keywords `text` holds, strongest first (ties to the rule listed first);
        /// each recorded in `rules`, with `note`.
        func ranked(_ list: [Rule], _ prefix: String, in text: FoldedText, note: String = "") -> [String] {
            let found = list.enumerated().compactMap { index, rule in rule.hits(in: text).map { (index, rule.key, $0) } }
                .sorted { ($1.2.count, $0.0) < ($0.2.count, $1.0) }
            for (_, key, hit) in found { rules.append("\(prefix):\(key):\(hit.first)\(note)") }
            return found.map(\.1)
        }
        var result = Result(
            themes: ranked(themes, "theme", in: folded), dacCriterion: ranked(dacCriteria, "dac", in: folded).first,
            polarity: ranked(polarity, "polarity", in: folded).first, rules: [])
        if isRecommendation {
            // Its words first; failing them, the heading it stands under ("Recommandations à la Délégation de l'UE").
            result.addressee = ranked(addressees, "addressee", in: folded).first
                ?? heading.flatMap { ranked(addressees, "addressee", in: FoldedText($0), note: " (heading)").first }
        }
        result.rules = rules
        return result
    }
}
