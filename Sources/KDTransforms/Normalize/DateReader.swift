import KDCore

/// Reads dates as reports write them: `2020-10-01`, `01/10/2020` (day first), `1 October 2020`,
/// `1er octobre 2020`, `1 de octubre de 2020`, `octobre 2020`, `2020-10`, `2020`.
public struct DateReader: Sendable {
    /// Creates a reader.
    public init() {}

    /// What reading a text as a date found.
    public enum Reading: Equatable, Sendable {
        /// The date.
        case date(PartialDate)
        /// A date's shape, but no day of the calendar kdpipe reads: why, said to a reader
        /// (`the year 9999 lies outside 1900–2100`, `February 2021 has 28 days`).
        case impossible(String)
        /// No date's shape.
        case unreadable

        /// The date, if one was read.
        public var date: PartialDate? {
            if case .date(let date) = self { date } else { nil }
        }
    }

    /// The years a date is read in; a year outside them is a placeholder (`9999-12-31`) or a slip.
    public static let years = 1900...2100

    /// The date `text` names, or nil.
    public func read(_ text: String) -> PartialDate? { reading(text).date }

    /// The date `text` names, or why it names none.
    public func reading(_ text: String) -> Reading {
        if let iso = Self.isoDate(text) { return iso }
        let trimmed = text.trimmingCharacters(in: "")
        if let numeric = numeric(trimmed) { return numeric }
        return named(trimmed)
    }

    /// `yyyy-mm-dd` read straight from the bytes (IATI writes every date this way); nil for another shape.
    private static func isoDate(_ text: String) -> Reading? {
        var text = text
        return text.withUTF8 { bytes -> Reading? in
            guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = bytes[index] &- 0x30
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
            return DateReader().validated(year: year, month: month, day: day)
        }
    }

    /// `yyyy-mm-dd`, `yyyy-mm`, `yyyy`, and day-first `dd/mm/yyyy`, `dd.mm.yyyy`, `dd-mm-yyyy`: one to three
    /// groups of ASCII digits split by `-`, `/` or `.`, read from the bytes; nil for another shape.
    private func numeric(_ text: String) -> Reading? {
        text.withUTF8Bytes { bytes -> Reading? in
            // Each group's value and number of digits; more than three groups, or anything else, is no date.
            var groups: [(value: Int, digits: Int)] = []
            groups.reserveCapacity(3)
            var value = 0
            var digits = 0
            func close() -> Bool {
                guard digits > 0, groups.count < 3 else { return false }
                groups.append((value, digits))
                (value, digits) = (0, 0)
                return true
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    guard digits < 18 else { return nil }
                    value = value * 10 + Int(byte - UInt8(ascii: "0"))
                    digits += 1
                case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "."):
                    guard close() else { return nil }
                default:
                    return nil
                }
            }
            guard close() else { return nil }
            if groups[0].digits == 4 {
                return validated(
                    year: groups[0].value, month: groups.count > 1 ? groups[1].value : nil, day: groups.count > 2 ? groups[2].value : nil)
            }
            if groups.count == 3, groups[2].digits == 4 {
                return validated(year: groups[2].value, month: groups[1].value, day: groups[0].value, dayFirst: true)
            }
            if groups.count == 2, groups[1].digits == 4 {
                return validated(year: groups[1].value, month: groups[0].value, day: nil)
            }
            return nil
        }
    }

    /// Day, month name and year in any order a report uses, in EN, FR, ES, PT or NL.
    private func named(_ text: String) -> Reading {
        let words = Folding.words(of: Folding.fold(text)).map(String.init)
        var year: Int?
        var month: Int?
        var day: Int?
        for word in words {
            if let number = Int(word) {
                if word.count == 4 { year = number } else if day == nil { day = number } else { return .unreadable }
            } else if let ordinal = Self.ordinalDay(word) {
                day = ordinal
            } else if let found = Self.months[word] {
                guard month == nil else { return .unreadable }
                month = found
            } else if !Self.fillers.contains(word) {
                return .unreadable
            }
        }
        guard let year, let month else { return .unreadable }
        return validated(year: year, month: month, day: day)
    }

    /// The date, or why there is none; `dayFirst` when the text wrote the day before the month.
    fileprivate func validated(year: Int, month: Int?, day: Int?, dayFirst: Bool = false) -> Reading {
        guard Self.years.contains(year) else {
            return .impossible("the year \(year) lies outside \(Self.years.lowerBound)–\(Self.years.upperBound)")
        }
        guard let month else { return day == nil ? .date(PartialDate(year: year)) : .unreadable }
        guard (1...12).contains(month) else {
            return .impossible(dayFirst ? "there is no month \(month) (such dates are read day first: 31/12/2020)" : "there is no month \(month)")
        }
        guard let day else { return .date(PartialDate(year: year, month: month)) }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let length = switch month {
        case 2: leap ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
        guard (1...length).contains(day) else {
            return .impossible("\(Self.monthNames[month - 1]) \(year) has \(length) days")
        }
        return .date(PartialDate(year: year, month: month, day: day))
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    private static func ordinalDay(_ word: String) -> Int? {
        for suffix in ["er", "st", "nd", "rd", "th", "o", "e"] where word.hasSuffix(suffix) {
            if let number = Int(word.dropLast(suffix.count)), (1...31).contains(number) { return number }
        }
        return nil
    }

    private static let fillers: Set<String> = ["de", "del", "of", "the", "le", "el", "o"]

    private static let months: [String: Int] = {
        let names: [[String]] = [
            ["january", "janvier", "enero", "janeiro", "januari", "jan", "janv", "ene"],
            ["february", "fevrier", "febrero", "fevereiro", "februari", "feb", "fev", "fevr", "fevereiro"],
            ["march", "mars", "marzo", "marco", "maart", "mar", "mrt"],
            ["april", "avril", "abril", "apr", "avr", "abr"],
            ["may", "mai", "mayo", "maio", "mei", "may"],
            ["june", "juin", "junio", "junho", "juni", "jun"],
            ["july", "juillet", "julio", "julho", "juli", "jul", "juil"],
            ["august", "aout", "agosto", "augustus", "aug", "ago"],
            ["september", "septembre", "septiembre", "setiembre", "setembro", "sep", "sept", "set"],
            ["october", "octobre", "octubre", "outubro", "oktober", "oct", "out", "okt"],
            ["november", "novembre", "noviembre", "novembro", "nov"],
            ["december", "decembre", "diciembre", "dezembro", "dec", "dic", "dez"],
        ]
        var table: [String: Int] = [:]
        for (index, spellings) in names.enumerated() {
            for spelling in spellings { table[spelling] = index + 1 }
        }
        return table
    }()
}
