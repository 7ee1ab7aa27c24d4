/// Counts of diagnostics by severity and code, with where each code was first seen, plus the first few
/// diagnostics in full: what the summary and the exit status need, in constant memory however many
/// diagnostics a run produces (all of them go to diagnostics.csv).
public struct DiagnosticTally: Sendable, Hashable {
    /// One (severity, code) line of the tally.
    public struct Entry: Sendable, Hashable {
        /// The severity.
        public var severity: Severity
        /// The code.
        public var code: String
        /// How many diagnostics had it.
        public var count: Int
        /// The first of them, in output order.
        public var first: SourceLocation?
    }

    /// Counts by severity.
    public private(set) var bySeverity: [Severity: Int] = [:]
    /// Entries by `severity/code`.
    public private(set) var entries: [String: Entry] = [:]
    /// The first `keep` diagnostics, in the order added.
    public private(set) var listed: [Diagnostic] = []
    /// How many diagnostics are kept in full.
    public let keep: Int

    /// An empty tally keeping the first `keep` diagnostics in full.
    public init(keep: Int = 200) {
        self.keep = keep
    }

    /// Counts one diagnostic.
    public mutating func add(_ diagnostic: Diagnostic) {
        bySeverity[diagnostic.severity, default: 0] += 1
        let key = "\(diagnostic.severity.rawValue)/\(diagnostic.code)"
        if entries[key] == nil {
            entries[key] = Entry(severity: diagnostic.severity, code: diagnostic.code, count: 0, first: diagnostic.location)
        }
        entries[key]!.count += 1
        if listed.count < keep { listed.append(diagnostic) }
    }

    /// Adds another tally that comes after this one in output order.
    public mutating func append(_ other: DiagnosticTally) {
        for (severity, count) in other.bySeverity { bySeverity[severity, default: 0] += count }
        for (key, entry) in other.entries {
            if entries[key] == nil { entries[key] = Entry(severity: entry.severity, code: entry.code, count: 0, first: entry.first) }
            entries[key]!.count += entry.count
        }
        listed += other.listed.prefix(max(0, keep - listed.count))
    }

    /// How many diagnostics were counted.
    public var total: Int { bySeverity.values.reduce(0, +) }

    /// How many had the given severity.
    public func count(_ severity: Severity) -> Int { bySeverity[severity] ?? 0 }

    /// Entries, errors first, then by code.
    public var sortedEntries: [Entry] {
        entries.values.sorted { ($1.severity, $0.code) < ($0.severity, $1.code) }
    }
}
