extension String {
    /// The text with the characters a terminal or a viewer would act on instead of showing spelled out as
    /// `\u{1B}`: C0 controls (tab excepted) and DEL, C1 controls (U+0080–U+009F), and the bidirectional
    /// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). Inputs may hold them (a CSV cell
    /// is any bytes), and a diagnostic that quotes them must not clear an analyst's screen, retitle the
    /// window, start a line that looks like another diagnostic, or show its words in another order. The
    /// text itself when it holds none, which a byte scan settles.
    public var controlsSpelledOut: String {
        // Every such character starts with a byte below 0x20, 0x7F, or the lead bytes 0xC2 (C1) and 0xE2
        // (the bidirectional controls): texts without them are returned as they are.
        guard utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }),
              unicodeScalars.contains(where: Self.isActedOn) else { return self }
        var result = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if Self.isActedOn(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    private static func isActedOn(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: false
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
