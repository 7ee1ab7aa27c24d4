/// Locale-independent number formatting for every output (a point for decimals, no grouping).
public enum Format {
    /// `value` rounded to at most `digits` decimals, without trailing zeros: `45.5`, `1004106`, `-5.4`.
    public static func number(_ value: Double, digits: Int = 2) -> String {
        var bytes: [UInt8] = []
        write(value, digits: digits, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `number(value, digits:)` as UTF-8 bytes (nothing for a value that is not finite): the
    /// rounded value is spelled from its whole number of hundredths (or tenths…), without a String.
    public static func write(_ value: Double, digits: Int = 2, to bytes: inout [UInt8]) {
        guard value.isFinite else { return }
        var scale = 1.0
        var unit: UInt64 = 1
        for _ in 0..<digits {
            scale *= 10
            unit *= 10
        }
        let scaled = (value * scale).rounded()
        // Beyond 10^15 units, doubles are too sparse for this spelling to be the shortest; Swift's is used.
        guard abs(scaled) < 1e15 else { return bytes.append(contentsOf: described(scaled / scale).utf8) }
        var units = Int64(scaled)
        if units < 0 {
            bytes.append(0x2D)
            units = -units
        }
        appendDigits(of: UInt64(units) / unit, to: &bytes)
        var fraction = UInt64(units) % unit
        guard fraction > 0 else { return }
        bytes.append(0x2E)
        var place = unit / 10
        while fraction > 0 {
            bytes.append(0x30 + UInt8(fraction / place))
            fraction %= place
            place /= 10
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
    public static func appendDigits(of value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = 0x30 + UInt8(truncatingIfNeeded: value % 10)
                value /= 10
            } while value > 0
            // Byte by byte: cheaper than a bulk append for the few digits a number has.
            for index in start..<20 { bytes.append(digits[index]) }
        }
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
