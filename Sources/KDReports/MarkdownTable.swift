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
        cell.replacingAll("|", with: "\\|").replacingAll("\n", with: " ")
    }
}
