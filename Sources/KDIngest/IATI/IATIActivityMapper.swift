import KDCore

/// Maps one `<iati-activity>` tree onto the intervention model.
struct IATIActivityMapper {
    let file: SourceLocation
    let fileVersion: String?
    let ordinal: Int

    /// The child elements kept under each element; everything else is skipped while streaming.
    static func children(of name: String) -> Set<String>? {
        childTable[name] ?? []
    }

    private static let narrativeOnly: Set<String> = ["narrative"]
    private static let childTable: [String: Set<String>] = [
        "iati-activity": [
            "iati-identifier", "reporting-org", "title", "description", "activity-status", "activity-date",
            "recipient-country", "recipient-region", "sector", "participating-org", "document-link", "result",
        ],
        "reporting-org": narrativeOnly, "participating-org": narrativeOnly, "title": narrativeOnly,
        "description": narrativeOnly, "recipient-country": narrativeOnly, "recipient-region": narrativeOnly,
        "sector": narrativeOnly, "comment": narrativeOnly,
        "result": ["title", "description", "indicator"],
        "indicator": ["title", "description", "reference", "baseline", "period"],
        "baseline": ["comment", "dimension", "location"],
        "period": ["period-start", "period-end", "target", "actual"],
        "target": ["comment", "dimension", "location"],
        "actual": ["comment", "dimension", "location"],
    ]

    func map(_ node: XMLNode, diagnostics: inout DiagnosticLog) -> Intervention {
        let location = file.at(line: node.line)
        var identifier = node.text(of: "iati-identifier")
        if identifier == nil {
            identifier = "\(file.file)#\(ordinal)"
            diagnostics.report(
                .warning, "IAT-001",
                "activity \(ordinal) has no <iati-identifier>; it is recorded as '\(identifier!)'",
                at: location)
        }
        let id = identifier!
        var result = Intervention(id: id, actionCode: id, source: location, origin: .iati)
        let language = (node.attribute("xml:lang") ?? node.language)?.lowercased()
        result.language = language
        result.numberStyle = .pointDialect

        var details = IATIDetails()
        details.version = node.attribute("version") ?? fileVersion
        if let org = node.child("reporting-org") {
            details.reportingOrg = organisation(org)
        }
        details.titles = node.children("title").flatMap { texts($0, type: nil) }.map { title in
            var folded = title
            folded.text = title.text.collapsingWhitespace
            return folded
        }
        details.descriptions = node.children("description").flatMap { texts($0, type: $0.attribute("type")) }
        result.title = (details.titles.first { $0.language == language } ?? details.titles.first)?.text
        details.activityStatus = node.child("activity-status")?.attribute("code")
        for date in node.children("activity-date") {
            if let type = date.attribute("type"), let iso = date.attribute("iso-date") { details.dates[type] = iso }
        }
        details.recipientCountries = node.children("recipient-country").compactMap(share)
        details.recipientRegions = node.children("recipient-region").compactMap(share)
        details.sectors = node.children("sector").compactMap(share)
        details.participatingOrgs = node.children("participating-org").map(organisation)
        details.documentLinks = node.children("document-link").compactMap { $0.attribute("url") }

        if let country = details.recipientCountries.first {
            result.country = CountryField(raw: country.name, declaredCode: country.code)
        }
        if let status = details.activityStatus {
            result.status = Reported(raw: Self.statusNames[status] ?? "status \(status)", value: Self.statusKeys[status])
        }
        result.start = (details.dates["2"] ?? details.dates["1"]).map { Reported(raw: $0) }
        result.end = (details.dates["4"] ?? details.dates["3"]).map { Reported(raw: $0) }
        result.institution = details.participatingOrgs.first { $0.role == "4" }?.name.map { Institution(name: $0) }
        details.results = node.children("result").count
        result.iati = details

        for resultNode in node.children("result") {
            for indicatorNode in resultNode.children("indicator") {
                result.indicators.append(indicator(indicatorNode, in: resultNode))
            }
        }
        return result
    }

    /// IATI ActivityStatus codes and the status keys of completed interventions they correspond to.
    static let statusNames = ["1": "Pipeline/identification", "2": "Implementation", "3": "Finalisation", "4": "Closed", "5": "Cancelled", "6": "Suspended"]
    static let statusKeys = ["3": "completed", "4": "completed", "5": "cancelled"]

    private func narrative(_ node: XMLNode, language: String? = nil) -> String? {
        let narratives = node.children("narrative")
        if narratives.isEmpty { return node.trimmedText }  // IATI 1.0x: plain text
        if let language, let wanted = narratives.first(where: { $0.language?.lowercased() == language })?.trimmedText {
            return wanted
        }
        for narrative in narratives {
            if let text = narrative.trimmedText { return text }
        }
        return nil
    }

    private func texts(_ node: XMLNode, type: String?) -> [IATIDetails.Text] {
        let narratives = node.children("narrative")
        if narratives.isEmpty {
            return node.trimmedText.map { [IATIDetails.Text(type: type, language: node.language?.lowercased(), text: $0)] } ?? []
        }
        // Descriptions keep their line breaks: lesson headings inside them are found line by line.
        return narratives.compactMap { narrative in
            narrative.trimmedText == nil ? nil
                : IATIDetails.Text(type: type, language: narrative.language?.lowercased(), text: narrative.text.trimmingCharacters(in: ""))
        }
    }

    private func organisation(_ node: XMLNode) -> IATIDetails.Organisation {
        IATIDetails.Organisation(ref: node.attribute("ref"), type: node.attribute("type"), role: node.attribute("role"), name: narrative(node))
    }

    private func share(_ node: XMLNode) -> IATIDetails.Share? {
        guard let code = node.attribute("code") else { return nil }
        return IATIDetails.Share(code: code, vocabulary: node.attribute("vocabulary"), percentage: node.attribute("percentage"), name: narrative(node))
    }

    private func indicator(_ node: XMLNode, in result: XMLNode) -> Indicator {
        let title = node.child("title").flatMap { narrative($0) } ?? "(untitled indicator)"
        var indicator = Indicator(title: title, location: file.at(line: node.line))
        indicator.numberStyle = .pointDialect
        indicator.resultType = result.attribute("type")
        indicator.resultTitle = result.child("title").flatMap { narrative($0) }
        indicator.resultDescription = result.child("description").flatMap { texts($0, type: nil).first?.text }
        indicator.aggregationStatus = result.attribute("aggregation-status")
        indicator.measure = node.attribute("measure")
        indicator.declaredDirection = node.attribute("ascending")
        indicator.description = node.child("description").flatMap { narrative($0) }
        indicator.references = node.children("reference").compactMap { reference in
            reference.attribute("code").map { code in reference.attribute("vocabulary").map { "\($0):\(code)" } ?? code }
        }
        if indicator.code == nil, let first = node.children("reference").first?.attribute("code") {
            indicator.code = first
        }
        let baselines = node.children("baseline").map { baseline in
            Split(
                key: dimensions(baseline), value: baseline.attribute("value").map { Reported(raw: $0) },
                year: baseline.attribute("year").flatMap { Int($0) }, comment: baseline.child("comment").flatMap { narrative($0) })
        }
        let undimensioned = baselines.first { $0.key == nil } ?? baselines.first
        indicator.baseline = undimensioned?.value
        indicator.baselineYear = undimensioned?.year

        for period in node.children("period") {
            let start = period.child("period-start")?.attribute("iso-date").map { Reported<PartialDate>(raw: $0) }
            let end = period.child("period-end")?.attribute("iso-date").map { Reported<PartialDate>(raw: $0) }
            let targets = period.children("target").map(split)
            let actuals = period.children("actual").map(split)
            var keys: [String?] = []
            for split in targets + actuals where !keys.contains(split.key) { keys.append(split.key) }
            if keys.isEmpty { keys = [nil] }
            for key in keys {
                let target = targets.first { $0.key == key }
                let actual = actuals.first { $0.key == key }
                var row = IndicatorPeriod(start: start, end: end, target: target?.value, actual: actual?.value)
                row.dimensions = key
                if let key, let own = baselines.first(where: { $0.key == key }) {
                    row.baseline = own.value
                    row.baselineYear = own.year
                }
                let comments = [target?.comment, actual?.comment].compactMap { $0 }
                row.comment = comments.isEmpty ? nil : comments.joined(separator: " | ")
                indicator.periods.append(row)
            }
        }
        return indicator
    }

    /// A target, actual or baseline with the dimension combination it is split by.
    private struct Split {
        var key: String?
        var value: ReportedNumber?
        var year: Int?
        var comment: String?
    }

    private func split(_ node: XMLNode) -> Split {
        Split(key: dimensions(node), value: node.attribute("value").map { Reported(raw: $0) }, comment: node.child("comment").flatMap { narrative($0) })
    }

    /// `sex=female; location=GH`, from the non-empty dimensions and location references; nil when there are none.
    private func dimensions(_ node: XMLNode) -> String? {
        var parts: [String] = []
        for dimension in node.children("dimension") {
            guard let name = dimension.attribute("name") else { continue }
            parts.append("\(name)=\(dimension.attribute("value") ?? "")")
        }
        for location in node.children("location") {
            if let ref = location.attribute("ref") { parts.append("location=\(ref)") }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
