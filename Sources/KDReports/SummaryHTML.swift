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
    /// The page for `summary`, the Markdown summary; the same Markdown gives the same bytes.
    public static func render(_ summary: ReportFile) -> ReportFile {
        ReportFile(name: "summary.html", content: page(summary.content))
    }

    /// The whole page for `markdown`.
    static func page(_ markdown: String) -> String {
        var renderer = Renderer(Array(markdown.utf8))
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
    /// lessons by area): on the page its text is marked with its language, for screen readers, hyphenation
    /// and translation, since the page itself is in English. Only a language tag of letters and digits in
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
            let source = String(decoding: bytes[(start + opening.count)..<(line.upperBound - 2)], as: UTF8.self)
            guard let match = source.firstMatch(of: #/, ([a-z]{2,3}(?:-[a-z0-9]{1,8})*); /#) else { return nil }
            let cut = Array(SummaryWriter.cutMark.utf8)
            let end = stride(from: start - cut.count - 1, through: line.lowerBound, by: -1).first {
                bytes[$0..<($0 + cut.count)].elementsEqual(cut) && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0 + cut.count])
                    && bytes[start - 1] == UInt8(ascii: ")")
            } ?? start
            (text, language) = (line.lowerBound..<end, String(match.1))
        }
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
    private static func run(of byte: UInt8, in bytes: [UInt8], from start: Int, to end: Int) -> Int {
        var index = start
        while index < end, bytes[index] == byte { index += 1 }
        return index - start
    }

    /// Renders the blocks of the Markdown one after the other, line by line. Markdown's syntax is ASCII, so
    /// the text is read as bytes (a 12 MB summary renders in a fraction of a second).
    private struct Renderer {
        private let bytes: [UInt8]
        private var lines: ArraySlice<Range<Int>>
        private(set) var title: String?
        private var out: [UInt8] = []
        /// The level-2 headings, with their ids and rendered text, for the list of contents, and where the
        /// first one starts in `out`.
        private var contents: [(id: String, html: [UInt8])] = []
        private var firstSection: Int?
        /// The ids given so far.
        private var ids: Set<String> = []

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
            var lines: [Range<Int>] = []
            var start = 0
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
                lines.append(start..<index)
                start = index + 1
            }
            if start < bytes.count { lines.append(start..<bytes.count) }
            self.lines = lines[...]
        }

        mutating func render() {
            while let line = lines.first {
                if isBlank(line) {
                    lines.removeFirst()
                } else if hasPrefix(line, "```") {
                    codeBlock()
                } else if let level = headingLevel(line) {
                    lines.removeFirst()
                    heading(level, (line.lowerBound + level + 1)..<line.upperBound)
                } else if hasPrefix(line, "|") {
                    table()
                } else if listItem(line) != nil {
                    list()
                } else {
                    paragraph()
                }
            }
        }

        /// The rendered blocks, with the list of contents before the first level-2 heading.
        func writeBody(to page: inout [UInt8]) {
            guard let firstSection, contents.count > 1 else { return page += out }
            page += out[..<firstSection]
            page += "<nav>\n<h2>Contents</h2>\n<ul>\n".utf8
            for entry in contents { page += "<li><a href=\"#\(entry.id)\">".utf8 + entry.html + "</a></li>\n".utf8 }
            page += "</ul>\n</nav>\n".utf8
            page += out[firstSection...]
        }

        // MARK: Lines

        private func isBlank(_ line: Range<Int>) -> Bool {
            bytes[line].allSatisfy { $0 == UInt8(ascii: " ") }
        }

        private func hasPrefix(_ line: Range<Int>, _ prefix: StaticString) -> Bool {
            line.count >= prefix.utf8CodeUnitCount
                && (0..<prefix.utf8CodeUnitCount).allSatisfy { bytes[line.lowerBound + $0] == prefix.utf8Start[$0] }
        }

        /// How many times `byte` repeats from the start of `line` (`SummaryHTML.run`).
        private func count(_ byte: UInt8, in line: Range<Int>) -> Int {
            SummaryHTML.run(of: byte, in: bytes, from: line.lowerBound, to: line.upperBound)
        }

        private func startsBlock(_ line: Range<Int>) -> Bool {
            hasPrefix(line, "```") || hasPrefix(line, "|") || headingLevel(line) != nil || listItem(line) != nil
        }

        // MARK: Blocks

        private func headingLevel(_ line: Range<Int>) -> Int? {
            let hashes = count(UInt8(ascii: "#"), in: line)
            guard (1...6).contains(hashes), line.lowerBound + hashes < line.upperBound,
                  bytes[line.lowerBound + hashes] == UInt8(ascii: " ") else { return nil }
            return hashes
        }

        private mutating func heading(_ level: Int, _ text: Range<Int>) {
            let inline = Inline(bytes, text)
            let plain = inline.plain
            let id = uniqueID(for: plain)
            if level == 1, title == nil { title = plain }
            var html: [UInt8] = []
            inline.write(to: &html)
            if level == 2 {
                firstSection = firstSection ?? out.count
                contents.append((id, html))
            }
            out += "<h\(level) id=\"\(id)\">".utf8 + html + "</h\(level)>\n".utf8
        }

        /// An id made of the heading's letters and digits, unique in the page (`-2`, `-3`… when repeated).
        private mutating func uniqueID(for text: String) -> String {
            var slug = ""
            for scalar in text.lowercased().unicodeScalars {
                if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    slug.unicodeScalars.append(scalar)
                } else if !slug.isEmpty, !slug.hasSuffix("-") {
                    slug += "-"
                }
            }
            while slug.hasSuffix("-") { slug.removeLast() }
            if slug.isEmpty { slug = "section" }
            var id = slug
            var seen = 1
            while ids.contains(id) {
                seen += 1
                id = "\(slug)-\(seen)"
            }
            ids.insert(id)
            return id
        }

        private mutating func paragraph() {
            out += "<p>".utf8
            var first = true
            while let line = lines.first, !isBlank(line), first || !startsBlock(line) {
                if !first { out.append(UInt8(ascii: "\n")) }
                Inline.write(bytes, line, to: &out)
                lines.removeFirst()
                first = false
            }
            out += "</p>\n".utf8
        }

        /// A fenced code block: its text as it stands, to the closing fence (a line of at least as many
        /// backticks) or the end.
        private mutating func codeBlock() {
            let opening = lines.removeFirst()
            let fence = count(UInt8(ascii: "`"), in: opening)
            out += "<pre><code>".utf8
            while let line = lines.first {
                lines.removeFirst()
                if line.count >= fence, count(UInt8(ascii: "`"), in: line) == line.count { break }
                SummaryHTML.appendEscaped(bytes[line], to: &out)
                out.append(UInt8(ascii: "\n"))
            }
            out += "</code></pre>\n".utf8
        }

        /// The depth (0 for `- `, 1 for `  - `…) and text of a list item.
        private func listItem(_ line: Range<Int>) -> (depth: Int, text: Range<Int>)? {
            let indent = count(UInt8(ascii: " "), in: line)
            let marker = line.lowerBound + indent
            guard indent % 2 == 0, marker + 1 < line.upperBound, bytes[marker] == UInt8(ascii: "-"),
                  bytes[marker + 1] == UInt8(ascii: " ") else { return nil }
            return (indent / 2, (marker + 2)..<line.upperBound)
        }

        /// A list and the lists nested in its items (an item indented deeper than one level below the item
        /// before it counts as one level below).
        private mutating func list() {
            var depth = -1
            while let line = lines.first, let item = listItem(line) {
                lines.removeFirst()
                let itemDepth = min(item.depth, depth + 1)
                if itemDepth > depth {
                    out += (depth < 0 ? "<ul>\n" : "\n<ul>\n").utf8
                } else {
                    out += "</li>\n".utf8
                    for _ in itemDepth..<depth { out += "</ul>\n</li>\n".utf8 }
                }
                depth = itemDepth
                out += "<li>".utf8
                if let lesson = LessonLine(bytes, item.text) {
                    out += "<span lang=\"\(lesson.language)\">".utf8
                    Inline.write(bytes, lesson.text, to: &out)
                    out += "</span>".utf8
                    Inline.write(bytes, lesson.text.upperBound..<item.text.upperBound, to: &out)
                } else {
                    Inline.write(bytes, item.text, to: &out)
                }
            }
            for _ in 0...depth { out += "</li>\n</ul>\n".utf8 }
        }

        /// A pipe table: its header, its alignment row, and the rows after them.
        private mutating func table() {
            let header = cells(lines.removeFirst())
            var numbers: Set<Int> = []
            if let line = lines.first, hasPrefix(line, "|"), bytes[line].allSatisfy({ "|-: ".utf8.contains($0) }) {
                lines.removeFirst()
                for (index, cell) in cells(line).enumerated() where bytes[cell].last == UInt8(ascii: ":") { numbers.insert(index) }
            }
            let bars = AchievementBars.head(header.map { String(decoding: bytes[$0], as: UTF8.self) })
            out += "<div class=\"table\"><table>\n<thead>\n<tr>".utf8
            row(header, .header, numbers, keys: bars)
            if bars { out += "<th>Share</th>".utf8 }
            out += "</tr>\n</thead>\n<tbody>\n".utf8
            while let line = lines.first, hasPrefix(line, "|") {
                lines.removeFirst()
                let cells = cells(line)
                out += "<tr>".utf8
                row(cells, .body, numbers)
                if bars { AchievementBars.write(counts: cells.dropFirst().map { Int(String(decoding: bytes[$0], as: UTF8.self)) }, to: &out) }
                out += "</tr>\n".utf8
            }
            out += "</tbody>\n</table></div>\n".utf8
        }

        /// The cells of a row, without its `</tr>`; with `keys`, the status columns' headings each get the
        /// key of their colour in the bars.
        private mutating func row(_ cells: [Range<Int>], _ tag: CellTag, _ numbers: Set<Int>, keys: Bool = false) {
            for (index, cell) in cells.enumerated() {
                out += numbers.contains(index) ? tag.openNumber : tag.open
                if keys, AchievementStatus.allCases.indices.contains(index - 1) { out += "<span class=\"a\(index - 1)\"></span>".utf8 }
                Inline.write(bytes, cell, to: &out)
                out += tag.close
            }
        }

        /// The tags of a header or body cell, as bytes.
        private struct CellTag {
            let open: [UInt8]
            let openNumber: [UInt8]
            let close: [UInt8]

            init(_ name: String) {
                (open, openNumber, close) = (Array("<\(name)>".utf8), Array("<\(name) class=\"number\">".utf8), Array("</\(name)>".utf8))
            }

            static let header = CellTag("th")
            static let body = CellTag("td")
        }

        /// The cells of a table row (a line starting with `|`), split at each `|` not escaped, trimmed.
        private func cells(_ line: Range<Int>) -> [Range<Int>] {
            var cells: [Range<Int>] = []
            var start = line.lowerBound + 1
            var index = start
            while index < line.upperBound {
                if bytes[index] == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if bytes[index] == UInt8(ascii: "|") {
                    cells.append(trimmed(start..<index))
                    start = index + 1
                }
                index += 1
            }
            let rest = trimmed(start..<line.upperBound)
            if !rest.isEmpty { cells.append(rest) }
            return cells
        }

        private func trimmed(_ range: Range<Int>) -> Range<Int> {
            var (start, end) = (range.lowerBound, max(range.lowerBound, range.upperBound))
            while start < end, bytes[start] == UInt8(ascii: " ") { start += 1 }
            while end > start, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            return start..<end
        }
    }

    /// Inline Markdown: backslash escapes, code spans, `**strong**` and `*emphasis*` (a delimiter without
    /// its pair stays as written).
    struct Inline {
        private enum Piece {
            /// Bytes written as text.
            case text(Range<Int>)
            case code(Range<Int>)
            /// `*` or `**`, not yet known to open or close anything.
            case delimiter(Int)
            case open(Int)
            case close(Int)
        }

        private let bytes: [UInt8]
        private var pieces: [Piece] = []

        init(_ bytes: [UInt8], _ range: Range<Int>) {
            self.bytes = bytes
            var pending = range.lowerBound
            var index = range.lowerBound
            func flush(to end: Int) {
                if pending < end { pieces.append(.text(pending..<end)) }
            }
            while index < range.upperBound {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\"), index + 1 < range.upperBound, Self.escapable[Int(bytes[index + 1])] {
                    // The backslash is dropped; the character after it is text.
                    flush(to: index)
                    pending = index + 1
                    index += 2
                } else if byte == UInt8(ascii: "`") {
                    let run = SummaryHTML.run(of: byte, in: bytes, from: index, to: range.upperBound)
                    if let end = Self.closingRun(of: run, in: bytes, from: index + run, to: range.upperBound) {
                        flush(to: index)
                        pieces.append(.code((index + run)..<end))
                        index = end + run
                        pending = index
                    } else {
                        index += run
                    }
                } else if byte == UInt8(ascii: "*") {
                    let count = index + 1 < range.upperBound && bytes[index + 1] == byte ? 2 : 1
                    flush(to: index)
                    pieces.append(.delimiter(count))
                    index += count
                    pending = index
                } else {
                    index += 1
                }
            }
            flush(to: range.upperBound)
            // Each delimiter closes the nearest open one of its kind with nothing unclosed between them.
            var open: [Int] = []
            for position in pieces.indices {
                guard case .delimiter(let count) = pieces[position] else { continue }
                if let last = open.last, case .delimiter(count) = pieces[last] {
                    pieces[last] = .open(count)
                    pieces[position] = .close(count)
                    open.removeLast()
                } else {
                    open.append(position)
                }
            }
        }

        /// Writes the inline Markdown of `range` as HTML (text without markup straight, as most cells are).
        static func write(_ bytes: [UInt8], _ range: Range<Int>, to out: inout [UInt8]) {
            if bytes[range].contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "*") }) {
                Inline(bytes, range).write(to: &out)
            } else {
                SummaryHTML.appendEscaped(bytes[range], to: &out)
            }
        }

        func write(to out: inout [UInt8]) {
            for piece in pieces {
                switch piece {
                case .text(let range):
                    SummaryHTML.appendEscaped(bytes[range], to: &out)
                case .code(let range):
                    out += "<code>".utf8
                    SummaryHTML.appendEscaped(bytes[range], to: &out)
                    out += "</code>".utf8
                case .delimiter(let count): out += repeatElement(UInt8(ascii: "*"), count: count)
                case .open(let count): out += (count == 2 ? "<strong>" : "<em>").utf8
                case .close(let count): out += (count == 2 ? "</strong>" : "</em>").utf8
                }
            }
        }

        /// The text as a reader sees it, without markup (for the page's title and heading ids).
        var plain: String {
            var text: [UInt8] = []
            for piece in pieces {
                switch piece {
                case .text(let range), .code(let range): text += bytes[range]
                case .delimiter(let count): text += repeatElement(UInt8(ascii: "*"), count: count)
                case .open, .close: break
                }
            }
            return String(decoding: text, as: UTF8.self)
        }

        /// ASCII punctuation, which a backslash makes text.
        private static let escapable: [Bool] = (0...255).map { byte in
            (33...47).contains(byte) || (58...64).contains(byte) || (91...96).contains(byte) || (123...126).contains(byte)
        }

        /// Where a run of exactly `count` backticks starts between `start` and `end`, or nil.
        private static func closingRun(of count: Int, in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
            var index = start
            while index < end {
                guard bytes[index] == UInt8(ascii: "`") else {
                    index += 1
                    continue
                }
                let run = SummaryHTML.run(of: bytes[index], in: bytes, from: index, to: end)
                if run == count { return index }
                index += run
            }
            return nil
        }
    }
}
