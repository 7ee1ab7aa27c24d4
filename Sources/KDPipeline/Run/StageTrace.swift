import KDCore
import KDReports
import Logging

/// Runs stages one after the other, adding each stage's name to its diagnostics (once, here) and
/// recording counts and timings for the run manifest.
struct StageTrace {
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var entries: [RunManifest.StageEntry] = []
    let logger: Logger
    let progress: (@Sendable (String) -> Void)?
    private let clock = ContinuousClock()

    init(logger: Logger, progress: (@Sendable (String) -> Void)? = nil) {
        self.logger = logger
        self.progress = progress
    }

    mutating func step<S: Stage>(_ stage: S, _ input: S.Input) -> S.Output where S.Output: StageCounts {
        progress?(S.name)
        var log = DiagnosticLog()
        let start = clock.now
        let output = stage.run(input, diagnostics: &log)
        let elapsed = clock.now - start
        let reported = log.entries.map { entry in
            var diagnostic = entry
            diagnostic.stage = S.name
            return diagnostic
        }
        diagnostics += reported
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        entries.append(RunManifest.StageEntry(
            name: S.name, counts: output.counts, diagnostics: reported, durationMs: milliseconds))
        let counts = output.counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        logger.info("\(S.name): \(counts) (\(reported.count) diagnostics, \(milliseconds) ms)")
        return output
    }

    /// Records the diagnostics of the last stage from a tally, for stages that stream theirs to disk.
    mutating func recordLast(_ tally: DiagnosticTally) {
        guard let last = entries.popLast() else { return }
        entries.append(RunManifest.StageEntry(name: last.name, counts: last.counts, tally: tally, durationMs: last.durationMs))
    }
}
