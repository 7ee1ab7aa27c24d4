import CKDBytes

/// Case- and accent-insensitive text keys, without Foundation.
///
/// `fold("Leçons apprises:")` is `"lecons apprises"`: lower case, Latin diacritics removed, every run of
/// characters that are neither letters nor digits turned into one space, trimmed.
public enum Folding {
    /// The folded key of `text`.
    ///
    /// Read as UTF-8: ASCII bytes (most of any text kdpipe folds) go through a 128-entry table; other
    /// scalars are decoded and looked up in a table made once when below U+2070, or go through their
    /// Unicode properties.
    public static func fold(_ text: some StringProtocol) -> String {
        text.withUTF8Bytes(fold(utf8:))
    }

    /// The words of a folded text (what `fold` returns), split at its spaces byte by byte: splitting a String
    /// at a Character walks its grapheme clusters, and took most of the time of classifying a lesson. Each word
    /// is a String of its own (up to 15 bytes, most words, held without an allocation), as a Substring.
    public static func words(of folded: String) -> [Substring] {
        var text = folded
        return text.withUTF8 { bytes in
            var words: [Substring] = []
            var start = 0
            func close(at end: Int) {
                if start < end { words.append(Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))) }
                start = end + 1
            }
            for index in 0..<bytes.count where bytes[index] == 0x20 { close(at: index) }
            close(at: bytes.count)
            return words
        }
    }

    /// How many words a folded text holds (`words(of:).count`, without making them).
    public static func wordCount(of folded: String) -> Int {
        var (count, inWord) = (0, false)
        for byte in folded.utf8 {
            if byte == 0x20 {
                inWord = false
            } else if !inWord {
                (count, inWord) = (count + 1, true)
            }
        }
        return count
    }

    /// `text` as a key of words: folded, its words joined by `_` (`Labour Inspection`, `labour-inspection`:
    /// `labour_inspection`), as table headers and themes are keyed.
    public static func key(_ text: some StringProtocol) -> String {
        words(of: fold(text)).joined(separator: "_")
    }

    /// `fold` on the bytes of a String (valid UTF-8).
    private static func fold(utf8 bytes: UnsafeBufferPointer<UInt8>) -> String {
        let table = commonScalars
        let ascii = asciiFolds
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                let folded = ascii[Int(byte)]
                if folded == 0 {
                    pendingSpace = true
                    continue
                }
                if pendingSpace, !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(folded)
                continue
            }
            let (value, length) = scalar(in: bytes, at: index)
            index += length
            switch value < UInt32(table.count) ? table[Int(value)] : classifyOther(Unicode.Scalar(value)!) {
            case .separator:
                pendingSpace = true
            case .mark:
                continue
            case .ascii(let byte):
                if pendingSpace, !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            case .bytes(let bytes):
                if pendingSpace, !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(contentsOf: bytes)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The scalar value of the multi-byte UTF-8 sequence starting at `index`, and its length.
    @inline(__always)
    private static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        func continuation(_ offset: Int) -> UInt32 { UInt32(bytes[index + offset]) & 0x3F }
        if lead < 0xE0 { return ((lead & 0x1F) << 6 | continuation(1), 2) }
        if lead < 0xF0 { return ((lead & 0x0F) << 12 | continuation(1) << 6 | continuation(2), 3) }
        return ((lead & 0x07) << 18 | continuation(1) << 12 | continuation(2) << 6 | continuation(3), 4)
    }

    /// What each ASCII byte folds to: its lower-case letter or digit, or 0 for a separator (ASCII has no
    /// combining marks).
    private static let asciiFolds: [UInt8] = (0..<0x80).map { value in
        if case .ascii(let byte) = commonScalars[value] { byte } else { 0 }
    }

    /// A scalar beyond the Latin table: lowered (possibly into several scalars), then classified.
    private static func classifyOther(_ scalar: Unicode.Scalar) -> Folded {
        let lowered = scalar.properties.lowercaseMapping.unicodeScalars.map(classify)
        guard lowered.count == 1 else { return joined(lowered) }
        return lowered[0]
    }

    /// Several folded scalars as one: their letters and digits together (a lowering never mixes in separators).
    private static func joined(_ parts: [Folded]) -> Folded {
        var bytes: [UInt8] = []
        for part in parts {
            switch part {
            case .ascii(let byte): bytes.append(byte)
            case .bytes(let more): bytes += more
            case .separator, .mark: break
            }
        }
        return bytes.isEmpty ? (parts.contains { if case .separator = $0 { true } else { false } } ? .separator : .mark) : .bytes(bytes)
    }

    /// What a lower-case scalar becomes in a folded key.
    private enum Folded {
        case separator, mark
        case ascii(UInt8)
        case bytes([UInt8])
    }

    private static func classify(_ lower: Unicode.Scalar) -> Folded {
        let base = baseLetter(lower)
        if base.properties.isAlphabetic || base.properties.numericType != nil {
            return base.isASCII ? .ascii(UInt8(base.value)) : .bytes(Array(String(base).utf8))
        }
        return base.properties.generalCategory == .nonspacingMark ? .mark : .separator
    }

    /// Folding of every scalar below U+2070 (Latin, Greek, Cyrillic… and General Punctuation, where dashes,
    /// bullets and typographic quotes live), computed once; surrogate code points never occur in a String.
    private static let commonScalars: [Folded] = (0..<0x2070).map { value in
        Unicode.Scalar(UInt32(value)).map(classifyOther) ?? .separator
    }

    /// The base letter of an accented Latin letter, or the scalar itself.
    public static func baseLetter(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard scalar.value >= 0xC0, scalar.value < 0x250 else { return scalar }
        return table[scalar] ?? scalar
    }

    private static let table: [Unicode.Scalar: Unicode.Scalar] = {
        let groups: [(Character, String)] = [
            ("a", "àáâãäåāăą"), ("c", "çćĉċč"), ("d", "ďđ"), ("e", "èéêëēĕėęě"),
            ("g", "ĝğġģ"), ("h", "ĥħ"), ("i", "ìíîïĩīĭįı"), ("j", "ĵ"), ("k", "ķ"),
            ("l", "ĺļľŀł"), ("n", "ñńņňŉ"), ("o", "òóôõöøōŏő"), ("r", "ŕŗř"),
            ("s", "śŝşš"), ("t", "ţťŧ"), ("u", "ùúûüũūŭůűų"), ("w", "ŵ"), ("y", "ýÿŷ"),
            ("z", "źżž"),
        ]
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (base, variants) in groups {
            for variant in variants.unicodeScalars {
                table[variant] = base.unicodeScalars.first!
            }
        }
        return table
    }()
}

extension String {
    /// The text with runs of white space folded into single spaces and trimmed.
    ///
    /// Works on UTF-8 bytes (ASCII white space: space, tab, line feed, carriage return, form feed, vertical
    /// tab) and returns the string itself when there is nothing to fold, which is the usual case.
    public var collapsingWhitespace: String { collapsedOrNil ?? "" }

    /// The text with white space folded (`collapsingWhitespace`), or nil when it is empty or blank: how
    /// kdpipe reads an XML attribute or a short element text.
    public var collapsedOrNil: String? {
        withUTF8Bytes { bytes in
            switch WhiteSpace.fold(bytes) {
            case .blank: nil
            case .unchanged: self
            case .folded(let text): text
            }
        }
    }

    /// nil when the string is empty after trimming white space, otherwise the trimmed string.
    public var nonEmpty: String? {
        let trimmed = trimmingCharacters(in: "")
        return trimmed.isEmpty ? nil : trimmed
    }

    /// Whether the string is empty or white space only (ASCII), without building a new string.
    public var isBlank: Bool {
        utf8.allSatisfy(WhiteSpace.isSpace)
    }
}

/// The white-space rule of `String.collapsedOrNil`, on UTF-8 bytes: runs of ASCII white space (space, tab,
/// line feed, carriage return, form feed, vertical tab) become one space, and the ends are trimmed.
public enum WhiteSpace {
    /// What folding makes of a text.
    public enum Outcome {
        case blank, unchanged
        case folded(String)
    }

    /// Whether `byte` is ASCII white space (space, tab, line feed, vertical tab, form feed, carriage return).
    public static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// Folds `bytes`, telling when there is nothing to fold (the usual case) so that no copy is made.
    public static func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        // Not plain: empty, or white space at an end, in a run or other than a space; only blank is left to tell.
        if isPlain(bytes) { return .unchanged }
        guard bytes.contains(where: { !isSpace($0) }) else { return .blank }
        var folded: [UInt8] = []
        folded.reserveCapacity(bytes.count)
        var pendingSpace = false
        for byte in bytes {
            if isSpace(byte) {
                pendingSpace = !folded.isEmpty
            } else {
                if pendingSpace { folded.append(0x20) }
                pendingSpace = false
                folded.append(byte)
            }
        }
        return .folded(String(decoding: folded, as: UTF8.self))
    }

    /// Whether `bytes` has nothing to fold: it neither starts nor ends with white space, holds no white space
    /// but single spaces, and is not empty (checked sixteen bytes at a time, `kd_holds_foldable_space`).
    /// False sends `fold` the long way.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = bytes.baseAddress, bytes.count > 0, !isSpace(bytes[0]), !isSpace(bytes[bytes.count - 1]) else {
            return false
        }
        return !kd_holds_foldable_space(start, bytes.count)
    }

    /// `bytes` folded into a String, or nil when blank.
    public static func folded(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        switch fold(bytes) {
        case .blank: nil
        case .unchanged: String(decoding: bytes, as: UTF8.self)
        case .folded(let text): text
        }
    }
}
