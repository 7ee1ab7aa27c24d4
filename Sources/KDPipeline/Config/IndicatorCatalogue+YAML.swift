import Foundation
import KDCore
import Yams

extension IndicatorCatalogue {
    static let entryKeys: Set<String> = ["code", "codes", "theme", "unit", "scale", "direction", "names", "examples"]
    static let themes: Set<String> = ["poverty", "inequality", "coverage", "employment", "capacity"]

    /// Loads a catalogue file (`Pipelines/indicators.yml`). Unknown keys, a missing code or theme, or an
    /// unknown direction are errors naming the line (exit 64).
    public static func load(path: String) throws(PipelineError) -> IndicatorCatalogue {
        let document = try YAMLDocument(path: path, what: "indicator catalogue")
        let fail = document.fail
        guard let root = document.root, case .mapping(let top) = root, let list = top["indicators"], case .sequence(let items) = list else {
            throw fail("expected a mapping with an 'indicators' list", document.root)
        }
        var entries: [Entry] = []
        for item in items {
            guard case .mapping(let mapping) = item else { throw fail("an indicator must be a mapping", item) }
            for (key, _) in mapping where !(key.string.map(entryKeys.contains) ?? false) {
                throw fail("unknown key '\(key.string ?? "?")' in an indicator (known: \(entryKeys.sorted().joined(separator: ", ")))", key)
            }
            guard let code = mapping["code"]?.string, !code.isEmpty else { throw fail("an indicator needs a 'code'", item) }
            guard let theme = mapping["theme"]?.string, themes.contains(theme) else {
                throw fail("\(code): 'theme' must be one of \(themes.sorted().joined(separator: ", "))", mapping["theme"] ?? item)
            }
            let direction = mapping["direction"]?.string ?? "higher"
            guard direction == "higher" || direction == "lower" else {
                throw fail("\(code): 'direction' must be higher or lower", mapping["direction"])
            }
            var names: [String: [String]] = [:]
            if let namesNode = mapping["names"], case .mapping(let byLanguage) = namesNode {
                for (language, list) in byLanguage {
                    guard let language = language.string, case .sequence(let values) = list else {
                        throw fail("\(code): 'names' maps a language to a list of names", list)
                    }
                    names[language] = values.compactMap(\.string)
                }
            }
            let examples: [String] = mapping["examples"].flatMap { node in
                if case .sequence(let values) = node { return values.compactMap(\.string) }
                return nil
            } ?? []
            let codes: [String] = mapping["codes"].flatMap { node in
                if case .sequence(let values) = node { return values.compactMap(\.string) }
                return nil
            } ?? []
            entries.append(Entry(
                code: code, otherCodes: codes, theme: theme, unit: mapping["unit"]?.string ?? "",
                scale: mapping["scale"]?.float, ascending: direction == "higher", names: names, examples: examples))
        }
        return IndicatorCatalogue(entries: entries)
    }
}
