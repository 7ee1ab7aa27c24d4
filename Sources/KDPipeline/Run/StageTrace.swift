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
        let (output, log, milliseconds) = run(stage, input)
        let reported = log.entries.map { entry in
            var diagnostic = entry
            diagnostic.stage = S.name
            return diagnostic
        }
        diagnostics += reported
        record(RunManifest.StageEntry(name: S.name, counts: output.counts, diagnostics: reported, durationMs: milliseconds), reported.count)
        return output
    }

    /// Runs a stage that streams its diagnostics to disk (they are named with their stages there): they are
    /// recorded from the tally it returns. Such a stage reports none through its log (the tables they would
    /// join are written before it runs).
    mutating func step<S: Stage>(_ stage: S, _ input: S.Input, streaming tally: (S.Output) -> DiagnosticTally) -> S.Output
    where S.Output: StageCounts {
        let (output, log, milliseconds) = run(stage, input)
        assert(log.entries.isEmpty, "\(S.name) streams its diagnostics; its log would be lost")
        let tally = tally(output)
        record(RunManifest.StageEntry(name: S.name, counts: output.counts, tally: tally, durationMs: milliseconds), tally.total)
        return output
    }

    private func run<S: Stage>(_ stage: S, _ input: S.Input) -> (S.Output, DiagnosticLog, Int) {
        progress?(S.name)
        var log = DiagnosticLog()
        let start = clock.now
        let output = stage.run(input, diagnostics: &log)
        let elapsed = clock.now - start
        return (output, log, Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
    }

    private mutating func record(_ entry: RunManifest.StageEntry, _ diagnosticCount: Int) {
        entries.append(entry)
        let counts = entry.counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        logger.info("\(entry.name): \(counts) (\(diagnosticCount) diagnostics, \(entry.durationMs) ms)")
    }
}
