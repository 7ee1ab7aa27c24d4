import KDCore

/// A row of a table, with its cells looked up by canonical column name.
public struct TableRow: Sendable {
    /// The cells as read.
    public var cells: [String]
    /// 1-based line where the row starts.
    public var line: Int
    let indices: [String: Int]

    /// The trimmed cell of a column, or nil when the column is absent or the cell empty.
    public subscript(_ column: String) -> String? {
        guard let index = indices[column], index < cells.count else { return nil }
        return cells[index].collapsingWhitespace.nonEmpty
    }
}

/// Reads a CSV table whose header names one of the known schemas, one row at a time.
public struct TableReader: Sendable {
    /// The most rows read of one table (a register has a row per action: hundreds).
    public static let maximumRows = 100_000

    /// Creates a table reader.
    public init() {}

    /// Reads the header and every row of `file`, handing each well-formed row to `body`.
    ///
    /// Returns the schema the header matched, or nil (with a diagnostic) when the file is not a table
    /// kdpipe knows. Ragged rows and syntax problems are reported with their line and skipped.
    @discardableResult
    public func read(
        _ file: InputFile, expecting format: InputFormat? = nil, diagnostics: inout DiagnosticLog,
        _ body: (TableRow, TableSchema, NumberStyle) -> Void
    ) -> TableSchema? {
        let place = SourceLocation(file: file.displayPath)
        guard let csv = Self.open(file, at: place, diagnostics: &diagnostics) else { return nil }
        defer { Self.report(csv, place: place, diagnostics: &diagnostics) }
        guard let header = csv.next() else {
            diagnostics.report(.warning, "CSV-010", "the file is empty; expected a header row", at: place)
            return nil
        }
        let headerKeys = header.fields.map(TableSchema.headerKey)
        let keys = Set(headerKeys)
        /// Refuses the table; a World Bank file is said to be a context file given as an input (`INP-002`, as
        /// one declared `format: context` is), rather than a table that names none of the known ones.
        func refuse(_ code: String, _ message: String) -> TableSchema? {
            if let context = ContextReader.contextFile(firstRow: headerKeys) {
                ContextReader.reportGivenAsInput(context, at: place.at(line: header.line), diagnostics: &diagnostics)
            } else {
                diagnostics.report(.error, code, message, at: place.at(line: header.line))
            }
            return nil
        }
        let candidates = format.map { wanted in TableSchema.all.filter { $0.format == wanted } } ?? TableSchema.all
        guard let schema = TableSchema.matching(keys, among: candidates) else {
            return refuse(
                "CSV-007",
                "the header names none of the known tables (an intervention register needs 'action_code'; indicator observations need 'action_code' and 'indicator_title')")
        }
        let indices = schema.indices(of: header.fields)
        let missing = schema.columns.filter { $0.required && indices[$0.name] == nil }.map(\.name)
        guard missing.isEmpty else {
            return refuse("CSV-005", "the header lacks the required column(s) \(missing.joined(separator: ", ")) of the \(schema.format.rawValue) table")
        }
        let width = header.fields.count
        let style: NumberStyle = switch csv.delimiter {
        case UInt8(ascii: ";"): .commaDialect
        case UInt8(ascii: ","): .pointDialect
        default: .unknown
        }
        var rows = 0
        while let record = csv.next() {
            if record.fields.allSatisfy({ $0.collapsingWhitespace.isEmpty }) { continue }
            // The native lane holds every record of a run, so a table without end would hold the file.
            guard rows < Self.maximumRows else {
                diagnostics.report(
                    .warning, "CSV-012",
                    "the table has more than the \(Format.thousands(Self.maximumRows)) rows kdpipe reads of one table; the rows from this one on were not read",
                    at: place.at(line: record.line))
                break
            }
            rows += 1
            guard record.fields.count == width else {
                diagnostics.report(
                    .error, "CSV-001",
                    "row has \(record.fields.count) fields; the header has \(width); the row was not used",
                    at: place.at(line: record.line))
                continue
            }
            body(TableRow(cells: record.fields, line: record.line, indices: indices), schema, style)
        }
        return schema
    }

    /// The CSV reader of `file`, or nil (reported) when it cannot be opened (`CSV-009`) or is UTF-16 text,
    /// which the CSV reader does not read (`CSV-008`: Excel's "Unicode text"). The table and context readers open
    /// their files so.
    static func open(_ file: InputFile, at place: SourceLocation, diagnostics: inout DiagnosticLog) -> CSVReader? {
        guard let csv = CSVReader(path: file.path) else {
            diagnostics.report(.error, "CSV-009", "cannot open the file for reading", at: place)
            return nil
        }
        guard !csv.isUTF16 else {
            diagnostics.report(.error, "CSV-008", "the file is UTF-16 text; save it as UTF-8 (or Windows-1252) CSV", at: place.at(line: 1))
            return nil
        }
        return csv
    }

    /// Reports what the CSV reader found wrong with the file's syntax (the context reader reports the same).
    static func report(_ csv: CSVReader, place: SourceLocation, diagnostics: inout DiagnosticLog) {
        for issue in csv.issues {
            switch issue.kind {
            case .strayQuote:
                diagnostics.report(
                    .warning, "CSV-002", "a quote inside an unquoted field was kept as a character (RFC 4180 expects the field to be quoted)",
                    at: place.at(line: issue.line))
            case .unterminatedQuote:
                diagnostics.report(
                    .error, "CSV-003", "a quoted field is never closed; the file ends inside it",
                    at: place.at(line: issue.line))
            case .oversizedRow:
                diagnostics.report(
                    .error, "CSV-011",
                    "a row of more than \(Format.thousands(CSVReader.maximumRowBytes)) bytes or \(Format.thousands(CSVReader.maximumFields)) fields (a quote never closed, or not a table); the row was not used",
                    at: place.at(line: issue.line))
            }
        }
        if let line = csv.windows1252Line {
            diagnostics.report(
                .note, "CSV-004", "text is not UTF-8; it was decoded as Windows-1252", at: place.at(line: line))
        }
    }
}
