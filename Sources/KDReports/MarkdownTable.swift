/// A GitHub-flavoured Markdown table; cells are escaped so a `|` or a line break cannot break it.
struct MarkdownTable {
    private var lines: [String]

    /// Starts a table; `rightAligned` names the columns holding numbers.
    init(_ header: [String], rightAligned: Set<Int> = []) {
        lines = [Self.row(header)]
        lines.append("|" + header.indices.map { rightAligned.contains($0) ? " ---: |" : " --- |" }.joined())
    }

    mutating func append(_ cells: [String]) {
        lines.append(Self.row(cells))
    }

    var text: String { lines.joined(separator: "\n") + "\n" }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.map(escape).joined(separator: " | ") + " |"
    }

    static func escape(_ cell: String) -> String {
        MarkdownText.escaped(cell, inTable: true)
    }
}

/// Text from the inputs, made safe to place in Markdown: it reads as the same words and cannot become
/// markup. Reports carry what publishers wrote, and a reviewer's Markdown viewer must not run an HTML tag
/// (`<script>`, `<img onerror=…>`), follow a link (`[x](javascript:…)`) or fetch an image
/// (`![](http://…)`) hidden in a title or a lesson. So `<` (which opens every tag and autolink), `[` (every
/// link and image), the backtick and `*` (code and emphasis that would run into the summary's own), and the
/// backslash itself are escaped with a backslash; every CommonMark viewer shows the character. `>`, `]` and
/// `_` cannot open anything there, and are left as written for those who read the file as text. Line breaks
/// become spaces, so that a text cannot start a heading, a list or a code block of its own, and other control
/// characters are spelled out (`String.controlsSpelledOut`), so that `cat summary.md` cannot drive a terminal.
enum MarkdownText {
    /// In a table cell (`inTable`), `|` is escaped too.
    static func escaped(_ text: String, inTable: Bool = false) -> String {
        let escapes = inTable ? cellSpecial : special
        var text = text
        if text.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
            text = String(decoding: text.utf8.map { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
        }
        // Other control characters are spelled out (`\u{1B}`); that backslash is escaped below in turn.
        text = text.controlsSpelledOut
        guard text.utf8.contains(where: { escapes[Int($0)] }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if escapes[Int(byte)] { bytes.append(UInt8(ascii: "\\")) }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The bytes `escaped` puts a backslash before, in text and in a table cell.
    private static let special: [Bool] = (0...255).map { byte in
        "\\`*[<".utf8.contains(UInt8(byte))
    }
    private static let cellSpecial: [Bool] = (0...255).map { byte in
        "\\`*[<|".utf8.contains(UInt8(byte))
    }

    /// A code fence longer than any run of backticks in `text`, so that the text cannot close it.
    static func fence(for text: String) -> String {
        var longest = 0
        var run = 0
        for byte in text.utf8 {
            run = byte == UInt8(ascii: "`") ? run + 1 : 0
            longest = max(longest, run)
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }
}
