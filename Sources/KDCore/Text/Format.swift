/// Locale-independent number formatting for every output (a point for decimals, no grouping).
public enum Format {
    /// A count and its noun, singular for one: "1 file", "3 files", "2 activities" (with `plural` given).
    public static func counted(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : (plural ?? singular + "s"))"
    }

    /// `text`, or when it is longer than `limit` characters, its start and its end around a mark that says how
    /// much was cut: `actual 'xxxx… [899,450 characters cut] …xxxx' is not a number`. A text quoting the
    /// inputs stays readable, and bounded, whatever they hold.
    public static func shortened(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit, text.count > limit else { return text }
        let (head, tail) = (limit * 2 / 3, limit / 3)
        return "\(text.prefix(head))… [\(thousands(text.count - head - tail)) characters cut] …\(text.suffix(tail))"
    }

    /// `value` rounded to at most `digits` decimals, without trailing zeros: `45.5`, `1004106`, `-5.4`.
    public static func number(_ value: Double, digits: Int = 2) -> String {
        var bytes = ByteBuffer()
        write(value, digits: digits, to: &bytes)
        return bytes.text
    }

    /// Appends `number(value, digits:)` as UTF-8 bytes (nothing for a value that is not finite): the
    /// rounded value is spelled from its whole number of hundredths (or tenths…), without a String.
    public static func write(_ value: Double, digits: Int = 2, to bytes: inout ByteBuffer) {
        guard value.isFinite else { return }
        var scale = 1.0
        var unit: UInt64 = 1
        for _ in 0..<digits {
            scale *= 10
            unit *= 10
        }
        let scaled = (value * scale).rounded()
        // Beyond 10^15 units, doubles are too sparse for this spelling to be the shortest; Swift's is used.
        guard abs(scaled) < 1e15 else { return bytes.append(described(scaled / scale)) }
        let units = Int64(scaled)
        // A sign, at most 16 digits, a point and the decimals.
        bytes.write(upTo: 18 + digits) { out in
            var count = 0
            if units < 0 {
                out[0] = 0x2D
                count = 1
            }
            count += spell(units.magnitude / unit, into: out + count)
            var fraction = units.magnitude % unit
            guard fraction > 0 else { return count }
            out[count] = 0x2E
            count += 1
            var place = unit / 10
            while fraction > 0 {
                out[count] = 0x30 + UInt8(fraction / place)
                count += 1
                fraction %= place
                place /= 10
            }
            return count
        }
    }

    /// A rounded value as Swift spells it, without trailing zeros (for values beyond 10^15 units).
    private static func described(_ rounded: Double) -> String {
        if rounded == rounded.rounded(), abs(rounded) < 9.0e15 { return String(Int64(rounded)) }
        var text = "\(rounded)"
        if text.contains("e") { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Appends the decimal digits of `value`.
    public static func appendDigits(of value: UInt64, to bytes: inout ByteBuffer) {
        bytes.write(upTo: 20) { spell(value, into: $0) }
    }

    /// Writes the decimal digits of `value` at `out` (at most 20) and returns how many.
    @inline(__always)
    public static func spell(_ value: UInt64, into out: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        rest = value
        for index in stride(from: count - 1, through: 0, by: -1) {
            out[index] = 0x30 + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        return count
    }

    /// `number(value)` with thousands grouped by a narrow no-break space from 10 000 up (`1 250 000`),
    /// the grouping every reviewer's language reads the same way; for Markdown, never for CSV.
    public static func readable(_ value: Double, digits: Int = 2) -> String {
        let text = number(value, digits: digits)
        guard abs(value) >= 10_000, !text.contains("e") else { return text }
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        let result = grouped(parts[0], by: "\u{202F}") + (parts.count > 1 ? "." + parts[1] : "")
        return negative ? "-" + result : result
    }

    /// A count with its thousands grouped by commas (`100,000`), as kdpipe's messages name its limits.
    public static func thousands(_ value: Int) -> String {
        value < 0 ? "-" + grouped(String(-value)[...], by: ",") : grouped(String(value)[...], by: ",")
    }

    /// `digits` with `separator` before every group of three from the right.
    private static func grouped(_ digits: Substring, by separator: Character) -> String {
        var integer = Array(digits)
        var grouped: [Character] = []
        while integer.count > 3 {
            grouped = [separator] + integer.suffix(3) + grouped
            integer.removeLast(3)
        }
        return String(integer + grouped)
    }

    /// A signed change: `+2.5`, `-5.4`, `0`.
    public static func signed(_ value: Double, digits: Int = 2) -> String {
        let text = readable(value, digits: digits)
        return value > 0 && text != "0" ? "+" + text : text
    }
}
