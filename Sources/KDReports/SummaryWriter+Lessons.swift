import KDCore

/// The summary's lessons: those that recur across interventions, and every lesson by area, each written with
/// its source (and language) as the page reads it (`SummaryHTML.LessonLine`).
extension SummaryWriter {
    /// Lessons that recur across interventions, by theme, each with its count, countries and sources.
    func synthesisSection(_ batch: Batch) -> String {
        let recurring = batch.clusters.filter { $0.interventions.count > 1 }
        guard !recurring.isEmpty else { return "" }
        var out = "## Recurring lessons\n\n"
        out += "Lessons that say the same thing in more than one intervention (grouped by the words they share; "
        out += "`lesson_clusters.csv` lists every group), most recurrent first, by theme.\n\n"
        let lessons = Dictionary(uniqueKeysWithValues: batch.lessons.map { ($0.id, $0) })
        // Themes in the order of the headings a reader sees (their labels), groups of no theme last.
        let byTheme = Dictionary(grouping: recurring) { $0.theme.map { themeLabels[$0] ?? Labels.theme($0) } }
        for label in byTheme.keys.sorted(by: { ($0 == nil ? 1 : 0, $0 ?? "") < ($1 == nil ? 1 : 0, $1 ?? "") }) {
            out += "### \(MarkdownText.escaped(label ?? Labels.theme("unclassified")))\n\n"
            for cluster in byTheme[label]! {
                // The group's line: how many interventions, then its first lesson in bold, with its source; the
                // others under it, as lessons by area are written (so that the page marks each with its language).
                let names = cluster.countries.map { self.countries.name(of: $0) }.joined(separator: ", ")
                out += "- \(Format.counted(cluster.interventions.count, "intervention"))"
                out += names.isEmpty ? ": " : " (\(MarkdownText.escaped(names))): "
                let (text, cut) = Self.excerptParts(cluster.representative.text)
                out += "**\(text)**\(cut) \(Self.source(of: cluster.representative))\n"
                for id in cluster.lessonIDs where id != cluster.representative.id {
                    guard let lesson = lessons[id] else { continue }
                    out += "  - \(Self.excerpt(lesson.text)) \(Self.source(of: lesson))\n"
                }
            }
            out += "\n"
        }
        return out
    }

    func lessonSection(_ batch: Batch) -> String {
        var out = "## Lessons by area\n\n"
        guard !batch.lessons.isEmpty else { return out + "No lesson was drawn from the reports.\n\n" }
        if batch.lessons.contains(where: { $0.clusterID != nil }) {
            out += "A lesson that says the same as another of the same action and kind (a report and the lessons table "
            out += "often both give it) is written under it.\n\n"
        }
        let byArea = Dictionary(grouping: batch.lessons) { $0.area ?? "unspecified" }
        let areaOrder = ["social_protection", "labour", "employment"]
        for area in byArea.keys.sorted(by: { (areaOrder.firstIndex(of: $0) ?? 9, $0) < (areaOrder.firstIndex(of: $1) ?? 9, $1) }) {
            let lessons = byArea[area]!
            out += "### \(MarkdownText.escaped(Labels.area(area))) (\(Format.counted(lessons.count, "item")))\n\n"
            let bySection = Dictionary(grouping: lessons, by: \.section)
            for section in bySection.keys.sorted() {
                out += "#### \(section.label)\n\n"
                for lessons in Self.sameLessons(bySection[section]!) {
                    out += "- \(Self.excerpt(lessons[0].text)) \(Self.source(of: lessons[0]))\n"
                    for lesson in lessons.dropFirst() {
                        out += "  - \(Self.excerpt(lesson.text)) \(Self.source(of: lesson))\n"
                    }
                }
                out += "\n"
            }
        }
        return out
    }

    /// Lessons of one kind in id order, those of one action in one group together (under the first of them):
    /// the same lesson given twice, by a report and the lessons table, is one item.
    static func sameLessons(_ lessons: [Lesson]) -> [[Lesson]] {
        var items: [[Lesson]] = []
        var itemOf: [String: Int] = [:]
        for lesson in lessons.sorted(by: { $0.id < $1.id }) {
            let key = lesson.clusterID.map { "\(lesson.interventionID)\u{1F}\($0)" }
            if let key, let index = itemOf[key] {
                items[index].append(lesson)
            } else {
                if let key { itemOf[key] = items.count }
                items.append([lesson])
            }
        }
        return items
    }

    /// The longest lesson text the summary prints in full; longer ones are cut at a word, with the
    /// full text in lessons.csv.
    static let excerptLimit = 600

    /// What follows a cut lesson text, before the note that says so (in English, whatever the lesson's
    /// language; the page marks the lesson's language up to it).
    static let cutMark = " … ("

    /// A lesson's text as the summary prints it: cut when long, and escaped (`MarkdownText`).
    static func excerpt(_ text: String) -> String {
        let (kept, cut) = excerptParts(text)
        return kept + cut
    }

    /// The excerpt's text (escaped), and the note that it was cut (empty when it was not).
    static func excerptParts(_ text: String) -> (text: String, cut: String) {
        guard text.count > excerptLimit else { return (MarkdownText.escaped(text), "") }
        var cut = String(text.prefix(excerptLimit))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        return (MarkdownText.escaped(cut), cutMark + "\(text.count) characters; full text in lessons.csv)")
    }

    /// Where a lesson comes from, as the summary writes it after the lesson: `*[action (ISO3), language; file:line]*`
    /// (the page reads the language from it, `SummaryHTML.LessonLine`).
    static func source(of lesson: Lesson) -> String {
        let language = lesson.language.map { ", \($0)" } ?? ""
        let country = lesson.countryISO3.map { " (\($0))" } ?? ""
        return "*[\(MarkdownText.escaped("\(lesson.actionCode)\(country)\(language); \(lesson.location.description)"))]*"
    }
}
