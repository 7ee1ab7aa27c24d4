import KDCore

extension WDIReader {
    /// The WDI layouts, as their header tells them, with the columns read.
    enum Layout: Equatable {
        /// The bulk wide file: `Country Name, Country Code, Indicator Name, Indicator Code, 1960, …`.
        case wide
        /// One year per row.
        case long(year: Int, country: Int, code: Int, value: Int, name: Int?)
        /// `Metadata_Country`: countries (with a Region) and aggregates (without).
        case countries(code: Int, region: Int)
        /// `Metadata_Indicator`.
        case indicators

        /// The layout whose header `keys` (`TableSchema.headerKey`) are, or nil.
        init?(header keys: [String]) {
            let column = { (names: [String]) in keys.firstIndex { names.contains($0) } }
            if keys.starts(with: ["country_name", "country_code", "indicator_name", "indicator_code"]) {
                self = .wide
            } else if let year = column(["year"]), let country = column(["entity_code", "country_code", "iso3", "countrycode"]),
                      let code = column(["indicator_code", "series_code", "indicator"]), let value = column(["value"]) {
                self = .long(year: year, country: country, code: code, value: value, name: column(["indicator_name", "series_name"]))
            } else if let code = column(["country_code"]), let region = column(["region"]) {
                self = .countries(code: code, region: region)
            } else if keys.contains("indicator_code"), keys.contains("source_note") || keys.contains("indicator_name") {
                self = .indicators
            } else {
                return nil
            }
        }

        /// What a reader calls a file of this layout.
        var name: String {
            switch self {
            case .wide: "a World Bank WDI file (bulk layout)"
            case .long: "a World Bank WDI file (one year per row)"
            case .countries: "a World Bank WDI Metadata_Country file"
            case .indicators: "a World Bank WDI Metadata_Indicator file"
            }
        }
    }

    /// What a file whose first row is `keys` is, when it is a WDI file: its header, or the first of the lines
    /// of metadata a bulk file opens with (`"Data Source","World Development Indicators",`). For a table that
    /// matches no table of the inputs, so that the diagnostic can say where such a file belongs.
    static func contextFile(firstRow keys: [String]) -> String? {
        if let layout = Layout(header: keys) { return layout.name }
        return keys.first == "data_source" ? Layout.wide.name : nil
    }
}
