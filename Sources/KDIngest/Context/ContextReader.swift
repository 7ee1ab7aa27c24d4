import KDCore

/// Reads the files of national series in the layouts they come in (`Layout`). World Bank WDI files: a year a
/// column (the bulk file, `API_…csv`: metadata lines, then `Country Name, Country Code, Indicator Name,
/// Indicator Code, 1960, …` with a trailing empty column; DataBank's export, `Series Name, Series Code, Country
/// Name, Country Code, 2015 [YR2015], …` with `..` for no value), a long file (one year per row: `year,
/// entity_code, …, indicator_code, value, indicator_name`), and the `Metadata_Country` file that tells
/// countries (with a Region) from aggregates (without). ILOSTAT files (one value per row: `ref_area, …,
/// indicator, sex, classif1, …, time, obs_value`), of which the annual totals are read. A BOM, CRLF, tabs in a
/// `.csv`, quoted line breaks and missing cells are handled by the CSV reader, decimal commas in a `;` file
/// here; duplicated rows keep the first value and are reported. An IATI codelist among the context files is
/// read by `IATICodelistReader`.
public struct ContextReader: Sendable {
    /// Creates a reader.
    public init() {}

    /// Reads one file into `series`, only the series whose codes (upper-cased) `keeping` holds when it is
    /// given; returns false (with a diagnostic) when it is in no layout of context files.
    @discardableResult
    public func read(
        _ file: InputFile, into series: inout ContextSeries, keeping: Set<String>? = nil, diagnostics: inout DiagnosticLog
    ) -> Bool {
        let place = SourceLocation(file: file.displayPath)
        guard !file.refused(among: "the context files", diagnostics: &diagnostics) else { return false }
        // Only CSV is read, and IATI codelists (which name the codes of IATI activities); another XML file or
        // binary junk is said to be what it is, once (read as CSV, a report gave a warning for every quote in it).
        switch InputSniffer.sniff(path: file.path) {
        case .xml(root: "codelist"):
            return IATICodelistReader().read(file, into: &series.codeNames, diagnostics: &diagnostics)
        case .xml(let root):
            diagnostics.report(
                .error, "CTX-001",
                "the file is XML (<\(root)>), not a context file (World Bank WDI or ILOSTAT CSV) or an IATI codelist: reports and IATI files are read from the pipeline's 'inputs'",
                at: place)
            return false
        case .unknown(let why):
            diagnostics.report(.error, "CTX-001", "\(why); expected a World Bank WDI or ILOSTAT CSV file", at: place)
            return false
        case .table:
            break
        }
        guard let csv = TableReader.open(file, at: place, diagnostics: &diagnostics) else { return false }
        var duplicates = 0
        var firstDuplicate: Int?
        // ILOSTAT rows of a breakdown (by sex, age, contingency…) or of a quarter or month, set aside.
        var setAside = 0
        var firstSetAside: Int?
        // The CSV's faults are said only of a file read: of one in no layout of context files, CTX-001 says enough.
        var inLayout = false
        defer {
            if inLayout { TableReader.report(csv, place: place, diagnostics: &diagnostics) }
            if duplicates > 0 {
                diagnostics.report(
                    .note, "CTX-003",
                    duplicates == 1
                        ? "a repeated value (same country, indicator and year) was read once"
                        : "\(duplicates) repeated values (same country, indicator and year) were read once",
                    at: place.at(line: firstDuplicate))
            }
            if setAside > 0 {
                diagnostics.report(
                    .note, "CTX-009",
                    "\(Format.counted(setAside, "row")) of a breakdown (by sex, age or another classification) or of a quarter or month set aside: only annual totals are read",
                    at: place.at(line: firstSetAside))
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

        /// The next row of a layout with a value a row: one with as many fields as the header (another is
        /// reported, `CSV-001`, and passed over, as is a row too large to keep, which the CSV reader reports).
        func nextRow(width: Int) -> CSVReader.Record? {
            while let row = csv.next() {
                guard !row.fields.isEmpty else { continue }
                guard row.fields.count == width else {
                    diagnostics.report(
                        .error, "CSV-001", "row has \(row.fields.count) fields; the header has \(width); the row was not used",
                        at: place.at(line: row.line))
                    continue
                }
                return row
            }
            return nil
        }

        // The header is within the first rows (the bulk file has four lines of metadata before it).
        var scanned = 0
        var firstRow: [String] = []
        while let record = csv.next(), scanned < 20 {
            scanned += 1
            let keys = record.fields.map(TableSchema.headerKey)
            if scanned == 1 { firstRow = keys }
            let layout = Layout(header: keys)
            inLayout = layout != nil
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
                while let row = nextRow(width: keys.count) {
                    let indicator = row.fields[code].trimmingCharacters(in: "")
                    guard keeps(indicator), let yearValue = Int(row.fields[year].trimmingCharacters(in: "")),
                          let amount = number(row.fields[value], line: row.line) else { continue }
                    add(
                        row.fields[country].trimmingCharacters(in: ""), indicator,
                        .init(year: yearValue, value: amount, name: name.map { row.fields[$0] } ?? indicator, source: file.displayPath),
                        line: row.line)
                }
                return true
            case let .ilostat(country, code, year, value, name, breakdowns)?:
                while let row = nextRow(width: keys.count) {
                    let indicator = row.fields[code].trimmingCharacters(in: "")
                    guard keeps(indicator) else { continue }
                    // A breakdown is another series than the one the indicator names, and a quarter is no year.
                    guard breakdowns.allSatisfy({ Self.isTotal(row.fields[$0]) }),
                          let yearValue = Int(row.fields[year].trimmingCharacters(in: ""))
                    else {
                        setAside += 1
                        firstSetAside = firstSetAside ?? row.line
                        continue
                    }
                    guard let amount = number(row.fields[value], line: row.line) else { continue }
                    let label = name.map { row.fields[$0].trimmingCharacters(in: "") } ?? ""
                    add(
                        row.fields[country].trimmingCharacters(in: ""), indicator,
                        .init(year: yearValue, value: amount, name: label.isEmpty ? indicator : label, source: file.displayPath),
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
                "the file is an input table (\(table.format.rawValue), by its '\(table.signature)' column), not a context file: tables are read from the pipeline's 'inputs'",
                at: place.at(line: 1))
            return false
        }
        diagnostics.report(
            .error, "CTX-001",
            "no layout of context files found (expected a WDI 'Country Name, Country Code, Indicator Name, Indicator Code, years…' header, a long 'year, entity_code, indicator_code, value' header, a Metadata_Country file, or an ILOSTAT 'ref_area, indicator, time, obs_value' header)",
            at: place)
        return false
    }
}
