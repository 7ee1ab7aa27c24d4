/// How serious a finding about the data is.
public enum Severity: String, Sendable, Comparable, CaseIterable, Codable {
    case note, warning, error

    /// The severity's place in `allCases`, which is also its rank.
    var index: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.index < rhs.index }
}

/// Where in an input a finding was made: the file relative to its input root, 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
    /// The file, relative to the input root it was found under.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, in characters, when known (libxml2's reader gives none for elements: native reports'
    /// findings have none; IATI elements' are where their start tag ends).
    public var column: Int?

    /// Creates a location.
    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The same file at another line and column.
    public func at(line: Int?, column: Int? = nil) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    /// `file:line:col`, leaving out what is unknown.
    public var description: String {
        var text = file
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line ?? 0, lhs.column ?? 0) < (rhs.file, rhs.line ?? 0, rhs.column ?? 0)
    }
}

/// A finding about the input data: it never stops the run, it is reported.
public struct Diagnostic: Sendable, Hashable, Codable {
    /// How serious it is.
    public var severity: Severity
    /// A stable code such as `XML-001`, documented in the README.
    public var code: String
    /// A human sentence saying what was found and what was expected.
    public var message: String
    /// Where it was found.
    public var location: SourceLocation?
    /// The stage that reported it, added by the runner.
    public var stage: String?
    /// The record concerned (an intervention id, an indicator), when there is one.
    public var recordID: String?

    /// Creates a diagnostic. A message or record longer than `maximumText` characters keeps its start and its
    /// end, its middle cut (`Format.shortened`).
    public init(
        _ severity: Severity, _ code: String, _ message: String,
        at location: SourceLocation? = nil, record recordID: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = Format.shortened(message, to: Self.maximumText)
        self.location = location
        self.recordID = recordID.map { Format.shortened($0, to: Self.maximumText) }
    }

    /// The most characters of a message or a record kept. Messages quote the inputs, and the first
    /// diagnostics are kept to the end of the run for the summary: a hostile file of 300 values of 900 KB,
    /// each quoted by a warning, gave a 90 MB summary and took 708 MB.
    public static let maximumText = 1_000

    /// The line printed on standard error: `path:line:col: warning: [CODE] message`, one line whatever the
    /// inputs held (`controlsSpelledOut`).
    public var formatted: String {
        let place = location.map { "\($0.description): " } ?? ""
        let record = recordID.map { " (\($0))" } ?? ""
        return "\(place)\(severity.rawValue): [\(code)] \(message)\(record)".controlsSpelledOut
    }
}

extension Diagnostic: Comparable {
    /// Diagnostics sort by file, line, column, code and message, so every output lists them in one order.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        let left = lhs.location ?? SourceLocation(file: "")
        let right = rhs.location ?? SourceLocation(file: "")
        if left != right { return left < right }
        return (lhs.code, lhs.message, lhs.recordID ?? "") < (rhs.code, rhs.message, rhs.recordID ?? "")
    }
}
