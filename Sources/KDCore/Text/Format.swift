/// Locale-independent number formatting for every output (a point for decimals, no grouping).
public enum Format {
    /// `value` rounded to at most `digits` decimals, without trailing zeros: `45.5`, `1004106`, `-5.4`.
    public static func number(_ value: Double, digits: Int = 2) -> String {
        guard value.isFinite else { return "" }
        if let whole = whole(value, digits: digits) { return String(whole) }
        let rounded = self.rounded(value, digits: digits)
        var text = "\(rounded)"
        if text.contains("e") { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// The value rounded to `digits` decimals when that is a whole number (spelled without decimals by
    /// `number`), else nil.
    public static func whole(_ value: Double, digits: Int = 2) -> Int64? {
        let rounded = rounded(value, digits: digits)
        guard rounded == rounded.rounded(), abs(rounded) < 9.0e15 else { return nil }
        return Int64(rounded)
    }

    private static func rounded(_ value: Double, digits: Int) -> Double {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return (value * scale).rounded() / scale
    }

    /// `number(value)` with thousands grouped by a narrow no-break space from 10 000 up (`1 250 000`),
    /// the grouping every reviewer's language reads the same way; for Markdown, never for CSV.
    public static func readable(_ value: Double, digits: Int = 2) -> String {
        let text = number(value, digits: digits)
        guard abs(value) >= 10_000, !text.contains("e") else { return text }
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        var integer = Array(parts[0])
        var grouped: [Character] = []
        while integer.count > 3 {
            grouped = ["\u{202F}"] + integer.suffix(3) + grouped
            integer.removeLast(3)
        }
        let result = String(integer + grouped) + (parts.count > 1 ? "." + parts[1] : "")
        return negative ? "-" + result : result
    }

    /// A signed change: `+2.5`, `-5.4`, `0`.
    public static func signed(_ value: Double, digits: Int = 2) -> String {
        let text = readable(value, digits: digits)
        return value > 0 && text != "0" ? "+" + text : text
    }
}
