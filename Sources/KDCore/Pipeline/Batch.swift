/// An input file as found by the pipeline, named relative to its input root.
public struct InputFile: Sendable, Hashable {
    /// The path used to open the file.
    public var path: String
    /// The path shown in reports and diagnostics: relative to the folder holding the input entry.
    public var displayPath: String
    /// The format given in the pipeline, or nil to detect it from the content.
    public var declaredFormat: InputFormat?
    /// Size in bytes.
    public var size: Int
    /// SHA-256 of the content, lower-case hex.
    public var sha256: String
    /// Why the file, found among the inputs, is not to be read but rejected with a diagnostic; nil for a file
    /// to read.
    public var refusal: Refusal?

    /// Why a file found among the inputs is rejected rather than read.
    public enum Refusal: Sendable, Hashable {
        /// Its name (or a folder's, with a `/` at the end of `path`) is not valid UTF-8: its path and display
        /// path show the name's bytes that are not UTF-8 as U+FFFD, so it cannot be opened by them (`INP-003`).
        case nameIsNotUTF8
        /// It is a symbolic link to nothing, or to something neither a file nor a folder (`INP-004`).
        case linkLeadsNowhere
        /// It is a spreadsheet (`.xlsx`, `.xls`, `.ods`…), which kdpipe does not read: its tables are read from
        /// CSV (`INP-005`).
        case spreadsheet
        /// It is an archive (`.zip`, `.gz`…), whose files kdpipe reads once extracted (`INP-005`).
        case archive
    }

    /// Creates an input file.
    public init(path: String, displayPath: String, declaredFormat: InputFormat? = nil, size: Int = 0, sha256: String = "") {
        self.path = path
        self.displayPath = displayPath
        self.declaredFormat = declaredFormat
        self.size = size
        self.sha256 = sha256
    }
}

/// The kinds of input kdpipe reads.
public enum InputFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// A native SOCIEUX+ intervention report (XML).
    case report
    /// The intervention register (CSV, one row per action).
    case register
    /// Indicator observations (CSV, one row per action × indicator).
    case indicators
    /// The analysts' lessons table (CSV, one lesson per row with its action code).
    case lessons
    /// IATI activity files (XML, `<iati-activities>`), streamed one activity at a time.
    case iati
    /// National context series (World Bank WDI and ILOSTAT files, and the WDI metadata).
    case context
}

/// An input that could not be used at all, with the reason.
public struct RejectedInput: Sendable, Hashable, Codable {
    /// The file as shown in reports.
    public var file: String
    /// The code of the diagnostic that set it aside, when one did.
    public var code: String?
    /// Why it was set aside.
    public var reason: String

    /// Creates a rejected input.
    public init(file: String, code: String? = nil, reason: String) {
        self.file = file
        self.code = code
        self.reason = reason
    }

    /// The input `error` (its first error) set aside.
    public init(file: String, error: Diagnostic) {
        self.init(file: file, code: error.code, reason: error.message)
    }
}

/// What flows between the stages: every record of the run.
public struct Batch: Sendable, StageCounts {
    /// The input files, sorted by display path.
    public var inputs: [InputFile]
    /// For each input file, the format it was read as.
    public var formats: [String: InputFormat]
    /// Interventions (reports and register rows before merging; one per action after).
    public var interventions: [Intervention]
    /// Indicator rows from tables, before they are attached to their interventions.
    public var observations: [IndicatorObservation]
    /// Lesson rows from tables, before they are attached to their interventions.
    public var narratives: [NarrativeObservation] = []
    /// Lessons, once extracted.
    public var lessons: [Lesson]
    /// Inputs that could not be used.
    public var rejected: [RejectedInput]
    /// National context values attached to the interventions.
    public var context: [ContextRow] = []
    /// Groups of lessons that say the same thing, most recurrent first.
    public var clusters: [LessonCluster] = []
    /// What reading each input produced, by `FileParse.key` (for the knowledge base's cache).
    public var parses: [String: FileParse] = [:]
    /// How many inputs were parsed, and how many were taken unchanged from the knowledge base.
    public var parsedFiles = 0
    public var reusedFiles = 0

    /// An empty batch over the given inputs.
    public init(inputs: [InputFile]) {
        self.inputs = inputs
        self.formats = [:]
        self.interventions = []
        self.observations = []
        self.lessons = []
        self.rejected = []
    }

    /// Interventions, indicator periods, lessons and rejected inputs.
    public var counts: [String: Int] {
        [
            "inputs": inputs.count,
            "interventions": interventions.count,
            "indicator_periods": interventions.reduce(0) { $0 + $1.indicators.reduce(0) { $0 + max(1, $1.periods.count) } }
                + observations.count,
            "lessons": lessons.count,
            "rejected_inputs": rejected.count,
            "context_rows": context.count,
            "files_parsed": parsedFiles,
            "files_reused": reusedFiles,
        ]
    }
}
