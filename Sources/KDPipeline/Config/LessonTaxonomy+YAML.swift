import Foundation
import KDCore
import Yams

extension LessonTaxonomy {
    /// Loads a taxonomy file (`Pipelines/taxonomy.yml`); errors name the line (exit 64).
    public static func load(path: String) throws(PipelineError) -> LessonTaxonomy {
        let document = try YAMLDocument(path: path, what: "lesson taxonomy")
        let fail = document.fail
        guard let root = document.root, case .mapping(let top) = root else {
            throw fail("expected themes, dac_criteria, polarity and addressees", document.root)
        }
        let known = ["addressees", "dac_criteria", "equivalents", "polarity", "polarity_negation", "polarity_obligation", "polarity_reversal", "themes"]
        for (key, _) in top where !known.contains(key.string ?? "") {
            throw fail("unknown key '\(key.string ?? "?")' (known: \(known.joined(separator: ", ")))", key)
        }
        func rules(_ name: String) throws(PipelineError) -> [Rule] {
            guard let node = top[name] else { return [] }
            guard case .sequence(let items) = node else { throw fail("'\(name)' must be a list of rules", node) }
            var result: [Rule] = []
            for item in items {
                guard case .mapping(let rule) = item else { throw fail("a rule must be a mapping", item) }
                for (key, _) in rule where !["key", "label", "keywords", "examples"].contains(key.string ?? "") {
                    throw fail("unknown key '\(key.string ?? "?")' in a rule (known: examples, key, keywords, label)", key)
                }
                guard let key = rule["key"]?.string, !key.isEmpty else { throw fail("a rule needs a 'key'", item) }
                guard let keywordsNode = rule["keywords"], case .sequence(let keywords) = keywordsNode, !keywords.isEmpty else {
                    throw fail("\(key): 'keywords' must be a non-empty list", rule["keywords"] ?? item)
                }
                var examples: [String] = []
                if let node = rule["examples"], case .sequence(let list) = node { examples = list.compactMap(\.string) }
                var label: String?
                if let node = rule["label"] {
                    guard let text = node.string?.collapsedOrNil else { throw fail("\(key): 'label' must be a text", node) }
                    label = text
                }
                result.append(Rule(key: key, keywords: keywords.compactMap(\.string), examples: examples, label: label))
            }
            return result
        }
        let polarity = try rules("polarity")
        var reversal: Reversal?
        if let node = top["polarity_reversal"] {
            guard case .mapping(let fields) = node, let from = fields["from"]?.string, let to = fields["to"]?.string,
                  let wordsNode = fields["words"], case .sequence(let words) = wordsNode, !words.isEmpty else {
                throw fail("'polarity_reversal' needs 'from' and 'to' (polarity keys) and a non-empty list of 'words'", node)
            }
            for key in [from, to] where !polarity.contains(where: { $0.key == key }) {
                throw fail("polarity_reversal: '\(key)' is no polarity rule's key", node)
            }
            reversal = Reversal(from: from, to: to, words: words.compactMap(\.string))
        }
        /// A section that is a list of words and nothing else (`polarity_negation`, `polarity_obligation`).
        func words(_ section: String) throws(PipelineError) -> [String] {
            guard let node = top[section] else { return [] }
            guard case .mapping(let fields) = node, let wordsNode = fields["words"], case .sequence(let words) = wordsNode,
                  !words.isEmpty, fields.count == 1 else {
                throw fail("'\(section)' needs a non-empty list of 'words' (and nothing else)", node)
            }
            return words.compactMap(\.string)
        }
        let negation = try words("polarity_negation")
        let obligation = try words("polarity_obligation")
        var equivalents: [[String]] = []
        if let node = top["equivalents"] {
            guard case .sequence(let sets) = node else { throw fail("'equivalents' must be a list of lists of words", node) }
            for set in sets {
                guard case .sequence(let terms) = set, terms.count >= 2, terms.allSatisfy({ $0.string?.isBlank == false }) else {
                    throw fail("each set of 'equivalents' must be a list of at least two words or phrases", set)
                }
                equivalents.append(terms.compactMap(\.string))
            }
        }
        return LessonTaxonomy(
            themes: try rules("themes"), dacCriteria: try rules("dac_criteria"), polarity: polarity,
            addressees: try rules("addressees"), reversal: reversal, negation: negation, obligation: obligation,
            equivalents: equivalents)
    }
}
