import Foundation
import KDCore

/// `run.json`: what a run read (with SHA-256), what each stage produced, how long it took, and its exit status.
///
/// Only `started_at` and the `duration_ms` fields change between two runs over the same inputs.
public struct RunManifest: Codable, Sendable, Equatable {
    /// The manifest's file name in the report.
    public static let fileName = "run.json"

    /// Whether `data` is a run manifest written by kdpipe, of this version or another: a JSON object that
    /// names kdpipe's version.
    public static func isManifest(_ data: Data) -> Bool {
        (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?[CodingKeys.kdpipeVersion.rawValue] is String
    }

    /// One input file.
    public struct Input: Codable, Sendable, Equatable {
        public var file: String
        public var format: String
        public var bytes: Int
        public var sha256: String
        public var status: String
    }

    /// One stage's figures.
    public struct StageEntry: Codable, Sendable, Equatable {
        public var name: String
        public var counts: [String: Int]
        public var diagnostics: [String: Int]
        public var durationMs: Int

        enum CodingKeys: String, CodingKey {
            case name, counts, diagnostics
            case durationMs = "duration_ms"
        }

        /// Creates an entry.
        public init(name: String, counts: [String: Int], diagnostics: [Diagnostic], durationMs: Int) {
            self.name = name
            self.counts = counts
            self.diagnostics = Dictionary(grouping: diagnostics, by: \.severity.rawValue).mapValues(\.count)
            self.durationMs = durationMs
        }

        /// Creates an entry from a tally of diagnostics (stages that stream theirs to disk).
        public init(name: String, counts: [String: Int], tally: DiagnosticTally, durationMs: Int) {
            self.name = name
            self.counts = counts
            self.diagnostics = Dictionary(uniqueKeysWithValues: tally.bySeverity.map { ($0.key.rawValue, $0.value) })
            self.durationMs = durationMs
        }
    }

    public var kdpipeVersion: String
    public var libxml2Version: String
    public var pipeline: String
    public var startedAt: String
    public var durationMs: Int
    public var exitStatus: Int32
    public var inputs: [Input]
    public var stages: [StageEntry]
    public var outputs: [String]
    public var diagnostics: [String: Int]

    enum CodingKeys: String, CodingKey {
        case kdpipeVersion = "kdpipe_version"
        case libxml2Version = "libxml2_version"
        case pipeline
        case startedAt = "started_at"
        case durationMs = "duration_ms"
        case exitStatus = "exit_status"
        case inputs, stages, outputs, diagnostics
    }

    /// Builds the manifest of a run.
    public init(
        kdpipeVersion: String, libxml2Version: String, pipeline: String, startedAt: String, durationMs: Int,
        exitStatus: Int32, inputs: [InputFile], formats: [String: InputFormat], rejected: [RejectedInput],
        stages: [StageEntry], outputs: [String], diagnostics: DiagnosticTally
    ) {
        self.kdpipeVersion = kdpipeVersion
        self.libxml2Version = libxml2Version
        self.pipeline = pipeline
        self.startedAt = startedAt
        self.durationMs = durationMs
        self.exitStatus = exitStatus
        let rejected = Set(rejected.map(\.file))
        self.inputs = inputs.map { file in
            Input(
                file: file.displayPath, format: formats[file.displayPath]?.rawValue ?? "unknown",
                bytes: file.size, sha256: file.sha256, status: rejected.contains(file.displayPath) ? "rejected" : "read")
        }
        self.stages = stages
        self.outputs = outputs
        self.diagnostics = Dictionary(uniqueKeysWithValues: diagnostics.bySeverity.map { ($0.key.rawValue, $0.value) })
    }

    /// The manifest as pretty-printed JSON with sorted keys and a final newline.
    public func file() throws -> ReportFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(self)
        return ReportFile(name: Self.fileName, content: String(decoding: data, as: UTF8.self) + "\n")
    }
}
