/// How a source writes decimal numbers, used to read `1,005` and `1.005` honestly.
public enum NumberStyle: String, Sendable, Hashable, Codable {
    /// `45,5` and `1.004.106`, as a report's language suggests (French, Spanish, Portuguese, Dutch): a lone
    /// `1,005` or `1.005` is read that way but flagged, since authors and translators mix conventions.
    case decimalComma
    /// `45.5` and `1,004,106`, as an English report suggests; `1,005` is read so and flagged.
    case decimalPoint
    /// Decimal commas for certain: a `;`-separated table (where `,` cannot separate fields).
    case commaDialect
    /// Decimal points for certain: a `,`-separated or IATI source (where `,` is never a decimal mark).
    case pointDialect
    /// Not known: a lone `1,005` is ambiguous and flagged.
    case unknown

    /// Whether a comma is the decimal mark (known or presumed).
    public var usesDecimalComma: Bool? {
        switch self {
        case .decimalComma, .commaDialect: true
        case .decimalPoint, .pointDialect: false
        case .unknown: nil
        }
    }

    /// Whether the style is certain (from the source's syntax) rather than presumed (from a language).
    public var isCertain: Bool { self == .commaDialect || self == .pointDialect }

    /// The style a document in `language` (ISO 639-1) uses.
    public init(language: String?) {
        switch language?.prefix(2).lowercased() {
        case "en": self = .decimalPoint
        case "fr", "es", "pt", "nl", "de", "it": self = .decimalComma
        default: self = .unknown
        }
    }
}
