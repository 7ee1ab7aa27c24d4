import Foundation
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
            throw PipelineError(path: path, reason: .configuration("not valid YAML: \(error)"))
        }
    }

    /// A configuration error at `node`'s line.
    func fail(_ message: String, _ node: Node?) -> PipelineError {
        PipelineError(path: path + (node?.mark.map { ":\($0.line)" } ?? ""), reason: .configuration(message))
    }
}
