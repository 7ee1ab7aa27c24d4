import KDCore
import KDIngest

/// What a pipeline file says: what to run on, where to write, and with which options.
///
/// How each stage works stays in Swift; a pipeline only chooses inputs, output and options.
public struct PipelineConfig: Sendable, Equatable {
    /// One input entry: a file, a folder (read recursively) or a glob, with an optional format.
    public struct Input: Sendable, Equatable {
        /// The path as resolved (relative paths in a pipeline file are relative to that file's folder).
        public var path: String
        /// The format, or nil to detect it from the content.
        public var format: InputFormat?

        /// Creates an entry.
        public init(path: String, format: InputFormat? = nil) {
            self.path = path
            self.format = format
        }
    }

    /// The pipeline's name, shown in the summary.
    public var name: String
    /// Inputs in the order given.
    public var inputs: [Input]
    /// The output folder.
    public var output: String
    /// Treat warnings as errors for the exit status.
    public var strict: Bool
    /// Achievement bands.
    public var bands: AchievementBands
    /// How many diagnostics the summary lists in full.
    public var diagnosticsListed: Int
    /// The indicator catalogue file, when one is named.
    public var catalogue: String?
    /// The lesson taxonomy file, when one is named.
    public var taxonomy: String?
    /// Cosine similarity from which two lessons are grouped as saying the same thing.
    public var lessonSimilarity = 0.35
    /// How many published runs to keep (0: the report is written in place in the output folder; N ≥ 1: each
    /// run gets its own folder beside it and the output path is a link switched atomically to the newest).
    public var keepRuns = 0
    /// Parse every input again instead of taking unchanged ones from the knowledge base.
    public var full = false
    /// The knowledge base: a SQLite file; nil for the default (`<output>.sqlite` beside the output folder);
    /// `none` for no knowledge base.
    public var database: String?

    /// The knowledge base file this pipeline uses, or nil when it uses none.
    public var databasePath: String? {
        if database == "none" { return nil }
        return database ?? output + ".sqlite"
    }
    /// National context files (WDI and ILOSTAT series, WDI metadata, IATI codelists): files, folders or globs.
    public var context: [Input] = []
    /// The context series put beside each action (`SI.POV.GINI`, matched without regard to case); nil for
    /// every series the context files hold.
    public var contextSeries: [String]?
    /// The size from which an IATI file is read in pieces side by side (see `IATIPieces`); not a pipeline
    /// setting: the outputs are the same whatever it is, which the tests check with small pieces.
    public var iatiPieceBytes = IATIPieces.defaultPieceBytes
    /// The rows of one IATI file or piece held in memory per table before they spill to a working file (see
    /// `RowSpool`); not a pipeline setting either.
    public var iatiSpoolBytes = RowSpool.defaultSpillBytes

    /// Creates a configuration.
    public init(
        name: String, inputs: [Input], output: String, strict: Bool = false,
        bands: AchievementBands = .standard, diagnosticsListed: Int = 200
    ) {
        self.name = name
        self.inputs = inputs
        self.output = output
        self.strict = strict
        self.bands = bands
        self.diagnosticsListed = diagnosticsListed
    }
}
