import KDCore

extension ContextReader {
    /// The layouts of context files, as their header tells them, with the columns read.
    enum Layout: Equatable {
        /// A year a column: the bulk file (`Country Name, Country Code, Indicator Name, Indicator Code, 1960, …`)
        /// and DataBank's export (`Series Name, Series Code, Country Name, Country Code, 2015 [YR2015], …`);
        /// `years` holds each column's year, nil for the others.
        case wide(country: Int, name: Int, code: Int, years: [Int?])
        /// One year per row.
        case long(year: Int, country: Int, code: Int, value: Int, name: Int?)
        /// ILOSTAT's bulk and API files: one value per row (`ref_area, source, indicator, sex, classif1,
        /// classif2, time, obs_value, …`), with a label column beside each code in the files that give both
        /// (`ref_area.label`, `indicator.label`…); `breakdowns` are the columns of sex and classifications.
        case ilostat(country: Int, code: Int, year: Int, value: Int, name: Int?, breakdowns: [Int])
        /// `Metadata_Country`: countries (with a Region) and aggregates (without).
        case countries(code: Int, region: Int)
        /// `Metadata_Indicator`.
        case indicators

        /// The layout whose header `keys` (`TableSchema.headerKey`) are, or nil.
        init?(header keys: [String]) {
            let column = { (names: [String]) in keys.firstIndex { names.contains($0) } }
            let years = keys.map(Self.year)
            if let country = column(["country_code"]), let code = column(["indicator_code", "series_code"]),
               let name = column(["indicator_name", "series_name"]), years.contains(where: { $0 != nil }) {
                self = .wide(country: country, name: name, code: code, years: years)
            } else if let year = column(["year"]), let country = column(["entity_code", "country_code", "iso3", "countrycode"]),
                      let code = column(["indicator_code", "series_code", "indicator"]), let value = column(["value"]) {
                self = .long(year: year, country: country, code: code, value: value, name: column(["indicator_name", "series_name"]))
            } else if let country = column(["ref_area"]), let code = column(["indicator"]), let year = column(["time"]),
                      let value = column(["obs_value"]) {
                let breakdowns = keys.indices.filter { keys[$0] == "sex" || (keys[$0].hasPrefix("classif") && !keys[$0].hasSuffix("_label")) }
                self = .ilostat(country: country, code: code, year: year, value: value, name: column(["indicator_label"]), breakdowns: breakdowns)
            } else if let code = column(["country_code"]), let region = column(["region"]) {
                self = .countries(code: code, region: region)
            } else if keys.contains("indicator_code"), keys.contains("source_note") || keys.contains("indicator_name") {
                self = .indicators
            } else {
                return nil
            }
        }

        /// The year a wide file's column header names: `2019`, or DataBank's `2019 [YR2019]`.
        static func year(_ key: String) -> Int? {
            let digits = key.prefix(4)
            guard digits.count == 4, digits.allSatisfy(\.isASCII), let year = Int(digits) else { return nil }
            let rest = key.dropFirst(4).filter { $0.isLetter || $0.isNumber }
            return rest.isEmpty || rest == "yr\(digits)" ? year : nil
        }

        /// What a reader calls a file of this layout.
        var name: String {
            switch self {
            case .wide: Self.wideName
            case .long: "a World Bank WDI file (one year per row)"
            case .ilostat: "an ILOSTAT file"
            case .countries: "a World Bank WDI Metadata_Country file"
            case .indicators: "a World Bank WDI Metadata_Indicator file"
            }
        }

        static let wideName = "a World Bank WDI file (a year a column)"
    }

    /// Reports a context file found among the inputs (`INP-002`): `what` it is, and where it belongs.
    static func reportGivenAsInput(_ what: String, at place: SourceLocation, diagnostics: inout DiagnosticLog) {
        diagnostics.report(
            .error, "INP-002", "\(what) given as an input; list it under 'context' in the pipeline (or --context)", at: place)
    }

    /// Whether a breakdown cell of an ILOSTAT row names a total: no breakdown, both sexes (`SEX_T`), or a
    /// classification's total (`SOC_CONTIG_TOTAL`, `AGE_AGGREGATE_TOTAL`).
    static func isTotal(_ cell: String) -> Bool {
        let code = cell.trimmingCharacters(in: "")
        return code.isEmpty || code == "SEX_T" || code.hasSuffix("_TOTAL")
    }

    /// Whether the delimited text at `path` is a context file (World Bank or ILOSTAT), by its first row (see
    /// `contextFile(firstRow:)`).
    public static func isContextFile(path: String) -> Bool {
        guard let csv = CSVReader(path: path), let first = csv.next() else { return false }
        return contextFile(firstRow: first.fields.map(TableSchema.headerKey)) != nil
    }

    /// What a file whose first row is `keys` is, when it is a context file: its header, or the first of the lines
    /// of metadata a bulk file opens with (`"Data Source","World Development Indicators",`). For a table that
    /// matches no table of the inputs, so that the diagnostic can say where such a file belongs.
    static func contextFile(firstRow keys: [String]) -> String? {
        if let layout = Layout(header: keys) { return layout.name }
        return keys.first == "data_source" ? Layout.wideName : nil
    }
}
