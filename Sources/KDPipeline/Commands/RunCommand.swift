import ArgumentParser
import Foundation
import KDCore

/// `kdpipe run`: runs a pipeline and publishes its report.
public struct RunCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: read the inputs, run every stage, publish the report.",
        discussion: """
        Exit status: 0 clean; 65 report written but some records had errors; 64 bad arguments or \
        configuration, or no input file found (nothing ran); 74 fatal I/O, no report published; 75 another run \
        holds the lock.
        """
    )

    @Argument(help: "The pipeline file (YAML). Optional when --input and --output are given.")
    var pipeline: String?

    @Option(name: .long, help: "An input file, folder or glob; repeat it. Replaces the pipeline's inputs.")
    var input: [String] = []

    @Option(name: .long, help: "The output folder. Replaces the pipeline's.")
    var output: String?

    @Option(name: .long, help: "The indicator catalogue (YAML). Replaces the pipeline's.")
    var catalogue: String?

    @Option(name: .long, help: "The lesson taxonomy (YAML). Replaces the pipeline's.")
    var taxonomy: String?

    @Option(name: .long, help: "The knowledge base (SQLite file), or none. Default: <output>.sqlite beside the output.")
    var db: String?

    @Flag(name: .long, help: "Parse every input again, even those unchanged since the last run.")
    var full = false

    @Option(name: .long, help: "A context file or folder (World Bank WDI or ILOSTAT CSV, IATI Sector or Region codelist); repeat it. Added to the pipeline's.")
    var context: [String] = []

    @Option(name: .long, help: "A context series to use (SI.POV.GINI); repeat it. Replaces the pipeline's context_series.")
    var contextSeries: [String] = []

    @OptionGroup var options: OutputOptions

    public init() {}

    public func validate() throws {
        if pipeline == nil && (input.isEmpty || output == nil) {
            throw ValidationError("give a pipeline file, or both --input and --output")
        }
        if contextSeries.contains(where: { $0.collapsedOrNil == nil }) { throw ValidationError("--context-series needs a series code") }
    }

    public func run() throws {
        let logger = try options.makeLogger()
        let config: PipelineConfig
        do { config = try resolvedConfig() } catch {
            options.printError(error.description)
            throw ExitCode(error.exitStatus.rawValue)
        }
        var runner = PipelineRunner(config: config, logger: logger)
        // A one-line progress indicator, on a terminal only (never in cron mail or a log file).
        let showProgress = isatty(STDERR_FILENO) == 1 && !options.quiet && options.logFormat == "text"
        if showProgress {
            runner.progress = { stage in
                FileHandle.standardError.write(Data("\r\u{1B}[Kkdpipe: \(stage)…".utf8))
            }
        }
        let clearProgress = { if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }
        let result: RunResult
        do {
            result = try runner.run()
            clearProgress()
        } catch {
            clearProgress()
            options.printError(error.description)
            throw ExitCode(error.exitStatus.rawValue)
        }
        if let since = result.unchangedSince {
            if !(options.quiet && result.exitStatus == .clean) {
                options.write(
                    "\(config.name): nothing new since run \(since); the report in \(config.output) is unchanged (exit \(result.exitStatus.rawValue))",
                    fields: ["exit": String(result.exitStatus.rawValue)])
            }
            if result.exitStatus != .clean { throw ExitCode(result.exitStatus.rawValue) }
            return
        }
        options.print(result.diagnostics, tally: result.tally)
        if !(options.quiet && result.exitStatus == .clean) {
            let counts = result.batch.counts
            var line = "\(config.name): \(Format.counted(counts["interventions"] ?? 0, "intervention"))"
            if result.iati.activities > 0 { line += ", \(Format.counted(result.iati.activities, "IATI activity", "IATI activities"))" }
            line += ", \(Format.counted(result.portfolio.indicatorPeriods + result.iati.indicatorPeriods, "indicator period")), "
                + "\(Format.counted(counts["lessons"] ?? 0, "lesson")); \(OutputOptions.counts(result.tally)); "
                + "report in \(config.output) (exit \(result.exitStatus.rawValue))"
            options.write(line, fields: ["exit": String(result.exitStatus.rawValue)])
        }
        if result.exitStatus != .clean { throw ExitCode(result.exitStatus.rawValue) }
    }

    /// The pipeline file's configuration with the command line's replacements applied.
    func resolvedConfig() throws(PipelineError) -> PipelineConfig {
        let cwd = FileManager.default.currentDirectoryPath
        var config = try pipeline.map { path throws(PipelineError) in try PipelineConfig.load(path: path) }
            ?? PipelineConfig(name: "adhoc", inputs: [], output: "")
        if !input.isEmpty {
            config.inputs = input.map { PipelineConfig.Input(path: PipelineConfig.resolve($0, base: cwd)) }
        }
        if let output { config.output = PipelineConfig.resolve(output, base: cwd) }
        if let catalogue { config.catalogue = PipelineConfig.resolve(catalogue, base: cwd) }
        if let taxonomy { config.taxonomy = PipelineConfig.resolve(taxonomy, base: cwd) }
        config.full = full
        if let db { config.database = db == "none" ? "none" : PipelineConfig.resolve(db, base: cwd) }
        config.context += context.map { PipelineConfig.Input(path: PipelineConfig.resolve($0, base: cwd)) }
        if !contextSeries.isEmpty { config.contextSeries = contextSeries }
        if options.strict { config.strict = true }
        return config
    }
}
