import Foundation
import KDCore
import Yams

extension PipelineConfig {
    /// The keys a pipeline file may use, at the top level and under `options`.
    static let topLevelKeys: Set<String> = ["name", "inputs", "context", "output", "options"]
    static let optionKeys: Set<String> = ["strict", "achievement_bands", "diagnostics_listed", "indicator_catalogue", "lesson_taxonomy", "lesson_similarity", "keep_runs", "database", "context_series"]
    static let bandKeys: Set<String> = ["achieved", "largely_achieved", "partly_achieved"]
    static let inputKeys: Set<String> = ["path", "format"]

    /// Loads a pipeline file. Every unknown key, wrong type or missing required key is an error
    /// naming the line, before anything runs.
    public static func load(path: String) throws(PipelineError) -> PipelineConfig {
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(YAMLDocument(path: path, what: "pipeline file"), base: base)
    }

    /// Parses pipeline YAML; relative paths resolve against `base`.
    public static func parse(yaml: String, path: String, base: String) throws(PipelineError) -> PipelineConfig {
        try parse(YAMLDocument(yaml: yaml, path: path), base: base)
    }

    private static func parse(_ document: YAMLDocument, base: String) throws(PipelineError) -> PipelineConfig {
        let path = document.path
        let fail = document.fail
        let root = document.root
        guard let root, case .mapping(let top) = root else { throw fail("expected a mapping with inputs and output", root) }
        try checkKeys(top, allowed: topLevelKeys, where: "the pipeline", fail)

        let defaultName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let name = try top["name"].map { node throws(PipelineError) in
            guard let value = node.string, !value.isEmpty else { throw fail("'name' must be text", node) }
            return value
        } ?? defaultName

        guard let inputsNode = top["inputs"] else { throw fail("'inputs' is required: a list of files, folders or globs", root) }
        let inputs = try paths(inputsNode, key: "inputs", base: base, fail)

        guard let outputNode = top["output"], let output = outputNode.string, !output.isEmpty else {
            throw fail("'output' is required: the folder the report is written to", root)
        }
        var config = PipelineConfig(name: name, inputs: inputs, output: resolve(output, base: base))
        if let contextNode = top["context"] {
            config.context = try paths(contextNode, key: "context", base: base, fail)
        }
        try readOptions(top["options"], into: &config, base: base, fail)
        return config
    }

    /// A list of input entries (paths, or mappings with a path and a format).
    private static func paths(
        _ node: Node, key: String, base: String, _ fail: (String, Node?) -> PipelineError
    ) throws(PipelineError) -> [Input] {
        let entries: [Node]
        switch node {
        case .sequence(let sequence): entries = Array(sequence)
        case .scalar: entries = [node]
        default: throw fail("'\(key)' must be a list", node)
        }
        var inputs: [Input] = []
        for entry in entries {
            switch entry {
            case .scalar(let scalar):
                inputs.append(Input(path: resolve(scalar.string, base: base)))
            case .mapping(let mapping):
                try checkKeys(mapping, allowed: inputKeys, where: "an input", fail)
                guard let value = mapping["path"]?.string else { throw fail("an input needs a 'path'", entry) }
                var format: InputFormat?
                if let formatNode = mapping["format"], let text = formatNode.string, text != "auto" {
                    guard let known = InputFormat(rawValue: text) else {
                        throw fail("format '\(text)' is not one of auto, \(InputFormat.allCases.map(\.rawValue).joined(separator: ", "))", formatNode)
                    }
                    format = known
                }
                inputs.append(Input(path: resolve(value, base: base), format: format))
            default:
                throw fail("an input must be a path or a mapping with 'path' and 'format'", entry)
            }
        }
        return inputs
    }

    private static func readOptions(
        _ optionsNode: Node?, into config: inout PipelineConfig, base: String, _ fail: (String, Node?) -> PipelineError
    ) throws(PipelineError) {
        if let optionsNode {
            guard case .mapping(let options) = optionsNode else { throw fail("'options' must be a mapping", optionsNode) }
            try checkKeys(options, allowed: optionKeys, where: "options", fail)
            if let strict = options["strict"] {
                guard let value = strict.bool else { throw fail("'strict' must be true or false", strict) }
                config.strict = value
            }
            if let catalogueNode = options["indicator_catalogue"] {
                guard let value = catalogueNode.string, !value.isEmpty else { throw fail("'indicator_catalogue' must be a file path", catalogueNode) }
                config.catalogue = resolve(value, base: base)
            }
            if let taxonomyNode = options["lesson_taxonomy"] {
                guard let value = taxonomyNode.string, !value.isEmpty else { throw fail("'lesson_taxonomy' must be a file path", taxonomyNode) }
                config.taxonomy = resolve(value, base: base)
            }
            if let similarity = options["lesson_similarity"] {
                guard let value = similarity.float, value > 0, value <= 1 else {
                    throw fail("'lesson_similarity' must be a number in (0, 1]", similarity)
                }
                config.lessonSimilarity = value
            }
            if let seriesNode = options["context_series"] {
                let items: [Node] = switch seriesNode {
                case .sequence(let sequence): Array(sequence)
                default: [seriesNode]
                }
                let codes = items.compactMap { $0.string?.collapsedOrNil }
                guard !codes.isEmpty, codes.count == items.count else {
                    throw fail("'context_series' must be a list of series codes (SI.POV.GINI)", seriesNode)
                }
                config.contextSeries = codes
            }
            if let databaseNode = options["database"] {
                guard let value = databaseNode.string, !value.isEmpty else { throw fail("'database' must be a file path or none", databaseNode) }
                config.database = value == "none" ? "none" : resolve(value, base: base)
            }
            if let keep = options["keep_runs"] {
                guard let value = keep.int, value >= 0 else { throw fail("'keep_runs' must be a whole number ≥ 0", keep) }
                config.keepRuns = value
            }
            if let listed = options["diagnostics_listed"] {
                guard let value = listed.int, value >= 0 else { throw fail("'diagnostics_listed' must be a whole number ≥ 0", listed) }
                config.diagnosticsListed = value
            }
            if let bandsNode = options["achievement_bands"] {
                guard case .mapping(let bands) = bandsNode else { throw fail("'achievement_bands' must be a mapping", bandsNode) }
                try checkKeys(bands, allowed: bandKeys, where: "achievement_bands", fail)
                func band(_ key: String, _ fallback: Double) throws(PipelineError) -> Double {
                    guard let node = bands[key] else { return fallback }
                    guard let value = node.float else { throw fail("'\(key)' must be a number (percent)", node) }
                    return value
                }
                let standard = AchievementBands.standard
                config.bands = AchievementBands(
                    achieved: try band("achieved", standard.achieved),
                    largelyAchieved: try band("largely_achieved", standard.largelyAchieved),
                    partlyAchieved: try band("partly_achieved", standard.partlyAchieved))
                guard config.bands.achieved >= config.bands.largelyAchieved,
                      config.bands.largelyAchieved >= config.bands.partlyAchieved else {
                    throw fail("achievement bands must satisfy achieved ≥ largely_achieved ≥ partly_achieved", bandsNode)
                }
            }
        }
    }

    private static func checkKeys(
        _ mapping: Node.Mapping, allowed: Set<String>, where context: String,
        _ fail: (String, Node?) -> PipelineError
    ) throws(PipelineError) {
        for (key, _) in mapping {
            guard let name = key.string, allowed.contains(name) else {
                throw fail("unknown key '\(key.string ?? "?")' in \(context) (known: \(allowed.sorted().joined(separator: ", ")))", key)
            }
        }
    }

    /// An absolute path for `path`, relative paths taken from `base`.
    static func resolve(_ path: String, base: String) -> String {
        let expanded = NSString(string: path).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardized.path }
        return URL(fileURLWithPath: base).appendingPathComponent(expanded).standardized.path
    }
}
