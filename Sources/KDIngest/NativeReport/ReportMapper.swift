import KDCore

/// Maps the parts of a native report onto an `Intervention`, one part at a time.
struct ReportMapper {
    let file: SourceLocation
    let language: String?
    private var intervention: Intervention?
    private var sawIdentification = false
    private var pending: [XMLNode] = []

    init(file: SourceLocation, language: String?) {
        self.file = file
        self.language = language
    }

    mutating func map(_ part: XMLNode, diagnostics: inout DiagnosticLog) {
        switch part.name {
        case "identification":
            intervention = identification(part, diagnostics: &diagnostics)
            sawIdentification = true
            let waiting = pending
            pending = []
            for node in waiting { map(node, diagnostics: &diagnostics) }
        case _ where intervention == nil && Self.knownParts.contains(part.name):
            pending.append(part)
        case "activities":
            let activities = part.children("activity").map(activity)
            intervention?.activities += activities
        case "objectives":
            intervention?.objectives += part.children("objective").compactMap(\.trimmedText)
        case "outputs":
            intervention?.outputs += part.children("output").compactMap(\.trimmedText)
        case "indicators":
            for node in part.children("indicator") {
                if let indicator = indicator(node, diagnostics: &diagnostics) {
                    intervention?.indicators.append(indicator)
                }
            }
        case "narrative":
            let sections = part.children("section").map(section)
            intervention?.sections += sections
        default:
            diagnostics.report(
                .note, "RPT-003", "element <\(part.name)> is not part of the report format and was ignored",
                at: file.at(line: part.line))
        }
    }

    func finish(diagnostics: inout DiagnosticLog) -> Intervention? {
        guard let intervention else {
            if sawIdentification { return nil }
            diagnostics.report(
                .error, "RPT-001", "the report has no <identification> with an <action-code>; the report was not used",
                at: file)
            return nil
        }
        return intervention
    }

    private static let knownParts: Set<String> = ["activities", "objectives", "outputs", "indicators", "narrative"]

    private func identification(_ node: XMLNode, diagnostics: inout DiagnosticLog) -> Intervention? {
        guard let code = node.text(of: "action-code") else {
            diagnostics.report(
                .error, "RPT-001", "<identification> has no <action-code>; the report was not used",
                at: file.at(line: node.line))
            return nil
        }
        let id: String
        if let parsed = ActionCode(code) {
            id = parsed.key
        } else {
            id = code
            diagnostics.report(
                .warning, "RPT-002",
                "action code '\(code)' has no year-sequence part (expected e.g. 'SOCIEUX 2020-22 NIGERIA' or '2014-05'); it is used as written",
                at: file.at(line: node.child("action-code")?.line), record: code)
        }
        var result = Intervention(id: id, actionCode: code, source: file.at(line: node.line), origin: .report)
        result.language = language
        result.numberStyle = NumberStyle(language: language)
        let titles = node.children("title")
        result.title = (titles.first { $0.language == language } ?? titles.first)?.trimmedText
        if let country = node.child("country") {
            result.country = CountryField(raw: country.trimmedText, declaredCode: country.attribute("code"))
        }
        if let partner = node.child("partner-institution"), let name = partner.text(of: "name") {
            result.institution = Institution(
                name: name, originalName: partner.text(of: "original-name"), acronym: partner.attribute("acronym"))
        }
        if let area = node.child("area") {
            result.area = area.trimmedText.map { Reported(raw: $0) }
            result.subArea = area.attribute("sub-area")
        }
        result.assistanceTypes = node.children("assistance-type").compactMap(\.trimmedText)
        result.status = node.text(of: "status").map { Reported(raw: $0) }
        result.start = node.text(of: "start-date").map { Reported(raw: $0) }
        result.end = node.text(of: "end-date").map { Reported(raw: $0) }
        result.modality = node.text(of: "modality")
        return result
    }

    private func activity(_ node: XMLNode) -> Activity {
        var activity = Activity(number: node.attribute("number") ?? "")
        activity.type = node.attribute("type")
        activity.modality = node.attribute("modality")
        activity.title = node.text(of: "title")
        activity.start = node.text(of: "start-date").map { Reported(raw: $0) }
        activity.end = node.text(of: "end-date").map { Reported(raw: $0) }
        activity.place = node.text(of: "place")
        activity.experts = node.children("expert").map { expert in
            Expert(
                position: expert.attribute("position"), domain: expert.attribute("domain"),
                memberState: expert.attribute("member-state"),
                days: expert.attribute("days").map { Reported(raw: $0) })
        }
        if let participants = node.child("participants") {
            activity.participantsFemale = participants.attribute("female").flatMap { Int($0) }
            activity.participantsMale = participants.attribute("male").flatMap { Int($0) }
        }
        return activity
    }

    private func indicator(_ node: XMLNode, diagnostics: inout DiagnosticLog) -> Indicator? {
        guard let title = node.text(of: "title") ?? node.attribute("code") else {
            diagnostics.report(
                .warning, "RPT-004", "indicator has neither <title> nor code and was not used",
                at: file.at(line: node.line), record: intervention?.id)
            return nil
        }
        var indicator = Indicator(title: title, location: file.at(line: node.line))
        indicator.numberStyle = NumberStyle(language: node.child("title")?.language ?? language)
        indicator.code = node.attribute("code")
        indicator.unit = node.attribute("unit")
        indicator.declaredDirection = node.attribute("direction")
        if let baseline = node.child("baseline") {
            indicator.baseline = baseline.trimmedText.map { Reported(raw: $0) }
            indicator.baselineYear = baseline.attribute("year").flatMap { Int($0) }
        }
        indicator.periods = node.children("period").map { period in
            IndicatorPeriod(
                start: period.attribute("start").map { Reported(raw: $0) },
                end: period.attribute("end").map { Reported(raw: $0) },
                target: period.text(of: "target").map { Reported(raw: $0) },
                actual: period.text(of: "actual").map { Reported(raw: $0) },
                line: period.line)
        }
        indicator.source = node.text(of: "source")
        indicator.comment = node.text(of: "comment")
        return indicator
    }

    private func section(_ node: XMLNode) -> NarrativeSection {
        let keys = Self.keys(node.attribute("kind"))
        let heading = node.text(of: "heading")
        var section = NarrativeSection(
            keys: keys, heading: heading, language: node.attribute("xml:lang"), location: file.at(line: node.line))
        for child in node.children {
            guard child.trimmedText != nil else { continue }
            // Free text keeps its line breaks, so that the lessons stage can split bullets and paragraphs.
            let text = child.name == "p" ? child.text : child.trimmedText!
            let item = NarrativeItem(
                text: text, language: child.attribute("xml:lang"),
                key: Self.keys(child.attribute("kind")).first, location: file.at(line: child.line))
            switch child.name {
            case "item": section.items.append(item)
            case "p": section.paragraphs.append(item)
            default: continue
            }
        }
        return section
    }

    private static func keys(_ attribute: String?) -> [SectionKey] {
        (attribute ?? "").split(separator: " ").compactMap { SectionKey(rawValue: String($0)) }
    }
}
