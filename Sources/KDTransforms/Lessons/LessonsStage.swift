import KDCore

/// Draws lessons, good practices, recommendations and challenges from the narrative sections of each
/// intervention: every structured item, and every paragraph of a section whose kind is declared or whose
/// heading the lexicon recognises. Sections whose heading matches nothing are kept as `other` and reported.
public struct LessonsStage: Stage {
    public static let name = "lessons"

    private let lexicon: HeadingLexicon
    private let splitter = LessonSplitter()
    private let detector = LanguageDetector()

    /// Creates the stage with a heading lexicon.
    public init(lexicon: HeadingLexicon = .standard) {
        self.lexicon = lexicon
    }

    public func run(_ batch: Batch, diagnostics: inout DiagnosticLog) -> Batch {
        var output = batch
        output.lessons = batch.interventions.flatMap { lessons(of: $0, diagnostics: &diagnostics) }
        return output
    }

    /// The language of a lesson: declared on its item or section; else detected from its words; else the
    /// report's, each with the method that gave it.
    private func language(of text: String, declared: String?, report: String?) -> (String?, String?) {
        if let declared { return (declared.lowercased(), "declared") }
        if let detected = detector.detect(text) { return (detected, LanguageDetector.method) }
        return (report, report == nil ? nil : "report")
    }

    /// Sections found in an IATI activity's free text: its descriptions, and its indicators' descriptions and
    /// comments, where a lesson heading opens a part of them.
    private func freeTextSections(of intervention: Intervention) -> [NarrativeSection] {
        guard let details = intervention.iati else { return [] }
        let finder = FreeTextSections(lexicon: lexicon)
        var found: [NarrativeSection] = []
        // Comments repeat on every period ("Source: annual report"): a text found without sections is not
        // searched again.
        var withoutSections = SeenTexts()
        func search(_ text: String?, language: String? = nil, at location: SourceLocation) {
            guard let text, !withoutSections.contains(text) else { return }
            let sections = finder.sections(in: text)
            if sections.isEmpty { withoutSections.insert(text) }
            for section in sections {
                var narrative = NarrativeSection(keys: section.keys, heading: section.heading, language: language, location: location)
                narrative.paragraphs = [NarrativeItem(text: section.body, location: location)]
                found.append(narrative)
            }
        }
        for description in details.descriptions {
            search(description.text, language: description.language, at: intervention.source)
        }
        // An activity has a few results, each repeated on its indicators. (Each field is read in place: a copy of
        // each indicator, all its texts and periods retained and released, was a fifth of this search.)
        var resultDescriptions = SeenTexts()
        let indicators = intervention.indicators
        for index in indicators.indices {
            let location = indicators[index].location
            if let result = indicators[index].resultDescription, !resultDescriptions.contains(result) {
                resultDescriptions.insert(result)
                search(result, at: location)
            }
            search(indicators[index].description, at: location)
            search(indicators[index].comment, at: location)
            for period in indicators[index].periods.indices { search(indicators[index].periods[period].comment, at: location) }
        }
        return found
    }

    /// The lessons of one intervention (the IATI lane calls this per activity).
    public func lessons(of intervention: Intervention, diagnostics: inout DiagnosticLog) -> [Lesson] {
        var result: [Lesson] = []
        for section in intervention.sections + freeTextSections(of: intervention) {
            var keys = section.keys
            if keys.isEmpty, let heading = section.heading { keys = lexicon.keys(for: heading) }
            if keys.isEmpty {
                diagnostics.report(
                    .note, "LSN-001",
                    "section '\(section.heading ?? "(no heading)")' names no kind of lesson (EN, FR, ES, PT, NL lexicon); its text is kept as 'other'",
                    at: section.location, record: intervention.id)
                keys = [.other]
            }
            // Items and paragraphs in the order they were written, each knowing which it is.
            let entries = section.items.map { (item: $0, isParagraph: false) } + section.paragraphs.map { (item: $0, isParagraph: true) }
            if entries.isEmpty {
                diagnostics.report(
                    .note, "LSN-002", "section '\(section.heading ?? keys[0].label)' is empty",
                    at: section.location, record: intervention.id)
            }
            for (entry, isParagraph) in entries.sorted(by: { $0.item.location < $1.item.location }) {
                let pieces = isParagraph
                    ? splitter.split(entry.text)
                    : [LessonSplitter.Piece(text: entry.text.collapsingWhitespace, lineOffset: 0)]
                for piece in pieces {
                    let (language, method) = language(of: piece.text, declared: entry.language ?? section.language, report: intervention.language)
                    var lesson = Lesson(
                        id: "\(intervention.id)-L\(String(format2: result.count + 1))",
                        interventionID: intervention.id, actionCode: intervention.actionCode,
                        countryISO3: intervention.country.iso3, area: intervention.area?.value,
                        language: language, section: entry.key ?? keys[0], heading: section.heading, text: piece.text,
                        location: entry.location.at(line: entry.location.line.map { $0 + piece.lineOffset }))
                    lesson.languageMethod = method
                    lesson.givenTheme = entry.theme
                    result.append(lesson)
                }
            }
        }
        return result
    }
}

/// Texts already met, in a list while they are few (an activity's handful of results and comments: cheaper
/// than hashing each), in a set past that (a hostile activity of 25,000 distinct comments or results took
/// seconds searched in a list).
struct SeenTexts {
    private var few: [String] = []
    private var many: Set<String>?
    private static let listed = 16

    func contains(_ text: String) -> Bool {
        many.map { $0.contains(text) } ?? few.contains(text)
    }

    mutating func insert(_ text: String) {
        if many != nil {
            many!.insert(text)
        } else if few.count < Self.listed {
            few.append(text)
        } else {
            many = Set(few + [text])
            few = []
        }
    }
}
