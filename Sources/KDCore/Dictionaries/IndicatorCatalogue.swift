/// The indicators reviewers expect, with their names in five languages, matched against the free-text
/// titles of reported indicators (loaded from `Pipelines/indicators.yml`).
public struct IndicatorCatalogue: Sendable {
    /// One indicator of the catalogue.
    public struct Entry: Sendable, Hashable {
        /// The code (`SI.POV.GINI`, `SDG 1.3.1`, `KD.PEOPLE_TRAINED`).
        public var code: String
        /// Other codes it is published under.
        public var otherCodes: [String]
        /// poverty, inequality, coverage, employment or capacity.
        public var theme: String
        /// The unit it is published in.
        public var unit: String
        /// 100 when published on 0-100 (a value within 0-1 is then read as a share and converted); nil otherwise.
        public var scale: Double?
        /// Whether higher values are better.
        public var ascending: Bool
        /// Names and synonyms by language (ISO 639-1).
        public var names: [String: [String]]
        /// Titles that must match this entry (run by one generic test).
        public var examples: [String]

        /// Creates an entry.
        public init(
            code: String, otherCodes: [String] = [], theme: String, unit: String, scale: Double?, ascending: Bool,
            names: [String: [String]], examples: [String] = []
        ) {
            self.code = code
            self.otherCodes = otherCodes
            self.theme = theme
            self.unit = unit
            self.scale = scale
            self.ascending = ascending
            self.names = names
            self.examples = examples
        }
    }

    /// How a title was matched.
    public enum Method: String, Sendable, Hashable {
        /// The indicator's code is the entry's (case-insensitive).
        case code
        /// The whole title is one of the entry's names (case and accents ignored).
        case exactName = "exact_name"
        /// One of the entry's names appears in the title as whole words.
        case synonym
    }

    /// A match: the entry and how it was found.
    public struct Match: Sendable, Hashable {
        /// The entry.
        public var entry: Entry
        /// How.
        public var method: Method
        /// The name that matched, for `exactName` and `synonym`.
        public var name: String?
    }

    /// The entries, in file order.
    public let entries: [Entry]
    private let byCode: [String: Int]
    /// Every name, folded, and folded between spaces (to be found as whole words).
    private let byName: [(folded: String, padded: String, entry: Int, name: String)]

    /// A catalogue of `entries`.
    public init(entries: [Entry]) {
        self.entries = entries
        var byCode: [String: Int] = [:]
        var byName: [(String, Int, String)] = []
        for (index, entry) in entries.enumerated() {
            for code in [entry.code] + entry.otherCodes where byCode[code.lowercased()] == nil {
                byCode[code.lowercased()] = index
            }
            for name in entry.names.values.flatMap({ $0 }) {
                byName.append((Folding.fold(name), index, name))
            }
        }
        self.byCode = byCode
        // Longest names first, so that "taux d'extrême pauvreté" wins over "pauvreté extrême" and others.
        self.byName = byName.sorted { ($1.0.count, $0.1) < ($0.0.count, $1.1) }.map { ($0.0, " \($0.0) ", $0.1, $0.2) }
    }

    /// An empty catalogue (no indicator is matched).
    public static let empty = IndicatorCatalogue(entries: [])

    /// The entry for a code, title pair: by code first, then by exact name, then by the longest name found
    /// in the title as whole words; nil when nothing matches (never guessed further).
    public func match(code: String?, title: String) -> Match? {
        if let code, let index = byCode[code.trimmingCharacters(in: "").lowercased()] {
            return Match(entry: entries[index], method: .code, name: nil)
        }
        let folded = Folding.fold(title)
        if let exact = byName.first(where: { $0.folded == folded }) {
            return Match(entry: entries[exact.entry], method: .exactName, name: exact.name)
        }
        let padded = " \(folded) "
        if let found = byName.first(where: { !$0.folded.isEmpty && padded.containsBytes(of: $0.padded) }) {
            return Match(entry: entries[found.entry], method: .synonym, name: found.name)
        }
        return nil
    }
}
