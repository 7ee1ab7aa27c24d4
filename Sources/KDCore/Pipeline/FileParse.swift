/// What reading one input file produced: its records and the readers' diagnostics. The knowledge base keeps
/// it under the file's SHA-256, so that an unchanged file is not parsed again and every later stage runs on
/// the same records (an incremental run gives the same report as a full one).
public struct FileParse: Sendable, Hashable, Codable {
    /// The format the file was read as, when it was read at all.
    public var format: InputFormat?
    /// Interventions (reports, register rows).
    public var interventions: [Intervention] = []
    /// Indicator rows.
    public var observations: [IndicatorObservation] = []
    /// Lesson-table rows.
    public var narratives: [NarrativeObservation] = []
    /// Why the file was rejected, when it was.
    public var rejected: RejectedInput?
    /// What the readers reported about the file.
    public var diagnostics: [Diagnostic] = []

    /// The key a file's parse is kept under: its content and the name it is shown by (locations in the
    /// records carry that name).
    public static func key(for file: InputFile) -> String {
        "\(file.sha256) \(file.displayPath)"
    }

    /// An empty parse.
    public init(format: InputFormat? = nil) {
        self.format = format
    }
}
