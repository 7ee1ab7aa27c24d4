/// How a source writes decimal numbers, used to read `1,005` and `1.005` honestly.
public enum NumberStyle: String, Sendable, Hashable {
    /// `45,5` and `1.004.106` (French, Spanish, Portuguese, Dutch reports; `;`-separated CSV).
    case decimalComma
    /// `45.5` and `1,004,106` (English reports; `,`-separated CSV).
    case decimalPoint
    /// Not known: a lone `1,005` is ambiguous and flagged.
    case unknown

    /// The style a document in `language` (ISO 639-1) uses.
    public init(language: String?) {
        switch language?.prefix(2).lowercased() {
        case "en": self = .decimalPoint
        case "fr", "es", "pt", "nl", "de", "it": self = .decimalComma
        default: self = .unknown
        }
    }
}
