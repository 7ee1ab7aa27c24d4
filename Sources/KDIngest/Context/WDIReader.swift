import KDCore

/// Reads World Bank WDI files in the layouts they come in (`Layout`): a year a column (the bulk file,
/// `API_…csv`: metadata lines, then `Country Name, Country Code, Indicator Name, Indicator Code, 1960, …` with a
/// trailing empty column; DataBank's export, `Series Name, Series Code, Country Name, Country Code, 2015
/// [YR2015], …` with `..` for no value), a long file (one year per row: `year, entity_code, …, indicator_code,
/// value, indicator_name`), and the `Metadata_Country` file that tells countries (with a Region) from
/// aggregates (without). A BOM, CRLF, tabs in a `.csv`, quoted line breaks and missing cells are handled by
/// the CSV reader, decimal commas in a `;` file here; duplicated rows keep the first value and are reported.
/// An IATI codelist among the context files is read by `IATICodelistReader`.
public struct WDIReader: Sendable {
    /// Creates a reader.
    public init() {}

    /// Reads one file into `series`, only the series whose codes (upper-cased) `keeping` holds when it is
    /// given; returns false (with a diagnostic) when it is no WDI layout.
    @discardableResult
    public func read(
        _ file: InputFile, into series: inout ContextSeries, keeping: Set<String>? = nil, diagnostics: inout DiagnosticLog
    ) -> Bool {
        let place = SourceLocation(file: file.displayPath)
        guard !file.refused(diagnostics: &diagnostics) else { return false }
        // Only CSV is read, and IATI codelists (which name the codes of IATI activities); another XML file or
        // binary junk is said to be what it is, once (read as CSV, a report gave a warning for every quote in it).
        switch InputSniffer.sniff(path: file.path) {
        case .xml(root: "codelist"):
            return IATICodelistReader().read(file, into: &series.codeNames, diagnostics: &diagnostics)
        case .xml(let root):
            diagnostics.report(
                .error, "CTX-001",
                "the file is XML (<\(root)>), not a World Bank WDI CSV file or an IATI codelist: reports and IATI files are read from the pipeline's 'inputs'",
                at: place)
            return false
        case .unknown(let why):
            diagnostics.report(.error, "CTX-001", "\(why); expected a World Bank WDI CSV file", at: place)
            return false
        case .table:
            break
        }
        guard let csv = TableReader.open(file, at: place, diagnostics: &diagnostics) else { return false }
        var duplicates = 0
        var firstDuplicate: Int?
        // The CSV's faults are said only of a file read: of one that is no WDI file, CTX-001 says enough.
        var isWDI = false
        defer {
            if isWDI { TableReader.report(csv, place: place, diagnostics: &diagnostics) }
            if duplicates > 0 {
                diagnostics.report(
                    .note, "CTX-003",
                    duplicates == 1
                        ? "a repeated value (same country, indicator and year) was read once"
                        : "\(duplicates) repeated values (same country, indicator and year) were read once",
                    at: place.at(line: firstDuplicate))
            }
        }
        func add(_ country: String, _ code: String, _ point: ContextSeries.Point, line: Int) {
            guard let existing = series.add(country: country, code: code, point) else { return }
            if existing.value == point.value {
                duplicates += 1
                firstDuplicate = firstDuplicate ?? line
            } else {
                diagnostics.report(
                    .warning, "CTX-002",
                    "\(country) \(code) \(point.year) is given again as \(Format.number(point.value)); the first value, \(Format.number(existing.value)), is kept",
                    at: place.at(line: line))
            }
        }
        func keeps(_ code: String) -> Bool { keeping.map { $0.contains(code.uppercased()) } ?? true }
        // A file saved by a spreadsheet set to French, Spanish, Portuguese or Dutch separates its fields with
        // `;` and writes decimals with a comma (`38,1`), as the input tables' `;` dialect does.
        let decimalComma = csv.delimiter == UInt8(ascii: ";")
        func number(_ cell: String, line: Int) -> Double? {
            var text = cell.trimmingCharacters(in: "")
            guard !text.isEmpty, text != ".." else { return nil }  // (DataBank writes `..` for no value)
            if decimalComma, !text.contains("."), text.utf8.count(where: { $0 == UInt8(ascii: ",") }) == 1 {
                text = text.replacingOccurrences(of: ",", with: ".")
            }
            guard let value = Double(text) else {
                diagnostics.report(.warning, "CTX-004", "'\(text)' is not a number; the cell was skipped", at: place.at(line: line))
                return nil
            }
            return value
        }

        // The header is within the first rows (the bulk file has four lines of metadata before it).
        var scanned = 0
        var firstRow: [String] = []
        while let record = csv.next(), scanned < 20 {
            scanned += 1
            let keys = record.fields.map(TableSchema.headerKey)
            if scanned == 1 { firstRow = keys }
            let layout = Layout(header: keys)
            isWDI = layout != nil
            switch layout {
            case let .wide(countryColumn, nameColumn, codeColumn, years)?:
                while let row = csv.next() {
                    // Lines too short to be a row: the notes DataBank writes under its table.
                    guard row.fields.count > max(countryColumn, nameColumn, codeColumn) else { continue }
                    let code = row.fields[codeColumn].trimmingCharacters(in: "")
                    guard keeps(code) else { continue }
                    let country = row.fields[countryColumn].trimmingCharacters(in: "")
                    let name = row.fields[nameColumn].trimmingCharacters(in: "")
                    for (index, cell) in row.fields.enumerated() {
                        guard index < years.count, let year = years[index], let value = number(cell, line: row.line) else { continue }
                        add(country, code, .init(year: year, value: value, name: name, source: file.displayPath), line: row.line)
                    }
                }
                return true
            case let .long(year, country, code, value, name)?:
                while let row = csv.next() {
                    guard !row.fields.isEmpty else { continue }  // a row too large to keep (reported)
                    guard row.fields.count == keys.count else {
                        diagnostics.report(
                            .error, "CSV-001", "row has \(row.fields.count) fields; the header has \(keys.count); the row was not used",
                            at: place.at(line: row.line))
                        continue
                    }
                    let indicator = row.fields[code].trimmingCharacters(in: "")
                    guard keeps(indicator), let yearValue = Int(row.fields[year].trimmingCharacters(in: "")),
                          let amount = number(row.fields[value], line: row.line) else { continue }
                    add(
                        row.fields[country].trimmingCharacters(in: ""), indicator,
                        .init(year: yearValue, value: amount, name: name.map { row.fields[$0] } ?? indicator, source: file.displayPath),
                        line: row.line)
                }
                return true
            case let .countries(code, region)?:
                while let row = csv.next() {
                    guard row.fields.count > max(code, region) else { continue }
                    let country = row.fields[code].trimmingCharacters(in: "")
                    if row.fields[region].trimmingCharacters(in: "").isEmpty {
                        series.aggregates.insert(country)
                    } else {
                        series.countries.insert(country)
                    }
                }
                return true
            case .indicators?:
                return true  // Metadata_Indicator: the names travel with the values already.
            case nil:
                continue
            }
        }
        if let table = TableSchema.matching(Set(firstRow)) {
            diagnostics.report(
                .error, "CTX-001",
                "the file is an input table (\(table.format.rawValue), by its '\(table.signature)' column), not a World Bank WDI file: tables are read from the pipeline's 'inputs'",
                at: place.at(line: 1))
            return false
        }
        diagnostics.report(
            .error, "CTX-001",
            "no WDI layout found (expected a 'Country Name, Country Code, Indicator Name, Indicator Code, years…' header, a long 'year, entity_code, indicator_code, value' header, or a Metadata_Country file)",
            at: place)
        return false
    }
}
