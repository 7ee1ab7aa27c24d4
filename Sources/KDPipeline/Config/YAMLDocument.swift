import Foundation
import KDCore
import Yams

/// A YAML configuration file read with line numbers, so that every error can name where it is: the one
/// reader of pipelines, catalogues and taxonomies.
struct YAMLDocument {
    /// The file's path, as errors show it.
    let path: String
    /// The root node (nil for an empty document).
    let root: Node?

    /// Reads and parses `path`; `what` names the file in the error when it cannot be read.
    init(path: String, what: String) throws(PipelineError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError(path: path, reason: .configuration("cannot read the \(what)"))
        }
        try self.init(yaml: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses YAML text shown as `path` in errors.
    init(yaml: String, path: String) throws(PipelineError) {
        self.path = path
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw Self.syntaxError(error, path: path)
        }
    }

    /// libyaml's error as one line at its place, as every configuration error is: `path:line:column` and
    /// the problem, with what libyaml was reading when it met it. (Yams's own text runs over several lines,
    /// with a snippet of the file and a caret, which a terminal or a cron mail shows as `\u{A}`.)
    private static func syntaxError(_ error: any Error, path: String) -> PipelineError {
        func at(_ mark: Mark, _ problem: String, _ context: YamlError.Context?) -> PipelineError {
            let reading = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            let place = mark.line > 0 ? "\(path):\(mark.line):\(mark.column)" : path
            return PipelineError(path: place, reason: .configuration("not valid YAML: \(problem)\(reading)"))
        }
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return at(mark, problem, context)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return at(context.mark, "\(keys) given twice in one mapping (the first time here)", nil)
        case .reader(let problem, _, _, _):
            return PipelineError(path: path, reason: .configuration("not valid YAML: \(problem)"))
        default:
            return PipelineError(path: path, reason: .configuration("not valid YAML: \(String(describing: error).collapsingWhitespace)"))
        }
    }

    /// A configuration error at `node`'s line.
    func fail(_ message: String, _ node: Node?) -> PipelineError {
        PipelineError(path: path + (node?.mark.map { ":\($0.line)" } ?? ""), reason: .configuration(message))
    }
}
