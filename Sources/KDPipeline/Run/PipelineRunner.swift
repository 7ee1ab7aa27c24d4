import Foundation
import KDCore
import KDIngest
import KDReports
import KDStore
import KDTransforms
import Logging

/// Runs a pipeline: the stage list below, top to bottom, then publishing.
public struct PipelineRunner: Sendable {
    /// The pipeline to run.
    public var config: PipelineConfig
    /// Where progress goes; the caller owns it.
    public var logger: Logger
    /// The clock for `started_at` (injected so tests can fix it).
    public var now: @Sendable () -> Date
    /// Told the name of each stage as it starts (the command shows it on a terminal).
    public var progress: (@Sendable (String) -> Void)?

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
        let discovery = InputDiscovery(excluding: InputDiscovery.outputFolders(of: config))
        let contextFiles = try discovery.files(for: config.context)
        let contextPaths = Set(contextFiles.map(\.path))
        // When the knowledge base is to tell what is new, every input is hashed first; otherwise IATI files
        // (read whole in any case) are hashed on a thread of their own while they are read.
        let compares = config.databasePath.map { !config.full && FileManager.default.fileExists(atPath: $0) } ?? false
        var inputs = try discovery.files(for: config.inputs, hashing: compares).filter { !contextPaths.contains($0.path) }
        // Input folders that hold no file at all (a share not mounted, a copy that failed) stop the run here,
        // as a pattern that matches nothing does: an empty report published over the last one would hide the
        // fault until someone read it.
        guard !inputs.isEmpty else {
            throw PipelineError(path: config.inputs.map(\.path).joined(separator: ", "), reason: .noInputFiles)
        }
        let catalogue = try config.catalogue.map { path throws(PipelineError) in try IndicatorCatalogue.load(path: path) } ?? .empty
        let taxonomy = try config.taxonomy.map { path throws(PipelineError) in try LessonTaxonomy.load(path: path) } ?? .empty
        let stamp = ISO8601DateFormatter().string(from: startedAt)
        let (lock, publisher) = try openOutput(stamp: stamp)
        defer { withExtendedLifetime(lock) {} }
        // With every input hashed already, the fingerprint can be taken now; otherwise once the IATI inputs are.
        let knownFingerprint = compares ? try Self.fingerprint(config: config, files: inputs + contextFiles) : nil
        let (knowledgeBase, cache, unchanged) = try openKnowledgeBase(
            fingerprint: knownFingerprint, inputs: inputs, stamp: stamp, compares: compares)
        if let unchanged { return unchanged }
        var (iatiFiles, nativeFiles) = Self.lanes(inputs)
        logger.info("\(config.name): \(inputs.count) input files (\(iatiFiles.count) IATI)")
        var digests: [String: (size: Int, sha256: String)] = [:]
        var iatiDigests: Background<[String: (size: Int, sha256: String)]>?
        if !compares {
            digests = try InputDiscovery.digests(of: InputDiscovery.readable(nativeFiles))
            nativeFiles = InputDiscovery.hashed(nativeFiles, digests)
            let paths = iatiFiles.map(\.path)
            iatiDigests = Background { () throws(PipelineError) in try InputDiscovery.digests(of: paths) }
        }

        var trace = StageTrace(logger: logger, progress: progress)
        let series = trace.step(ContextLoadStage(series: config.contextSeries), contextFiles)
        // Native lane: reports, register and tables, small enough to hold and join.
        var batch = Batch(inputs: nativeFiles)
        batch = trace.step(ParseStage(cache: cache), batch)
        batch = trace.step(NormalizeStage(), batch)
        batch = trace.step(MergeStage(), batch)
        batch = trace.step(CatalogueStage(catalogue: catalogue), batch)
        batch = trace.step(IndicatorsStage(bands: config.bands), batch)
        batch = trace.step(ContextStage(), .init(batch: batch, series: series))
        batch = trace.step(LessonsStage(), batch)
        batch = trace.step(ClassifyStage(taxonomy: taxonomy), batch)
        let portfolio = trace.step(AggregateStage(), batch)
        let nativeDiagnostics = trace.diagnostics.sorted()
        // IATI lane: activities stream through normalize and indicators to the CSV tables, which start with
        // the native lane's rows.
        let sinks = try TableSinks(
            staging: publisher.staging, tables: RenderStage.tables(batch, nativeDiagnostics: nativeDiagnostics))
        var iati = trace.step(
            IATIStage(
                workFolder: publisher.staging, sinks: sinks, normalize: NormalizeStage(),
                catalogue: CatalogueStage(catalogue: catalogue),
                indicators: IndicatorsStage(bands: config.bands), series: series, lessons: LessonsStage(),
                classify: ClassifyStage(taxonomy: taxonomy),
                keepListed: config.diagnosticsListed, pieceBytes: config.iatiPieceBytes,
                spoolBytes: config.iatiSpoolBytes),
            iatiFiles, streaming: \.tally)
        if let failure = iati.failure { throw failure }
        try sinks.close()
        // The lessons of the reports and tables and those of the IATI activities are grouped together: a lesson
        // may recur in an action and in another donor's activity.
        let iatiLessons: [Lesson]
        (batch, iatiLessons) = Self.grouped(
            batch, with: iati.lessons, by: SynthesisStage(threshold: config.lessonSimilarity, equivalents: Equivalents(taxonomy.equivalents)),
            trace: &trace)
        // The grouped copies stand for the lane's kept lessons from here: they are not held twice.
        iati.lessons = []
        try sinks.finish(lessons: TableWriters.lessons(batch.lessons + iatiLessons))
        if let iatiDigests {
            digests.merge(try iatiDigests.wait()) { _, iati in iati }
            inputs = InputDiscovery.hashed(inputs, digests)
        }
        let fingerprint: String
        if let knownFingerprint { fingerprint = knownFingerprint } else {
            fingerprint = try Self.fingerprint(config: config, files: inputs + contextFiles)
        }

        var tally = DiagnosticTally(keep: config.diagnosticsListed)
        for diagnostic in nativeDiagnostics { tally.add(diagnostic) }
        tally.append(iati.tally)
        let rejected = batch.rejected + iati.rejected
        var formats = batch.formats
        for file in iatiFiles { formats[file.displayPath] = .iati }
        for file in contextFiles { formats[file.displayPath] = .context }
        let summary = SummaryInput(
            inputs: inputs + contextFiles, rejected: rejected, batch: batch, portfolio: portfolio, iati: iati.portfolio, diagnostics: tally,
            codeNames: series.codeNames, iatiLessons: iatiLessons)
        let writer = SummaryWriter(
            pipelineName: config.name, version: KDPipeVersion.current, diagnosticsListed: config.diagnosticsListed,
            hasCatalogue: config.catalogue != nil, themeLabels: taxonomy.themeLabels, addresseeLabels: taxonomy.addresseeLabels,
            hasTaxonomy: config.taxonomy != nil)
        let rendered = trace.step(RenderStage(summary: writer), .init(summary: summary, written: TableSinks.names))
        var files = rendered.files
        let outputs = (rendered.names + ["run.json"]).sorted()

        let exitStatus = Self.exitStatus(for: tally, strict: config.strict)
        let elapsed = clock.now - start
        let manifest = RunManifest(
            kdpipeVersion: KDPipeVersion.current, libxml2Version: XMLLibrary.version, pipeline: config.name,
            startedAt: stamp,
            durationMs: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
            exitStatus: exitStatus.rawValue, inputs: inputs + contextFiles, formats: formats, rejected: rejected, stages: trace.entries,
            outputs: outputs, diagnostics: tally)
        do { files.append(try manifest.file()) } catch {
            throw PipelineError(path: config.output, reason: .io("cannot encode run.json: \(error)"))
        }
        if iati.lessonsNotKept > 0 {
            logger.warning("""
                \(iati.lessonsNotKept) lessons of IATI activities are rows of lessons.csv, after the others, but were not \
                grouped or recorded in the knowledge base: a run keeps the first \(IATIStage.lessonsKept) (at most \
                \(IATIStage.lessonsKeptPerPiece) of each file or piece)
                """)
        }
        try publisher.publish(files, staged: TableSinks.names)
        logger.info("published \(outputs.count) files to \(config.output)")
        // Recorded once the report is published: a run whose report could not be published must not be taken
        // for the report's run, or the next run would find 'nothing new' and leave the old report in place.
        if let database = config.databasePath {
            do {
                try (knowledgeBase ?? KnowledgeBase(path: database)).record(
                    pipeline: config.name, startedAt: stamp, finishedAt: ISO8601DateFormatter().string(from: now()),
                    exitStatus: Int(exitStatus.rawValue), inputs: inputs + contextFiles, batch: batch,
                    indicatorPeriods: portfolio.indicatorPeriods + iati.portfolio.indicatorPeriods, lessons: iatiLessons, tally: tally,
                    fingerprint: fingerprint, build: KDPipeVersion.build, keptParses: Set(cache.keys),
                    themeLabels: taxonomy.themeLabels, equivalents: taxonomy.equivalents)
            } catch {
                throw PipelineError(path: database, reason: .io("cannot record the run in the knowledge base: \(Self.describe(error))"))
            }
            logger.info("recorded the run in \(database)")
        }
        return RunResult(
            exitStatus: exitStatus, diagnostics: tally.listed, tally: tally, outputs: outputs, batch: batch,
            portfolio: portfolio, iati: iati.portfolio)
    }

    /// Makes the output folder (and the knowledge base's) when missing, takes the output's lock, and readies the
    /// publisher: a folder that holds something other than kdpipe's reports is refused before any input is parsed.
    private func openOutput(stamp: String) throws(PipelineError) -> (RunLock, Publisher) {
        /// Makes the folder `path` is in, when missing.
        func makeFolder(of path: String, _ what: String) throws(PipelineError) {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw PipelineError(path: folder, reason: .io("cannot create \(what): \(error.localizedDescription)"))
            }
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: config.output, isDirectory: &isFolder), !isFolder.boolValue {
            throw PipelineError(path: config.output, reason: .configuration("this output is a file; a report is a folder of files, so name a folder"))
        }
        try makeFolder(of: config.output, "the output folder")
        // The knowledge base's folder too, now: found missing only when the run is recorded, after the report
        // is published, it would fail a run that did all its work.
        if let database = config.databasePath { try makeFolder(of: database, "the knowledge base's folder") }
        let lock = try RunLock(path: RunLock.path(for: config.output), startedAt: stamp)
        try Publisher.checkReplacesOnlyAReport(in: config.output)
        return (lock, try Publisher(output: config.output, keepRuns: config.keepRuns, stamp: stamp))
    }

    /// Opens the knowledge base when there is one, and takes from it the parses of unchanged inputs (not with
    /// --full). When nothing at all changed since the last run (`fingerprint`, known when every input was
    /// hashed first), the published report is still current: the run is recorded as such and its result
    /// returned, and the report is left as it is. A knowledge base that cannot be opened (damaged, not SQLite,
    /// unreadable) stops the run here, before anything is published, with --full too; the one opened here
    /// records the run at the end.
    private func openKnowledgeBase(
        fingerprint: String?, inputs: [InputFile], stamp: String, compares: Bool
    ) throws(PipelineError) -> (KnowledgeBase?, cache: [String: FileParse], unchanged: RunResult?) {
        guard let database = config.databasePath, FileManager.default.fileExists(atPath: database) else { return (nil, [:], nil) }
        do {
            let base = try KnowledgeBase(path: database)
            if let fingerprint, let last = try base.lastRun(withFingerprint: fingerprint),
               FileManager.default.fileExists(atPath: (config.output as NSString).appendingPathComponent("summary.md")),
               let status = ExitStatus(rawValue: Int32(last.exitStatus)) {
                let run = try base.recordUnchanged(
                    last, startedAt: stamp, finishedAt: ISO8601DateFormatter().string(from: now()), fingerprint: fingerprint)
                logger.info("nothing new since run \(last.id); the report is unchanged (run \(run) recorded)")
                let result = RunResult(
                    exitStatus: status, diagnostics: [], tally: DiagnosticTally(), outputs: [], batch: Batch(inputs: inputs),
                    portfolio: Portfolio(), iati: IATIPortfolio(), unchangedSince: last.id)
                return (base, [:], result)
            }
            return (base, compares ? try base.cachedParses(for: inputs, build: KDPipeVersion.build) : [:], nil)
        } catch {
            throw PipelineError(path: database, reason: .io("cannot read the knowledge base: \(Self.describe(error))"))
        }
    }

    /// A knowledge base's error as the run reports it: with what to do when the file is damaged or no SQLite
    /// database at all, which no later run mends by itself.
    static func describe(_ error: any Error) -> String {
        guard KnowledgeBase.isDamaged(error) else { return "\(error)" }
        return "\(error); the file is damaged or not a knowledge base: move it aside and the next run builds a new one "
            + "(the runs it recorded stay in the old file, and every input is read again)"
    }

    /// What decides the report besides the code: every input's SHA-256 and name, the catalogue and taxonomy
    /// files, the options, and kdpipe's version.
    static func fingerprint(config: PipelineConfig, files: [InputFile]) throws(PipelineError) -> String {
        var parts = files.map(FileParse.key).sorted()
        for path in [config.catalogue, config.taxonomy].compactMap({ $0 }) {
            do { parts.append("\(path) \(try InputDiscovery.digest(path: path).1)") } catch {
                throw PipelineError(path: path, reason: .io("cannot read: \(error)"))
            }
        }
        let bands = config.bands
        parts.append("\(config.name) \(config.strict) \(bands.achieved) \(bands.largelyAchieved) \(bands.partlyAchieved)")
        parts.append("\(config.diagnosticsListed) \(config.lessonSimilarity) \(config.output) \(KDPipeVersion.build)")
        if let series = config.contextSeries { parts.append("context series: \(series.joined(separator: " "))") }
        return InputDiscovery.digest(text: parts.joined(separator: "\n"))
    }

    /// Groups the lessons of `batch` and `iatiLessons` together (`synthesis`); gives back the batch with its
    /// lessons' groups and every group, and the IATI lessons with theirs.
    static func grouped(
        _ batch: Batch, with iatiLessons: [Lesson], by synthesis: SynthesisStage, trace: inout StageTrace
    ) -> (Batch, [Lesson]) {
        var all = batch
        all.lessons += iatiLessons
        all = trace.step(synthesis, all)
        var result = batch
        result.lessons = Array(all.lessons.prefix(batch.lessons.count))
        result.clusters = all.clusters
        return (result, Array(all.lessons.dropFirst(batch.lessons.count)))
    }

    /// IATI files (declared, or whose root is `<iati-activities>`) and the others, each in input order.
    static func lanes(_ inputs: [InputFile]) -> (iati: [InputFile], native: [InputFile]) {
        var iati: [InputFile] = []
        var native: [InputFile] = []
        for file in inputs {
            let isIATI = file.refusal == nil && (file.declaredFormat == .iati
                || (file.declaredFormat == nil && InputSniffer.sniff(path: file.path) == .xml(root: "iati-activities")))
            if isIATI { iati.append(file) } else { native.append(file) }
        }
        return (iati, native)
    }

    /// 65 when any diagnostic is an error (or a warning, with `strict`), otherwise 0.
    public static func exitStatus(for diagnostics: [Diagnostic], strict: Bool) -> ExitStatus {
        let threshold: Severity = strict ? .warning : .error
        return diagnostics.contains { $0.severity >= threshold } ? .dataErrors : .clean
    }

    /// The same decision from a tally.
    public static func exitStatus(for tally: DiagnosticTally, strict: Bool) -> ExitStatus {
        tally.count(.error) > 0 || (strict && tally.count(.warning) > 0) ? .dataErrors : .clean
    }
}
