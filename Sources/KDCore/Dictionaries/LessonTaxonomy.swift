/// The taxonomy lessons are classified with (loaded from `Pipelines/taxonomy.yml`): themes, DAC criteria,
/// polarity and addressees, each a list of rules with multilingual keywords and the examples that must fire
/// them; and the equivalents lessons are grouped with.
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
        /// Each matcher's number in the taxonomy's `KeywordIndex` (given by the taxonomy the rule is part of), -1
        /// for a keyword without a matcher.
        var ids: [Int] = []

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

        /// The keywords found in `text` (those `excluding` names aside) of which every occurrence stands just after
        /// one of `preceding`'s words (one not itself just after a word of `unless`), each with the word before
        /// its first occurrence.
        func preceded(
            in text: FoldedText, by preceding: PrecedingWords, unless: PrecedingWords? = nil, excluding: Set<String> = []
        ) -> [(keyword: String, word: String)] {
            matchers.indices.compactMap { index in
                guard found(index, in: text), !excluding.contains(keywords[index]), let matcher = matchers[index] else {
                    return nil
                }
                let positions = matcher.positions(in: text)
                guard let first = positions.first, let word = preceding.word(before: first, in: text, unless: unless),
                      positions.dropFirst().allSatisfy({ preceding.word(before: $0, in: text, unless: unless) != nil })
                else { return nil }
                return (keywords[index], word)
            }
        }

        /// The first keyword found in `text`, and how many keywords are found (those `excluding` names aside).
        func hits(in text: FoldedText, excluding: Set<String> = []) -> (first: String, count: Int)? {
            var first: String?
            var count = 0
            for index in matchers.indices where found(index, in: text) && !excluding.contains(keywords[index]) {
                first = first ?? keywords[index]
                count += 1
            }
            return first.map { ($0, count) }
        }

        /// Whether keyword `index` is in `text`, as the text's words looked up in the taxonomy's index found it (a
        /// keyword that folds to an earlier one has no number).
        private func found(_ index: Int, in text: FoldedText) -> Bool {
            let id = ids[index]
            return id >= 0 && text.found[id]
        }
    }

    /// Words that change what a polarity keyword standing a few words after them tells: a reversing word
    /// (`reduz*`: "reduziu os atrasos") or a negating one (`sans`: "payés sans retard").
    public struct PrecedingWords: Sendable, Hashable {
        /// The words, as written (`reduz*`, `fewer`, `sans`).
        public var words: [String]
        /// How many words before the keyword one of them may stand ("reduziu os atrasos": two).
        public var reach: Int
        let matchers: [Matcher]

        /// Creates the list.
        public init(_ words: [String], reach: Int) {
            (self.words, self.reach) = (words, reach)
            matchers = words.map(Matcher.init)
        }

        /// The word of the list that stands within `reach` words before position `index` of `text`, and not itself
        /// just after a word of `unless` ("did not reduce the delays"), if one does.
        func word(before index: Int, in text: FoldedText, unless: PrecedingWords? = nil) -> String? {
            // Only words of the keyword's own clause: "…payés à temps ; sans retard…" is no negation of *temps*.
            for offset in max(0, index - reach)..<index where text.clauses[offset] == text.clauses[index] {
                guard let found = matchers.indices.first(where: { matchers[$0].matchesWord(text.words[offset]) }),
                      unless?.word(before: offset, in: text) == nil else { continue }
                return words[found]
            }
            return nil
        }
    }

    /// Words that, just before a keyword of one polarity, tell the other: "reduziu os atrasos" (reduced the
    /// delays) is a success, though *atrasos* is a difficulty's keyword.
    public struct Reversal: Sendable, Hashable {
        /// The polarity whose keywords the words turn (`difficulty`), and the one they turn them into (`success`).
        public var from: String
        public var to: String
        /// The reversing words, up to three words before the keyword.
        public let preceding: PrecedingWords
        /// The words, as written (`reduz*`, `fewer`).
        public var words: [String] { preceding.words }

        /// Creates a reversal.
        public init(from: String, to: String, words: [String]) {
            (self.from, self.to) = (from, to)
            preceding = PrecedingWords(words, reach: 3)
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
    /// Words that turn a polarity's keyword into the other's, when one is given.
    public let reversal: Reversal?
    /// Words that, up to two words before a polarity's keyword, make it tell neither ("payés sans retard", paid
    /// without delay, tells of no difficulty), when they are given.
    public let negation: PrecedingWords?
    /// Words of obligation that, up to six words before a polarity's keyword in its clause, make it tell neither:
    /// what must or should be done is no finding ("doit reposer sur un cadre juridique adopté"), when they are
    /// given.
    public let obligation: PrecedingWords?
    /// Sets of words and phrases that say the same thing in the five languages (`cadre juridique`, `wettelijke
    /// basis`): when lessons are grouped, each term is also read as its set (`Equivalents`).
    public let equivalents: [[String]]
    /// The rules' keywords, filed for looking up a text's words.
    let index: KeywordIndex

    /// A taxonomy.
    public init(
        themes: [Rule], dacCriteria: [Rule], polarity: [Rule], addressees: [Rule] = [], reversal: Reversal? = nil,
        negation: [String] = [], obligation: [String] = [], equivalents: [[String]] = []
    ) {
        var lists = [themes, dacCriteria, polarity, addressees]
        index = KeywordIndex(numbering: &lists)
        (self.themes, self.dacCriteria, self.polarity, self.addressees) = (lists[0], lists[1], lists[2], lists[3])
        self.reversal = reversal
        self.negation = negation.isEmpty ? nil : PrecedingWords(negation, reach: 2)
        self.obligation = obligation.isEmpty ? nil : PrecedingWords(obligation, reach: 6)
        self.equivalents = equivalents
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
        let folded = FoldedText(text, index: index)
        var rules: [String] = []
        /// The keys of the rules whose keywords `text` holds (those `excluding` names for the rule's key aside),
        /// strongest first (ties to the rule listed first); each recorded in `rules`, with `note`.
        func ranked(
            _ list: [Rule], _ prefix: String, in text: FoldedText, note: String = "", reversal: Reversal? = nil,
            excluding: [String: Set<String>] = [:]
        ) -> [String] {
            var found = list.enumerated().compactMap { index, rule in
                rule.hits(in: text, excluding: excluding[rule.key] ?? []).map { (index: index, key: rule.key, hit: $0) }
            }
            if let reversal { Self.reverse(&found, list, by: reversal, unless: negation, in: text, excluding: excluding) }
            found.sort { ($1.hit.count, $0.index) < ($0.hit.count, $1.index) }
            for (_, key, hit) in found { rules.append("\(prefix):\(key):\(hit.first)\(note)") }
            return found.map(\.key)
        }
        var result = Result(themes: ranked(themes, "theme", in: folded), dacCriterion: ranked(dacCriteria, "dac", in: folded).first, rules: [])
        if isRecommendation {
            // A recommendation says what is to be done, not what happened: its keywords ("Adopter un décret",
            // "avoid delays") tell no polarity.
            if let hit = polarity.lazy.compactMap({ $0.hits(in: folded) }).first {
                rules.append("polarity:none:\(hit.first) in a recommendation")
            }
            // Its addressee: its words first; failing them, the heading it stands under ("Recommandations à la
            // Délégation de l'UE").
            result.addressee = ranked(addressees, "addressee", in: folded).first
                ?? heading.flatMap { ranked(addressees, "addressee", in: FoldedText($0, index: index), note: " (heading)").first }
        } else {
            // A polarity's keyword just after a negating word, or after a word of obligation in its clause, counts
            // for none ("polarity:none:retard* after sans", "polarity:none:adopté* after doit").
            var setAside: [String: Set<String>] = [:]
            var notes: [String] = []
            for words in [negation, obligation].compactMap({ $0 }) {
                for rule in polarity {
                    let found = rule.preceded(in: folded, by: words)
                    guard !found.isEmpty else { continue }
                    setAside[rule.key, default: []].formUnion(found.map(\.keyword))
                    notes += found.map { "polarity:none:\($0.keyword) after \($0.word)" }
                }
            }
            result.polarity = ranked(polarity, "polarity", in: folded, reversal: reversal, excluding: setAside).first
            rules += notes
        }
        result.rules = rules
        return result
    }

    /// Moves the hits of `reversal.from`'s keywords that stand just after a reversing word to `reversal.to`
    /// (`success:atras* after reduz*`), unless a word of `unless` negates the reversing word ("did not reduce");
    /// the keywords `excluding` names for `reversal.from` are not counted.
    private static func reverse(
        _ found: inout [(index: Int, key: String, hit: (first: String, count: Int))], _ list: [Rule], by reversal: Reversal,
        unless: PrecedingWords?, in text: FoldedText, excluding: [String: Set<String>]
    ) {
        guard let from = found.firstIndex(where: { $0.key == reversal.from }),
              let target = list.firstIndex(where: { $0.key == reversal.to }) else { return }
        let rule = list[found[from].index]
        let excluded = excluding[reversal.from] ?? []
        let turned = rule.preceded(in: text, by: reversal.preceding, unless: unless, excluding: excluded)
        guard let first = turned.first else { return }
        if let rest = rule.hits(in: text, excluding: excluded.union(turned.map(\.keyword))) {
            found[from].hit = rest
        } else {
            found.remove(at: from)
        }
        let note = "\(first.keyword) after \(first.word)"
        if let to = found.firstIndex(where: { $0.key == reversal.to }) {
            found[to].hit.count += turned.count
        } else {
            found.append((target, reversal.to, (note, turned.count)))
        }
    }
}
