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

    /// Counts by severity, indexed by `Severity.allCases`.
    private var severityCounts = [Int](repeating: 0, count: Severity.allCases.count)
    /// One entry per (severity, code), in the order first seen: a run has a few dozen codes at most, so a
    /// list is searched faster than a key is built and hashed.
    public private(set) var entries: [Entry] = []
    /// The first `keep` diagnostics, in the order added.
    public private(set) var listed: [Diagnostic] = []
    /// How many diagnostics are kept in full.
    public let keep: Int

    /// An empty tally keeping the first `keep` diagnostics in full.
    public init(keep: Int = 200) {
        self.keep = keep
    }

    /// Counts by severity (severities without diagnostics left out).
    public var bySeverity: [Severity: Int] {
        var counts: [Severity: Int] = [:]
        for (severity, count) in zip(Severity.allCases, severityCounts) where count > 0 { counts[severity] = count }
        return counts
    }

    /// Counts one diagnostic.
    public mutating func add(_ diagnostic: Diagnostic) {
        count(diagnostic.severity, diagnostic.code, diagnostic.location, times: 1)
        if listed.count < keep { listed.append(diagnostic) }
    }

    /// Adds another tally that comes after this one in output order.
    public mutating func append(_ other: DiagnosticTally) {
        for entry in other.entries { count(entry.severity, entry.code, entry.first, times: entry.count) }
        listed += other.listed.prefix(max(0, keep - listed.count))
    }

    private mutating func count(_ severity: Severity, _ code: String, _ location: SourceLocation?, times: Int) {
        severityCounts[severity.index] += times
        if let index = entries.firstIndex(where: { $0.severity == severity && $0.code == code }) {
            entries[index].count += times
        } else {
            entries.append(Entry(severity: severity, code: code, count: times, first: location))
        }
    }

    /// How many diagnostics were counted.
    public var total: Int { severityCounts.reduce(0, +) }

    /// How many had the given severity.
    public func count(_ severity: Severity) -> Int { severityCounts[severity.index] }

    /// Entries, errors first, then by code.
    public var sortedEntries: [Entry] {
        entries.sorted { ($1.severity, $0.code) < ($0.severity, $1.code) }
    }
}
