import KDCore

/// Writes `summary.html`, the reviewers' page: `summary.md` rendered as one self-contained HTML file (its
/// style inline, no script, nothing fetched), with a list of contents.
///
/// It renders the Markdown `SummaryWriter` writes, and only that: ATX headings, paragraphs, `-` lists
/// (nested by two spaces), pipe tables with their alignment row, fenced code blocks, and inline `**strong**`,
/// `*emphasis*`, `` `code` `` and backslash escapes. Everything else is text, and every text is escaped for
/// HTML, so no markup from the inputs can reach the page: the summary holds no links, images or raw HTML,
/// and this renderer makes none. (Ink, the Markdown library this would otherwise use, passes an entity-like
/// run such as `&<img/src=x/onerror=…>;` through as it stands, backslashes and all, so a publisher's title
/// could run a script in a reviewer's browser whatever the Markdown escapes.) The page's
/// Content-Security-Policy forbids scripts and fetches in any case.
public enum SummaryHTML {
    /// The page for `summary`, the Markdown summary; the same Markdown (and `languages`) gives the same bytes.
    /// `languages` holds the language of texts in other languages than English that the summary's tables
    /// quote, by the text of their cell (`titleLanguages`): the page marks those cells with it, as it marks
    /// lessons.
    public static func render(_ summary: ReportFile, languages: [String: String] = [:]) -> ReportFile {
        ReportFile(name: "summary.html", content: page(summary.content, languages: languages))
    }

    /// The indicator titles of `batch`'s native reports that are not in English, each with the language its
    /// report declares, by the text of the table cell that shows it (`MarkdownTable.escape`). Only a title read
    /// from its report (a table's title may be in any language) and a BCP 47-shaped language are taken, and a
    /// title that reports give in two languages is left out.
    public static func titleLanguages(_ batch: Batch) -> [String: String] {
        var languages: [String: String?] = [:]
        for intervention in batch.interventions {
            let language = intervention.language?.lowercased()
            for indicator in intervention.indicators where indicator.location.file == intervention.source.file {
                let cell = MarkdownTable.escape(indicator.title)
                if let known = languages[cell] {
                    if known != language { languages[cell] = .some(nil) }
                } else {
                    languages[cell] = language
                }
            }
        }
        return languages.compactMapValues { language in
            guard let language, language != "en", !language.hasPrefix("en-"),
                  tagEnd(in: Array(language.utf8), 0..<language.utf8.count) == language.utf8.count
            else { return nil }
            return language
        }
    }

    /// The whole page for `markdown`.
    static func page(_ markdown: String, languages: [String: String] = [:]) -> String {
        var renderer = Renderer(Array(markdown.utf8), languages: languages)
        renderer.render()
        var out = Array("""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>\(escaped(renderer.title ?? "Summary"))</title>
            <style>
            \(style)</style>
            </head>
            <body>
            <main>

            """.utf8)
        renderer.writeBody(to: &out)
        out += "</main>\n</body>\n</html>\n".utf8
        return String(decoding: out, as: UTF8.self)
    }

    static let style = """
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #1d2327; background: #fff; }
        main { max-width: 72rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
        h1 { font-size: 1.75rem; margin: 0 0 .25rem; }
        h2 { font-size: 1.4rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid #d7dde3; }
        h3 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; }
        h4 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
        nav { background: #f4f6f8; border-radius: 6px; padding: .5rem 1.25rem; margin: 1rem 0 0; }
        nav h2 { font-size: 1rem; margin: .5rem 0 .25rem; padding: 0; border: 0; }
        nav ul { columns: 2 16rem; margin: .25rem 0 .5rem; }
        a { color: #0b5cad; }
        code { font: .9em ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: #f4f6f8; padding: 0 .2em; border-radius: 3px; }
        pre { background: #f4f6f8; padding: .75rem 1rem; white-space: pre-wrap; overflow-wrap: anywhere; border-radius: 6px; }
        pre code { background: none; padding: 0; }
        .table { overflow-x: auto; margin: .5rem 0 1rem; }
        table { border-collapse: collapse; font-size: .92rem; }
        th, td { border: 1px solid #d7dde3; padding: .3rem .6rem; vertical-align: top; }
        th { background: #eef1f4; text-align: left; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        .number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .bar { display: flex; width: 10rem; height: .85rem; margin: .2rem 0; background: #f4f6f8; }
        th span { display: inline-block; width: .7rem; height: .7rem; margin-right: .3rem; border-radius: 2px; }
        .a0 { background: #2166ac; } .a1 { background: #67a9cf; } .a2 { background: #f4a582; } .a3 { background: #b2182b; } .a4 { background: #bababa; }
        @media print { .bar span, th span { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
        li { margin: .2rem 0; }
        @media print { nav { display: none; } main { max-width: none; } h2 { break-after: avoid; } }

        """

    /// The achievement tables (a label, a column per `AchievementStatus` headed as `Labels.achievement` says,
    /// then the total) get a bar in each row on the page: each status's share of the row's indicator
    /// periods, in the colour its column's heading shows, and the counts in the bar's tooltip. The colours
    /// run from blue (achieved) to red (not achieved), which readers with red-green colour blindness also tell
    /// apart; n/a is grey. The Markdown is left as it is.
    enum AchievementBars {
        static let headings = AchievementStatus.allCases.map(Labels.achievement) + ["Total"]

        /// Whether a table with `header` is an achievement table.
        static func head(_ header: [String]) -> Bool {
            header.count == headings.count + 1 && header.dropFirst().elementsEqual(headings)
        }

        /// The bar cell for a row whose cells after the label are `counts` (one per status, then the total);
        /// an empty cell for a row without periods, or whose counts are not whole numbers that add up.
        static func write(counts: [Int?], to out: inout [UInt8]) {
            let statuses = AchievementStatus.allCases
            let counts = counts.compactMap { $0 }
            guard counts.count == statuses.count + 1, let total = counts.last, total > 0,
                  counts.dropLast().reduce(0, +) == total, counts.allSatisfy({ $0 >= 0 })
            else { return out += "<td></td>".utf8 }
            let tip = statuses.indices.filter { counts[$0] > 0 }.map { "\(counts[$0]) \(statuses[$0].label)" }
            out += "<td title=\"\(tip.joined(separator: ", "))\"><span class=\"bar\">".utf8
            for index in statuses.indices where counts[index] > 0 {
                let width = Format.number(Double(counts[index]) * 100 / Double(total), digits: 1)
                out += "<span class=\"a\(index)\" style=\"width:\(width)%\"></span>".utf8
            }
            out += "</span></td>".utf8
        }
    }

    /// A lesson as the summary lists it, `text *[action (ISO), language; source]*` (`SummaryWriter`'s
    /// lessons by area and recurring lessons; a group of recurring lessons leads with its count, `2
    /// interventions (…): **text** *[…]*`, and only the bold text is the lesson): on the page its text is
    /// marked with its language, for screen readers, hyphenation and translation, since the page itself is in
    /// English. Only a language tag of letters and digits in
    /// BCP 47's shape (`fr`, `pt-br`) is taken; a line without one is written as it is. The note after a
    /// cut text (from `SummaryWriter.cutMark`) is English, and is left out of the mark.
    struct LessonLine {
        /// The lesson's text, before its source (and before the note that it was cut).
        let text: Range<Int>
        /// Its language tag.
        let language: String

        init?(_ bytes: [UInt8], _ line: Range<Int>) {
            let opening = Array(" *[".utf8)
            guard line.count > opening.count + 2, bytes[line.upperBound - 2] == UInt8(ascii: "]"),
                  bytes[line.upperBound - 1] == UInt8(ascii: "*"),
                  let start = stride(from: line.upperBound - 3, through: line.lowerBound, by: -1).first(where: {
                      bytes[$0..<min($0 + opening.count, line.upperBound)].elementsEqual(opening)
                  })
            else { return nil }
            guard let tag = Self.languageTag(in: bytes, (start + opening.count)..<(line.upperBound - 2)) else { return nil }
            let cut = Array(SummaryWriter.cutMark.utf8)
            let end = stride(from: start - cut.count - 1, through: line.lowerBound, by: -1).first {
                bytes[$0..<($0 + cut.count)].elementsEqual(cut) && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0 + cut.count])
                    && bytes[start - 1] == UInt8(ascii: ")")
            } ?? start
            // A recurring lesson's line leads with its group's count: its lesson is the bold text that ends it.
            var first = line.lowerBound
            let bold = Array("**".utf8)
            if end - first > 4, bytes[(end - 2)..<end].elementsEqual(bold),
               let opening = (first..<(end - 3)).first(where: { bytes[$0..<($0 + 2)].elementsEqual(bold) }) {
                first = opening
            }
            (text, language) = (first..<end, String(decoding: bytes[tag], as: UTF8.self))
        }

        /// Where the first `, tag; ` of `range` holds its tag: a BCP 47-shaped tag (`SummaryHTML.tagEnd`).
        /// Scanned as bytes: a Swift regex took 80 µs a line, two of the three seconds of a summary of 25,000
        /// lessons.
        static func languageTag(in bytes: [UInt8], _ range: Range<Int>) -> Range<Int>? {
            var index = range.lowerBound
            while index + 1 < range.upperBound {
                defer { index += 1 }
                guard bytes[index] == UInt8(ascii: ","), bytes[index + 1] == UInt8(ascii: " ") else { continue }
                let first = index + 2
                guard let end = tagEnd(in: bytes, first..<range.upperBound) else { continue }
                if end + 1 < range.upperBound, bytes[end] == UInt8(ascii: ";"), bytes[end + 1] == UInt8(ascii: " ") {
                    return first..<end
                }
            }
            return nil
        }
    }

    /// The end of the language tag that starts `range`, when it starts with one in BCP 47's shape: two or three
    /// lower-case letters, then subtags of one to eight letters or digits after a `-` (`fr`, `pt-br`).
    static func tagEnd(in bytes: [UInt8], _ range: Range<Int>) -> Int? {
        func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
        func isLetterOrDigit(_ byte: UInt8) -> Bool { isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        /// The end of the run of at most `most` bytes from `start` that `accepts`.
        func run(from start: Int, most: Int, _ accepts: (UInt8) -> Bool) -> Int {
            var end = start
            while end < range.upperBound, end - start < most, accepts(bytes[end]) { end += 1 }
            return end
        }
        var end = run(from: range.lowerBound, most: 3, isLetter)
        guard end - range.lowerBound >= 2 else { return nil }
        while end + 1 < range.upperBound, bytes[end] == UInt8(ascii: "-") {
            let subtag = run(from: end + 1, most: 8, isLetterOrDigit)
            guard subtag > end + 1 else { break }
            end = subtag
        }
        return end
    }

    /// Text made safe to place in HTML, in an element or an attribute value.
    static func escaped(_ text: String) -> String {
        var out: [UInt8] = []
        appendEscaped(text.utf8, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `bytes` to `out`, with `<`, `>`, `&` and `"` written as entities.
    static func appendEscaped(_ bytes: some Sequence<UInt8>, to out: inout [UInt8]) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            default: out.append(byte)
            }
        }
    }

    /// How many times `byte` repeats in `bytes` from `start`, up to `end` (heading marks, fences, indentation,
    /// backtick runs).
    static func run(of byte: UInt8, in bytes: [UInt8], from start: Int, to end: Int) -> Int {
        var index = start
        while index < end, bytes[index] == byte { index += 1 }
        return index - start
    }
}
