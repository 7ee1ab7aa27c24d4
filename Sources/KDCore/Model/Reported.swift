/// A value as written in the source, beside what could honestly be read from it.
public struct Reported<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The text exactly as the source gave it (trimmed of surrounding white space).
    public var raw: String
    /// The parsed value, or nil when the text could not be read as one.
    public var value: Value?

    /// A value not yet parsed.
    public init(raw: String, value: Value? = nil) {
        self.raw = raw
        self.value = value
    }
}

extension Reported: Codable where Value: Codable {}

/// A number as reported (`45,5 %`, `1 004 106`, `Not available`).
public typealias ReportedNumber = Reported<Double>
/// A date as reported (`01/10/2020`, `1 October 2020`, `octobre 2020`).
public typealias ReportedDate = Reported<PartialDate>

/// A calendar date that may be known only to the month or the year.
public struct PartialDate: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    /// The year.
    public var year: Int
    /// The month (1-12), when known.
    public var month: Int?
    /// The day of the month, when known.
    public var day: Int?

    /// Creates a date; `day` is ignored without `month`.
    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
    }

    /// ISO 8601 with the precision known: `2020`, `2020-10` or `2020-10-01`.
    public var description: String {
        var bytes = ByteBuffer()
        write(to: &bytes)
        return bytes.text
    }

    /// Appends `description` as UTF-8 bytes.
    public func write(to bytes: inout ByteBuffer) {
        if (0..<10_000).contains(year), month.map({ (0..<100).contains($0) }) ?? true, day.map({ (0..<100).contains($0) }) ?? true {
            // The usual case, in one write: fixed places, no digit count to find.
            let (year, month, day) = (year, month, day)
            return bytes.write(upTo: 10) { out in
                Self.place(year, digits: 4, at: out)
                guard let month else { return 4 }
                out[4] = 0x2D
                Self.place(month, digits: 2, at: out + 5)
                guard let day else { return 7 }
                out[7] = 0x2D
                Self.place(day, digits: 2, at: out + 8)
                return 10
            }
        }
        Self.append(year, digits: 4, to: &bytes)
        guard let month else { return }
        bytes.append(0x2D)
        Self.append(month, digits: 2, to: &bytes)
        guard let day else { return }
        bytes.append(0x2D)
        Self.append(day, digits: 2, to: &bytes)
    }

    /// Writes `value` (below 10^`digits`) as exactly `digits` digits, zero-padded, at `out`.
    @inline(__always)
    private static func place(_ value: Int, digits: Int, at out: UnsafeMutablePointer<UInt8>) {
        var rest = value
        for index in stride(from: digits - 1, through: 0, by: -1) {
            out[index] = 0x30 + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
    }

    /// A number zero-padded to `digits` (2 or 4) digits, as `String(format2:)` and `String(format4:)` spell it.
    private static func append(_ value: Int, digits: Int, to bytes: inout ByteBuffer) {
        guard value >= 0 else {
            bytes.append(digits == 2 ? String(format2: value) : String(format4: value))
            return
        }
        var power = 10
        for _ in 1..<digits {
            if value < power { bytes.append(0x30) }
            power *= 10
        }
        Format.appendDigits(of: UInt64(value), to: &bytes)
    }

    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        (lhs.year, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year, rhs.month ?? 0, rhs.day ?? 0)
    }
}

extension String {
    /// A number of at least two digits, zero-padded: `07`.
    public init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }

    /// A number of at least four digits, zero-padded: `0999`.
    public init(format4 value: Int) {
        var digits = "\(value)"
        while digits.count < 4 { digits = "0" + digits }
        self = digits
    }
}
