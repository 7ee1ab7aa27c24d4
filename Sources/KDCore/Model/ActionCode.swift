/// A SOCIEUX+ action code: `SOCIEUX 2020-22 NIGERIA`, `SOCIEUX+ 2019-03 PERU` or the older `2014-05`.
///
/// The normalised key is year and sequence (`2020-22`); the country part is kept as written.
public struct ActionCode: Sendable, Hashable {
    /// Year of the request.
    public var year: Int
    /// Sequence number within the year.
    public var sequence: Int
    /// The country part as written (`NIGERIA`), when present.
    public var countryPart: String?

    /// The key used to join reports, register rows and indicator rows: `2020-22`.
    public var key: String { "\(year)-\(String(format2: sequence))" }

    /// Parses a code; nil when it has no `yyyy-nn` part.
    public init?(_ text: String) {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if let (year, sequence, next) = Self.yearAndSequence(scalars, from: index) {
                self.year = year
                self.sequence = sequence
                let rest = String(String.UnicodeScalarView(scalars[next...]))
                    .trimmingCharacters(in: " \t-–—:/")
                self.countryPart = rest.isEmpty ? nil : rest
                return
            }
            index += 1
        }
        return nil
    }

    /// Reads `yyyy-n[n]` (or `yyyy/nn`) starting at `start`, not inside a longer number.
    private static func yearAndSequence(
        _ scalars: [Unicode.Scalar], from start: Int
    ) -> (Int, Int, Int)? {
        func digit(_ i: Int) -> Int? {
            guard i < scalars.count, let value = scalars[i].properties.numericType == .decimal
                ? Int(String(scalars[i])) : nil else { return nil }
            return value
        }
        if start > 0, digit(start - 1) != nil { return nil }
        var year = 0
        for offset in 0..<4 {
            guard let d = digit(start + offset) else { return nil }
            year = year * 10 + d
        }
        guard (1990...2100).contains(year), start + 4 < scalars.count,
              "-/".unicodeScalars.contains(scalars[start + 4]) else { return nil }
        var index = start + 5
        var sequence = 0
        var digits = 0
        while let d = digit(index), digits < 3 {
            sequence = sequence * 10 + d
            index += 1
            digits += 1
        }
        guard digits > 0, digit(index) == nil else { return nil }
        return (year, sequence, index)
    }
}

extension String {
    /// The string without leading and trailing white space and characters of `set`.
    public func trimmingCharacters(in set: String) -> String {
        // Fast path: nothing to trim at either end (checked on bytes for ASCII edges).
        if let first = utf8.first, let last = utf8.last, first > 0x20, last > 0x20, first < 0x80, last < 0x80,
           !set.utf8.contains(first), !set.utf8.contains(last) {
            return self
        }
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) || first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) || last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
