import KDCore

extension TableRow {
    /// The intervention a register row describes, or nil (with a diagnostic) when it has no action code.
    func intervention(file: SourceLocation, style: NumberStyle, diagnostics: inout DiagnosticLog) -> Intervention? {
        guard let (code, id) = actionKey(file: file, diagnostics: &diagnostics) else { return nil }
        var result = Intervention(id: id, actionCode: code, source: file.at(line: line), origin: .register)
        result.title = self["title"]
        result.country = CountryField(raw: self["country"], declaredCode: self["country_code"])
        if let name = self["institution"] {
            result.institution = Institution(name: name, originalName: self["institution_original"], acronym: self["acronym"])
        }
        result.area = self["area"].map { Reported(raw: $0) }
        result.subArea = self["sub_area"]
        result.assistanceTypes = (self["assistance_types"] ?? "")
            .split(whereSeparator: { "|;\n".contains($0) })
            .compactMap { String($0).collapsingWhitespace.nonEmpty }
        result.status = self["status"].map { Reported(raw: $0) }
        result.start = self["start_date"].map { Reported(raw: $0) }
        result.end = self["end_date"].map { Reported(raw: $0) }
        result.modality = self["modality"]
        result.language = self["language"]?.lowercased()
        result.numberStyle = style
        return result
    }

    /// The indicator observation a row describes, or nil (with a diagnostic) when it cannot be attributed.
    func observation(file: SourceLocation, style: NumberStyle, diagnostics: inout DiagnosticLog) -> IndicatorObservation? {
        guard let (code, id) = actionKey(file: file, diagnostics: &diagnostics) else { return nil }
        guard let title = self["indicator_title"] ?? self["indicator_code"] else {
            diagnostics.report(
                .warning, "CSV-006", "row has no indicator title or code; the row was not used",
                at: file.at(line: line), record: id)
            return nil
        }
        var indicator = Indicator(title: title, location: file.at(line: line))
        indicator.code = self["indicator_code"]
        indicator.numberStyle = style
        indicator.unit = self["unit"]
        indicator.declaredDirection = self["direction"]
        indicator.baseline = self["baseline_value"].map { Reported(raw: $0) }
        indicator.baselineYear = self["baseline_year"].flatMap { Int($0) }
        indicator.source = self["source"]
        indicator.comment = self["comment"]
        indicator.periods = [IndicatorPeriod(
            start: self["period_start"].map { Reported(raw: $0) },
            end: self["period_end"].map { Reported(raw: $0) },
            target: self["target_value"].map { Reported(raw: $0) },
            actual: self["actual_value"].map { Reported(raw: $0) })]
        return IndicatorObservation(actionCode: code, interventionID: id, indicator: indicator)
    }

    /// The lesson a lessons-table row holds, as a one-item section of its kind (lessons learned by default).
    func narrative(file: SourceLocation, diagnostics: inout DiagnosticLog) -> NarrativeObservation? {
        guard let (code, id) = actionKey(file: file, diagnostics: &diagnostics) else { return nil }
        guard let text = self["lesson_text"] else {
            diagnostics.report(.warning, "CSV-006", "row has no lesson text; the row was not used", at: file.at(line: line), record: id)
            return nil
        }
        // A kind given as a key (`good_practices`, `recommendation`) is taken as is; in words ("Bonnes
        // pratiques") it becomes the heading, which the lessons stage matches against its lexicon.
        let kindCell = self["kind"]
        let keyed = kindCell.flatMap { cell in SectionKey.allCases.first { $0.rawValue == cell || $0.kind == cell } }
        let keys: [SectionKey] = kindCell == nil ? [.lessonsLearned] : (keyed.map { [$0] } ?? [])
        let language = self["language"]?.lowercased()
        var section = NarrativeSection(keys: keys, heading: kindCell ?? "Lessons learned", language: language, location: file.at(line: line))
        section.items = [NarrativeItem(text: text, language: language, location: file.at(line: line), theme: self["theme"])]
        return NarrativeObservation(actionCode: code, interventionID: id, section: section)
    }

    private func actionKey(file: SourceLocation, diagnostics: inout DiagnosticLog) -> (String, String)? {
        guard let code = self["action_code"] else {
            diagnostics.report(
                .warning, "CSV-006", "row has no action code; the row was not used", at: file.at(line: line))
            return nil
        }
        guard let parsed = ActionCode(code) else {
            diagnostics.report(
                .warning, "RPT-002",
                "action code '\(code)' has no year-sequence part (expected e.g. 'SOCIEUX 2020-22 NIGERIA' or '2014-05'); it is used as written",
                at: file.at(line: line), record: code)
            return (code, code)
        }
        return (code, parsed.key)
    }
}
