import KDCore

/// Reads numbers as people write them: `45,5 %`, `1 004 106`, `1.004.106`, `12.5%`, `-3`.
///
/// The whole text must be a number (with an optional `%`); anything else (`Not available`,
/// `2015:1004106`) gives nil and the raw text is kept by the caller.
public struct NumberReader: Sendable {
    /// A number read from text.
    public struct Result: Sendable, Hashable {
        /// The value.
        public var value: Double
        /// Whether the text carried a `%` sign.
        public var isPercent: Bool
        /// Whether a single `,` or `.` before three digits could have been either a decimal or a group separator.
        public var ambiguous: Bool
    }

    /// Creates a reader.
    public init() {}

    /// Reads `text` in the given style; nil when it is not a number.
    public func read(_ text: String, style: NumberStyle) -> Result? {
        // Fast paths on bytes: plain integers and decimals with a point are read directly; text that
        // starts with a letter is no number at all.
        if let first = text.utf8.first {
            if (first >= 0x41 && first <= 0x5A) || (first >= 0x61 && first <= 0x7A) { return nil }
            if let plain = text.withUTF8Bytes(Self.plainNumber) { return plain }
        }
        // Any other ASCII character (a letter, a colon, a bracket…) makes the text no number; the reading
        // below would refuse it character by character.
        if text.utf8.contains(where: { $0 < 0x80 && !Self.mayBeInNumber($0) }) { return nil }
        var body = text.trimmingCharacters(in: "")
        var isPercent = false
        if body.hasSuffix("%") {
            isPercent = true
            body = String(body.dropLast()).trimmingCharacters(in: "")
        }
        var sign = 1.0
        if let first = body.first, first == "-" || first == "−" || first == "+" {
            if first != "+" { sign = -1 }
            body.removeFirst()
        }
        let groupSpaces: Set<Character> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}", "'"]
        // Group spaces are a space, an apostrophe or a non-ASCII space: without such a byte there is nothing to check.
        if body.utf8.contains(where: { $0 == 0x20 || $0 == 0x27 || $0 >= 0xC2 }) {
            guard Self.validSpaceGroups(body, separators: groupSpaces) else { return nil }
        }
        var characters: [Character] = []
        for character in body where !groupSpaces.contains(character) {
            guard character.isASCII, character.isNumber || character == "," || character == "." else { return nil }
            characters.append(character)
        }
        guard characters.contains(where: \.isNumber), characters.first?.isNumber == true || characters.first == "." || characters.first == ","
        else { return nil }

        let commas = characters.count { $0 == "," }
        let points = characters.count { $0 == "." }
        var decimal: Character?
        var ambiguous = false
        switch (commas, points) {
        case (0, 0):
            decimal = nil
        case (_, _) where commas > 0 && points > 0:
            decimal = characters.last { $0 == "," || $0 == "." }
            let group: Character = decimal == "," ? "." : ","
            if characters.count(where: { $0 == decimal }) > 1 || !Self.validGroups(characters, group: group, decimal: decimal) {
                return nil
            }
        case (1, 0), (0, 1):
            let separator: Character = commas == 1 ? "," : "."
            let index = characters.firstIndex(of: separator)!
            let integerPart = characters[..<index]
            let fraction = characters[characters.index(after: index)...]
            if Self.couldGroupThousands(integerDigits: integerPart.count, isZero: integerPart == ["0"], fractionDigits: fraction.count) {
                // `1,005` / `1.005`: a decimal or a thousands separator. The source's style decides; unless that
                // style is certain (a table's delimiter), the reading is flagged.
                switch style.usesDecimalComma {
                case .some(let comma): decimal = (separator == ",") == comma ? separator : nil
                case .none: decimal = separator
                }
                ambiguous = !style.isCertain
            } else {
                decimal = separator
            }
        default:
            let separator: Character = commas > 1 ? "," : "."
            guard Self.validGroups(characters, group: separator, decimal: nil) else { return nil }
            decimal = nil
        }
        let normalised = String(characters.compactMap { character -> Character? in
            if character == decimal { return "." }
            return character.isNumber ? character : nil
        })
        guard let value = Double(normalised) else { return nil }
        return Result(value: sign * value, isPercent: isPercent, ambiguous: ambiguous)
    }

    /// Powers of ten that a double holds exactly, up to the 14 decimals a 15-byte number can have.
    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14]

    /// Reads at most 15 bytes of digits, with at most one point between digits (`1004106`, `45.5`, `0.125`),
    /// straight from the bytes; nil for anything else, and for `1.005`-like text (see `couldGroupThousands`).
    ///
    /// Exact, as `Double(text)` is: the digits make a whole number below 10^15, which a double holds exactly,
    /// and dividing it by an exact power of ten rounds once, correctly (the classic fast path of `strtod`).
    private static func plainNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Result? {
        guard bytes.count <= 15 else { return nil }
        var significand: UInt64 = 0
        var point: Int?
        for index in bytes.indices {
            let byte = bytes[index]
            if byte >= 0x30 && byte <= 0x39 {
                significand = significand * 10 + UInt64(byte - 0x30)
            } else if byte == 0x2E, point == nil {
                point = index
            } else {
                return nil
            }
        }
        guard let point else { return Result(value: Double(significand), isPercent: false, ambiguous: false) }
        let fractionDigits = bytes.count - point - 1
        guard point > 0, fractionDigits > 0,
              !couldGroupThousands(integerDigits: point, isZero: point == 1 && bytes[0] == 0x30, fractionDigits: fractionDigits)
        else { return nil }
        return Result(value: Double(significand) / powersOfTen[fractionDigits], isPercent: false, ambiguous: false)
    }

    /// The ASCII characters a number may hold: digits, separators, signs, `%`, group spaces and apostrophes,
    /// and white space around it.
    private static func mayBeInNumber(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x2C, 0x2E, 0x25, 0x2D, 0x2B, 0x27: true
        default: WhiteSpace.isSpace(byte)
        }
    }

    /// Whether a single `,` or `.` between `integerDigits` and `fractionDigits` digits could be a thousands
    /// separator (`1,005`, `12.500`) rather than a decimal one: three digits after it, one to three before,
    /// and not `0` before it.
    private static func couldGroupThousands(integerDigits: Int, isZero: Bool, fractionDigits: Int) -> Bool {
        fractionDigits == 3 && (1...3).contains(integerDigits) && !isZero
    }

    /// Reads the number inside a value that carries a note, as IATI publishers write them:
    /// `2015:1004106` (a year prefix) and `1584728 (158%)` (a parenthetical comment). Returns nil unless
    /// what remains once the prefix and the comment are set aside is a number.
    public func readEmbedded(_ text: String, style: NumberStyle) -> Result? {
        var trimmed = text.trimmingCharacters(in: "")
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII text (as IATI values are), read on its bytes: one character is one byte.
            let candidate = trimmed.withUTF8 { bytes -> String? in
                var (start, end) = (0, bytes.count)
                if end > 5, bytes[4] == 0x3A, bytes[0..<4].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { start = 5 }
                if start < end, bytes[end - 1] == 0x29, let open = bytes[start..<end].firstIndex(of: 0x28) { end = open }
                while start < end, WhiteSpace.isSpace(bytes[start]) { start += 1 }
                while end > start, WhiteSpace.isSpace(bytes[end - 1]) { end -= 1 }
                guard start < end, end - start < bytes.count else { return nil }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            }
            return candidate.flatMap { read($0, style: style) }
        }
        var body = Substring(trimmed)
        if body.count > 5, body.prefix(4).allSatisfy(\.isNumber), body.dropFirst(4).first == ":" {
            body = body.dropFirst(5)
        }
        if let open = body.firstIndex(of: "("), body.hasSuffix(")") {
            body = body[..<open]
        }
        let candidate = String(body).trimmingCharacters(in: "")
        guard candidate != trimmed, !candidate.isEmpty else { return nil }
        return read(candidate, style: style)
    }

    /// Whether spaces (or apostrophes) split the integer part into groups of three after a first group of
    /// one to three digits: `1 004 106,5` yes, `12 345 6` no.
    private static func validSpaceGroups(_ body: String, separators: Set<Character>) -> Bool {
        let groups = body.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) })
        guard groups.count > 1 else { return true }
        guard let first = groups.first, (1...3).contains(first.count), first.allSatisfy(\.isNumber) else { return false }
        for (index, group) in groups.enumerated().dropFirst() {
            let leading = group.prefix(while: \.isNumber)
            let isLast = index == groups.count - 1
            guard leading.count == 3, isLast || leading.count == group.count else { return false }
        }
        return true
    }

    /// Whether group separators split the integer part into groups of three after the first.
    private static func validGroups(_ characters: [Character], group: Character, decimal: Character?) -> Bool {
        let integerPart = decimal.flatMap { d in characters.lastIndex(of: d).map { Array(characters[..<$0]) } } ?? characters
        let groups = integerPart.split(separator: group, omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count) || groups.count == 1 else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}
