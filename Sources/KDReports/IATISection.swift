import KDCore

/// The summary's IATI portfolio section: totals by recipient country, sector, reporting organisation and
/// result type, from running totals (the activities themselves are in the CSV tables).
struct IATISection {
    let countries: CountryCatalogue
    /// Names from the IATI codelists given, for codes published without one.
    var codeNames = IATICodeNames()
    /// Rows shown per table before the rest is summed up.
    let shown = 15

    func render(_ iati: IATIPortfolio) -> String {
        var out = "## IATI portfolio\n\n"
        // A version is what the file's `version` attribute says: text from the inputs.
        let versions = iati.byVersion.sorted { $0.key < $1.key }.map { "\(MarkdownText.escaped($0.key)): \($0.value)" }.joined(separator: ", ")
        out += "\(Format.counted(iati.activities, "activity", "activities")) from \(Format.counted(iati.files, "file")) (IATI versions \(versions)), "
        out += "\(Format.counted(iati.indicatorPeriods, "indicator period")). Each activity and each indicator period is a row of "
        out += "`interventions.csv` and `indicators.csv` (origin `iati`).\n\n"
        out += table("By recipient country", ["Country", "Activities"], iati.byCountry) { key in
            if key == IATIPortfolio.noCountry { return "No recipient country (regions only)" }
            return countries.labelled(key)
        }
        // Regions are given beside countries, or instead of them (a regional programme).
        if !iati.byRegion.isEmpty {
            out += table("By recipient region", [Self.header("Region", codeNames), "Activities"], iati.byRegion) { key in
                Self.named(key, name: iati.regionNames[key], listed: codeNames.regionName(key))
            }
        }
        out += table("By sector", [Self.header("Sector", codeNames), "Activities"], iati.bySector) { key in
            Self.sectorLabel(key, name: iati.sectorNames[key], listed: codeNames.sectorName(key))
        }
        out += table("By reporting organisation", ["Reporting organisation", "Activities"], iati.byReportingOrg) { $0 }
        out += table("By result type", ["Result type", "Indicator periods"], iati.byResultType) { Self.resultTypes[$0] ?? $0 }
        let causes = iati.notAssessable
        let statuses = AchievementStatus.allCases.compactMap { status -> String? in
            guard let count = iati.achievement[status], count > 0 else { return nil }
            guard status == .notAssessable, !causes.isEmpty else { return "\(count) \(status.label)" }
            // Why, most first: most n/a periods of real files are qualitative indicators, not faults.
            let why = causes.sorted { ($1.value, $0.key.index) < ($0.value, $1.key.index) }.map { "\($0.value) \($0.key.label)" }
            return "\(count) \(status.label) (\(why.joined(separator: ", ")))"
        }
        if !statuses.isEmpty { out += "Achievement of IATI indicator periods: \(statuses.joined(separator: ", ")).\n\n" }
        return out
    }

    /// A table's first heading: what its keys are, and where their names come from.
    static func header(_ what: String, _ codeNames: IATICodeNames) -> String {
        "\(what) (vocabulary:code, name as published" + (codeNames.count > 0 ? "; in brackets, the IATI codelist's)" : ")")
    }

    /// `1:298 Africa, regional`: a code and its name as published, else the codelist's in brackets.
    static func named(_ label: String, name: String?, listed: String?) -> String {
        if let name { return "\(label) \(name)" }
        return listed.map { "\(label) [\($0)]" } ?? label
    }

    /// `1:12220 Basic health care`; a code of a reporting organisation's own vocabulary with its ref in
    /// brackets: `98:1 (XM-DAC-47066) Movement, Emergency and Post-Crisis Migration Management`.
    /// A code published without a name takes the codelist's (`listed`), in brackets: `1:16050 [Multisector aid
    /// for basic social services]` (the table escapes its cells).
    static func sectorLabel(_ key: String, name: String?, listed: String? = nil) -> String {
        var label = key
        let vocabulary = String(key.prefix { $0 != ":" })
        // The organisation's ref is the key's last word (an organisation identifier has no space; a code may).
        if IATIPortfolio.publishersVocabularies.contains(vocabulary), let space = key.lastIndex(of: " ") {
            label = "\(key[..<space]) (\(key[key.index(after: space)...]))"
        }
        return named(label, name: name, listed: listed)
    }

    static let resultTypes = ["1": "Output (1)", "2": "Outcome (2)", "3": "Impact (3)", "9": "Other (9)", "unspecified": "Not specified"]

    private func table(_ title: String, _ header: [String], _ counts: [String: Int], label: (String) -> String) -> String {
        var table = MarkdownTable(header, rightAligned: [1])
        // The most first; among as many, in the order of what the reader sees (a country's name, not its code).
        let labelled = counts.map { (key: $0.key, count: $0.value, label: $0.key == IATIPortfolio.others
            ? "Others, past the first \(Format.readable(Double(IATIPortfolio.keptKeys))) distinct" : label($0.key)) }
        let sorted = labelled.sorted { ($1.count, $0.label, $0.key) < ($0.count, $1.label, $1.key) }
        for row in sorted.prefix(shown) {
            table.append([row.label, String(row.count)])
        }
        if sorted.count > shown {
            let rest = sorted.dropFirst(shown)
            table.append(["\(rest.count) others", String(rest.reduce(0) { $0 + $1.count })])
        }
        return "### \(title)\n\n" + table.text + "\n"
    }
}
