/// Collects the diagnostics a reader or stage reports, in the order reported.
public struct DiagnosticLog: Sendable {
    /// Everything reported so far.
    public private(set) var entries: [Diagnostic] = []

    /// An empty log.
    public init() {}

    /// Records one diagnostic.
    public mutating func report(_ diagnostic: Diagnostic) {
        entries.append(diagnostic)
    }

    /// Records a diagnostic built from its parts.
    public mutating func report(
        _ severity: Severity, _ code: String, _ message: String,
        at location: SourceLocation? = nil, record: String? = nil
    ) {
        entries.append(Diagnostic(severity, code, message, at: location, record: record))
    }

    /// Records all of another log's diagnostics.
    public mutating func append(contentsOf other: DiagnosticLog) {
        entries.append(contentsOf: other.entries)
    }

    /// How many diagnostics have the given severity.
    public func count(_ severity: Severity) -> Int {
        entries.count { $0.severity == severity }
    }
}
