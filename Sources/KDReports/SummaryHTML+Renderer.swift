import KDCore

extension SummaryHTML {
    /// Renders the blocks of the Markdown one after the other, line by line. Markdown's syntax is ASCII, so
    /// the text is read as bytes (a 12 MB summary renders in a fraction of a second).
    struct Renderer {
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
        /// The language of table cells quoting texts in other languages than English, by their bytes.
        private let languages: [[UInt8]: String]

        init(_ bytes: [UInt8], languages: [String: String] = [:]) {
            self.bytes = bytes
            self.languages = Dictionary(uniqueKeysWithValues: languages.map { (Array($0.key.utf8), $0.value) })
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
                    Inline.write(bytes, item.text.lowerBound..<lesson.text.lowerBound, to: &out)
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
                if tag.isBody, !languages.isEmpty, let language = languages[Array(bytes[cell])] {
                    out += "<td lang=\"\(language)\">".utf8
                } else {
                    out += numbers.contains(index) ? tag.openNumber : tag.open
                }
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
            let isBody: Bool

            init(_ name: String) {
                (open, openNumber, close) = (Array("<\(name)>".utf8), Array("<\(name) class=\"number\">".utf8), Array("</\(name)>".utf8))
                isBody = name == "td"
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
}
