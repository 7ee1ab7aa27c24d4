import KDCore

/// The summary's lessons: those that recur across interventions, and every lesson by area, each written with
/// its source (and language) as the page reads it (`SummaryHTML.LessonLine`).
extension SummaryWriter {
    /// Lessons by theme and by DAC criterion: how many, from how many interventions, and how many tell of a
    /// success or of a difficulty; the lessons of IATI activities counted as they streamed past.
    func lessonTallySection(_ input: SummaryInput) -> String {
        var tally = LessonTally()
        for lessons in Dictionary(grouping: input.batch.lessons, by: \.interventionID).values { tally.add(lessons) }
        tally.merge(input.iati.lessonTally)
        guard tally.lessons > 0 else { return "" }
        var out = "## Lessons by theme and DAC criterion\n\n"
        out += "Every lesson under its first theme (the one its words speak of most, or the one an analyst gave it) and "
        out += "under the OECD DAC criterion it speaks to, with the interventions that give such lessons and how many "
        out += "lessons tell of a success or of a difficulty (the others tell neither)"
        out += input.iati.lessons > 0 ? "; the lessons of IATI activities are counted too.\n\n" : ".\n\n"
        let columns = ["Lessons", "Interventions", "Successes", "Difficulties"]
        func cells(_ counts: LessonTally.Counts) -> [String] {
            [counts.lessons, counts.interventions, counts.successes, counts.difficulties].map { String($0) }
        }
        let noTaxonomy = "No lesson taxonomy was given (`lesson_taxonomy` in the pipeline, or `--taxonomy`), so "
        guard hasTaxonomy || tally.byTheme.keys.contains(where: { $0 != LessonTally.none }) else {
            return out + noTaxonomy + "the lessons were not classified.\n\n"
        }
        // The most first, among as many by the heading a reader sees; lessons of no theme last.
        var themes = MarkdownTable(["Theme"] + columns, rightAligned: [1, 2, 3, 4])
        let rows = tally.byTheme.map { key, counts in
            (label: key == LessonTally.none ? nil : themeLabel(key), counts: counts)
        }
        for row in rows.sorted(by: {
            ($0.label == nil ? 1 : 0, -$0.counts.lessons, $0.label ?? "") < ($1.label == nil ? 1 : 0, -$1.counts.lessons, $1.label ?? "")
        }) {
            themes.append([row.label ?? "No theme found"] + cells(row.counts))
        }
        out += themes.text + "\n"
        // The six criteria in the OECD's order (one no lesson speaks to shows 0), others a taxonomy adds after.
        guard tally.byCriterion.keys.contains(where: { $0 != LessonTally.none }) else {
            return out + (hasTaxonomy ? "No lesson was classified by DAC criterion.\n\n" : noTaxonomy + "no lesson was classified by DAC criterion.\n\n")
        }
        var criteria = MarkdownTable(["DAC criterion"] + columns, rightAligned: [1, 2, 3, 4])
        let others = tally.byCriterion.keys.filter { $0 != LessonTally.none && !Self.dacCriteria.contains($0) }.sorted()
        for key in Self.dacCriteria + others {
            criteria.append([Labels.theme(key)] + cells(tally.byCriterion[key] ?? LessonTally.Counts()))
        }
        if let none = tally.byCriterion[LessonTally.none] { criteria.append(["None found"] + cells(none)) }
        return out + criteria.text + "\n"
    }

    /// The OECD DAC evaluation criteria (2019), in their order.
    static let dacCriteria = ["relevance", "coherence", "effectiveness", "efficiency", "impact", "sustainability"]

    /// Lessons that recur across interventions (actions and IATI activities), by theme, each with its count,
    /// countries and sources.
    func synthesisSection(_ batch: Batch, iatiLessons: [Lesson] = []) -> String {
        let recurring = batch.clusters.filter { $0.interventions.count > 1 }
        guard !recurring.isEmpty else { return "" }
        var out = "## Recurring lessons\n\n"
        out += "Lessons that say the same thing in more than one intervention (grouped by the words they share; "
        out += "`lesson_clusters.csv` lists every group), most recurrent first, by theme.\n\n"
        let lessons = Dictionary((batch.lessons + iatiLessons).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Themes in the order of the headings a reader sees (their labels), groups of no theme last.
        let byTheme = Dictionary(grouping: recurring) { $0.theme.map(themeLabel) }
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
                let others = cluster.lessonIDs.filter { $0 != cluster.representative.id }.compactMap { lessons[$0] }
                for lesson in others.prefix(Self.groupMembersListed) {
                    out += "  - \(Self.excerpt(lesson.text)) \(Self.source(of: lesson))\n"
                }
                if others.count > Self.groupMembersListed {
                    out += "  - and \(Format.counted(others.count - Self.groupMembersListed, "more lesson"))"
                    out += " (`lesson_clusters.csv` lists them all)\n"
                }
            }
            out += "\n"
        }
        return out
    }

    /// The most lessons of a recurring group listed under its first (a text an IATI publisher repeats in every
    /// activity makes a group of thousands).
    static let groupMembersListed = 10

    /// Recommendations (of the reports and tables, and of the IATI activities kept to be grouped) by whom they
    /// are addressed to (the facility, the EU Delegation, the partner), those addressed listed under their
    /// addressee; nothing when no recommendation names one.
    func addresseeSection(_ batch: Batch, iatiLessons: [Lesson] = []) -> String {
        let recommendations = (batch.lessons + iatiLessons).filter { $0.section == .recommendations }
        let addressed = Dictionary(grouping: recommendations.filter { $0.addressee != nil }) { $0.addressee! }
        guard !addressed.isEmpty else { return "" }
        var out = "## Recommendations by addressee\n\n"
        out += "Whom the recommendations of the reports, the lessons table and the IATI activities are addressed to, as their "
        out += "words or the heading they stand under say (`addressee` in `lessons.csv`); those that do not say are under "
        out += iatiLessons.isEmpty ? "*Lessons by area*.\n\n" : "*Lessons by area* and *Lessons of IATI activities*.\n\n"
        func label(_ key: String) -> String { addresseeLabels[key] ?? Labels.theme(key) }
        let keys = addressed.keys.sorted { label($0) < label($1) }
        var table = MarkdownTable(["Addressee", "Recommendations", "Interventions"], rightAligned: [1, 2])
        for key in keys {
            table.append([label(key), String(addressed[key]!.count), String(Set(addressed[key]!.map(\.interventionID)).count)])
        }
        let unsaid = recommendations.filter { $0.addressee == nil }
        if !unsaid.isEmpty { table.append(["Not said", String(unsaid.count), String(Set(unsaid.map(\.interventionID)).count)]) }
        out += table.text + "\n"
        for key in keys {
            out += "### To \(MarkdownText.escaped(Self.lowercasedArticle(label(key))))\n\n"
            for lesson in addressed[key]!.sorted(by: { $0.id < $1.id }) {
                out += "- \(Self.excerpt(lesson.text)) \(Self.source(of: lesson))\n"
            }
            out += "\n"
        }
        return out
    }

    /// A label as it reads after "To": its leading article in lower case ("The facility": "the facility").
    static func lowercasedArticle(_ label: String) -> String {
        label.hasPrefix("The ") ? "the " + label.dropFirst(4) : label
    }

    func lessonSection(_ batch: Batch) -> String {
        var out = "## Lessons by area\n\n"
        guard !batch.lessons.isEmpty else { return out + "No lesson was drawn from the reports and tables.\n\n" }
        var body = ""
        var nested = false
        let byArea = Dictionary(grouping: batch.lessons) { $0.area ?? "unspecified" }
        let areaOrder = ["social_protection", "labour", "employment"]
        for area in byArea.keys.sorted(by: { (areaOrder.firstIndex(of: $0) ?? 9, $0) < (areaOrder.firstIndex(of: $1) ?? 9, $1) }) {
            let lessons = byArea[area]!
            body += "### \(MarkdownText.escaped(Labels.area(area))) (\(Format.counted(lessons.count, "item")))\n\n"
            nested = Self.lessonsByKind(lessons, heading: "####", into: &body).nested || nested
        }
        // Said only when some lesson is written under another.
        if nested {
            out += "A lesson that says the same as another of the same action and kind (a report and the lessons table "
            out += "often both give it) is written under it.\n\n"
        }
        return out + body
    }

    /// The lessons drawn from IATI activities' descriptions, by kind, as *Lessons by area* writes them: those
    /// kept to be grouped (`IATIStage.lessonsKept`), at most `iatiLessonsListed` of a kind; nothing when the
    /// activities gave none.
    func iatiLessonSection(_ input: SummaryInput) -> String {
        guard !input.iatiLessons.isEmpty else { return "" }
        var body = ""
        let written = Self.lessonsByKind(input.iatiLessons, heading: "###", limit: Self.iatiLessonsListed, into: &body)
        var out = "## Lessons of IATI activities\n\n"
        out += "The lessons, recommendations and other items found in the IATI activities' descriptions (under a heading "
        out += "such as *Lessons learned*), by kind, in the order of their activities' identifiers"
        if written.lessons < input.iati.lessons {
            out += "; \(Format.thousands(written.lessons)) of \(Format.thousands(input.iati.lessons)) are listed (at most "
            out += "\(Self.iatiLessonsListed) items of a kind; `lessons.csv` holds them all)"
        }
        out += ".\n\n"
        if written.nested { out += "A lesson that says the same as another of the same activity and kind is written under it.\n\n" }
        return out + body
    }

    /// The most lessons of one kind *Lessons of IATI activities* lists.
    static let iatiLessonsListed = 50

    /// Writes `lessons` under a heading (of level `heading`) for each kind, in id order, the same lesson of one
    /// action under the first (`sameLessons`); at most `limit` items of a kind. Returns how many lessons it
    /// wrote, and whether some under another.
    @discardableResult
    static func lessonsByKind(
        _ lessons: [Lesson], heading: String, limit: Int = .max, into body: inout String
    ) -> (lessons: Int, nested: Bool) {
        var (written, nested) = (0, false)
        let bySection = Dictionary(grouping: lessons, by: \.section)
        for section in bySection.keys.sorted() {
            body += "\(heading) \(section.label)\n\n"
            for lessons in sameLessons(bySection[section]!).prefix(limit) {
                body += "- \(excerpt(lessons[0].text)) \(source(of: lessons[0]))\n"
                for lesson in lessons.dropFirst() {
                    body += "  - \(excerpt(lesson.text)) \(source(of: lesson))\n"
                    nested = true
                }
                written += lessons.count
            }
            body += "\n"
        }
        return (written, nested)
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
