import Foundation
import KDCore
import KDIngest
import KDReports
import KDTransforms
import Logging

/// What a run produced.
public struct RunResult: Sendable {
    /// The exit status the run calls for.
    public var exitStatus: ExitStatus
    /// Every diagnostic, sorted.
    public var diagnostics: [Diagnostic]
    /// The files written to the output folder.
    public var files: [ReportFile]
    /// The records after the last stage.
    public var batch: Batch
    /// The portfolio figures.
    public var portfolio: Portfolio
}

/// Runs a pipeline: the stage list below, top to bottom, then publishing.
public struct PipelineRunner: Sendable {
    /// The pipeline to run.
    public var config: PipelineConfig
    /// Where progress goes; the caller owns it.
    public var logger: Logger
    /// The clock for `started_at` (injected so tests can fix it).
    public var now: @Sendable () -> Date

    /// Creates a runner.
    public init(config: PipelineConfig, logger: Logger, now: @escaping @Sendable () -> Date = Date.init) {
        self.config = config
        self.logger = logger
        self.now = now
    }

    /// Runs every stage and publishes the report. Throws only for whole-run faults.
    public func run() throws(PipelineError) -> RunResult {
        let startedAt = now()
        let clock = ContinuousClock()
        let start = clock.now
        let inputs = try InputDiscovery().files(for: config.inputs)
        logger.info("\(config.name): \(inputs.count) input files")

        var trace = StageTrace(logger: logger)
        var batch = Batch(inputs: inputs)
        batch = trace.step(ParseStage(), batch)
        batch = trace.step(NormalizeStage(), batch)
        batch = trace.step(MergeStage(), batch)
        batch = trace.step(IndicatorsStage(bands: config.bands), batch)
        batch = trace.step(LessonsStage(), batch)
        let portfolio = trace.step(AggregateStage(), batch)
        let diagnostics = trace.diagnostics.sorted()
        let summary = SummaryWriter(pipelineName: config.name, version: KDPipeVersion.current, diagnosticsListed: config.diagnosticsListed)
        var files = trace.step(RenderStage(summary: summary), .init(batch: batch, portfolio: portfolio, diagnostics: diagnostics))

        let exitStatus = Self.exitStatus(for: diagnostics, strict: config.strict)
        let elapsed = clock.now - start
        let manifest = RunManifest(
            kdpipeVersion: KDPipeVersion.current, libxml2Version: XMLLibrary.version, pipeline: config.name,
            startedAt: ISO8601DateFormatter().string(from: startedAt),
            durationMs: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
            exitStatus: exitStatus.rawValue, batch: batch, stages: trace.entries,
            outputs: (files.map(\.name) + ["run.json"]).sorted(), diagnostics: diagnostics)
        do { files.append(try manifest.file()) } catch {
            throw PipelineError(path: config.output, reason: .io("cannot encode run.json: \(error)"))
        }
        try Publisher(output: config.output).publish(files)
        logger.info("published \(files.count) files to \(config.output)")
        return RunResult(exitStatus: exitStatus, diagnostics: diagnostics, files: files, batch: batch, portfolio: portfolio)
    }

    /// 65 when any diagnostic is an error (or a warning, with `strict`), otherwise 0.
    public static func exitStatus(for diagnostics: [Diagnostic], strict: Bool) -> ExitStatus {
        let threshold: Severity = strict ? .warning : .error
        return diagnostics.contains { $0.severity >= threshold } ? .dataErrors : .clean
    }
}
