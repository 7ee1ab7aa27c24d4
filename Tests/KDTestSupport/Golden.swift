import Foundation
import Testing

/// Golden-file comparison: byte for byte, re-recorded with `RECORD_GOLDENS=1`.
///
/// A recording run records a test issue on purpose, so that it can never pass silently.
public enum Golden {
    /// Whether this run records goldens instead of checking them.
    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1"
    }

    /// Compares `actual` with the file at `expected`, or records it.
    public static func check(
        _ actual: String, against expected: URL, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        if isRecording {
            try FileManager.default.createDirectory(at: expected.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: expected)
            Issue.record("recorded \(expected.path); run again without RECORD_GOLDENS to check it", sourceLocation: sourceLocation)
            return
        }
        guard let data = FileManager.default.contents(atPath: expected.path) else {
            Issue.record("golden file \(expected.path) is missing; run with RECORD_GOLDENS=1 to create it", sourceLocation: sourceLocation)
            return
        }
        let golden = String(decoding: data, as: UTF8.self)
        if golden != actual {
            let goldenLines = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(goldenLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(goldenLines.count, actualLines.count)
            let want = first < goldenLines.count ? String(goldenLines[first]) : "<end of file>"
            let got = first < actualLines.count ? String(actualLines[first]) : "<end of file>"
            Issue.record(
                "\(expected.lastPathComponent) differs at line \(first + 1)\n  expected: \(want)\n  actual:   \(got)",
                sourceLocation: sourceLocation)
        }
    }

    /// `run.json` without the fields that legitimately change between runs (`started_at`, `duration_ms`).
    public static func stableManifest(_ json: String) -> String {
        json.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("\"started_at\"") && !$0.contains("\"duration_ms\"") }
            .joined(separator: "\n")
    }
}
