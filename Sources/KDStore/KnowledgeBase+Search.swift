import Foundation
import GRDB
import KDCore

/// Full-text search of the lessons, widened by the taxonomy's sets of equivalent terms.
extension KnowledgeBase {
    /// A lesson found by a search, with its bm25 rank (lower is better) and a snippet around the matches.
    public struct Hit: Sendable, Hashable, Codable {
        public var id: String
        public var actionCode: String
        public var countryISO3: String?
        public var language: String?
        public var kind: String
        public var theme: String?
        /// Whom a recommendation is addressed to, when it says.
        public var addressee: String?
        public var text: String
        public var snippet: String
        public var sourceFile: String
        public var sourceLine: Int?
        public var rank: Double
    }

    /// Filters of a search.
    public struct Filters: Sendable {
        public var country: String?
        public var theme: String?
        public var kind: String?
        public var language: String?
        /// Only lessons first recorded by runs that started on or after this date (`2026-01-01`).
        public var since: String?
        /// Only recommendations addressed to this addressee (`facility`).
        public var addressee: String?

        /// No filter.
        public init(
            country: String? = nil, theme: String? = nil, kind: String? = nil, language: String? = nil, since: String? = nil,
            addressee: String? = nil
        ) {
            self.country = country
            self.theme = theme
            self.kind = kind
            self.language = language
            self.since = since
            self.addressee = addressee
        }
    }

    /// Lessons matching every word of `query` (case and accents ignored), best first; a term of a set of
    /// `equivalents` the query holds (`legal basis`) matches any term of its set (`cadre juridique`, `wettelijke
    /// basis`…). Without words (`query` blank), every lesson the filters keep, in id order.
    public func search(
        _ query: String, filters: Filters = Filters(), limit: Int = 20, equivalents: Equivalents = .none
    ) throws -> [Hit] {
        var sql: String
        var arguments: StatementArguments = []
        if query.allSatisfy(\.isWhitespace) {
            sql = """
                SELECT lesson.*, 0.0 AS rank, NULL AS snippet FROM lesson JOIN run ON run.id = lesson.firstRun WHERE 1
                """
        } else {
            let widened = Self.widened(query, by: equivalents)
            guard let pattern = widened.isEmpty ? FTS5Pattern(matchingAllTokensIn: query).map(\.rawPattern) : Self.pattern(query, widened)
            else { return [] }
            sql = """
                SELECT lesson.*, bm25(lessonText) AS rank, snippet(lessonText, 0, '[', ']', '…', 12) AS snippet
                FROM lesson JOIN lessonText ON lessonText.rowid = lesson.rowid
                JOIN run ON run.id = lesson.firstRun
                WHERE lessonText MATCH ?
                """
            _ = arguments.append(contentsOf: [pattern])
        }
        for (column, value) in [("lesson.countryISO3", filters.country?.uppercased()), ("lesson.theme", filters.theme),
                                ("lesson.kind", filters.kind), ("lesson.language", filters.language?.lowercased()),
                                ("lesson.addressee", filters.addressee)] {
            guard let value else { continue }
            sql += " AND \(column) = ?"
            _ = arguments.append(contentsOf: [value])
        }
        if let since = filters.since {
            sql += " AND run.startedAt >= ?"
            _ = arguments.append(contentsOf: [since])
        }
        sql += " ORDER BY rank, lesson.id LIMIT ?"
        _ = arguments.append(contentsOf: [limit])
        return try pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let text: String = row["text"]
                return Hit(
                    id: row["id"], actionCode: row["actionCode"], countryISO3: row["countryISO3"], language: row["language"],
                    kind: row["kind"], theme: row["theme"], addressee: row["addressee"], text: text, snippet: row["snippet"] ?? Self.opening(of: text),
                    sourceFile: row["sourceFile"], sourceLine: row["sourceLine"], rank: row["rank"])
            }
        }
    }

    /// A term of `query` that a set of equivalents widens: where its words lie among the query's words (split
    /// at white space), what they are, and its set's terms.
    public struct Widening: Sendable, Hashable {
        public var words: Range<Int>
        public var term: String
        public var set: [String]
    }

    /// The terms of `query` that `equivalents` widen, in order, none overlapping (the longest at a word first,
    /// of two as long, the set listed first); a widened term takes whole words of the query.
    public static func widened(_ query: String, by equivalents: Equivalents) -> [Widening] {
        guard !equivalents.sets.isEmpty else { return [] }
        // The query's words as written, and each folded word's written word (`d'emploi` folds to two).
        let written = query.split(whereSeparator: \.isWhitespace)
        var folded: [Substring] = []
        var owner: [Int] = []
        for (index, word) in written.enumerated() {
            let parts = Folding.words(of: Folding.fold(word))
            folded += parts
            owner += Array(repeating: index, count: parts.count)
        }
        var result: [Widening] = []
        var index = 0
        while index < folded.count {
            let found = equivalents.sets(at: index, in: folded)
            guard let best = found.min(by: { ($1.length, $0.set) < ($0.length, $1.set) }) else {
                index += 1
                continue
            }
            let words = owner[index]..<(owner[index + best.length - 1] + 1)
            // A term that starts or ends inside a written word, or overlaps the one before, is not widened.
            let whole = (index == 0 || owner[index - 1] != owner[index])
                && (index + best.length == folded.count || owner[index + best.length] != owner[index + best.length - 1])
            if whole, result.last.map({ $0.words.upperBound <= words.lowerBound }) ?? true {
                result.append(Widening(words: words, term: written[words].joined(separator: " "), set: equivalents.sets[best.set]))
            }
            index += best.length
        }
        return result
    }

    /// The FTS5 query: every word of `query` as a phrase, each widened term as any of its set's terms.
    static func pattern(_ query: String, _ widened: [Widening]) -> String {
        func phrase(_ text: some StringProtocol) -> String {
            "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        // A word of no letter or digit is no phrase FTS5 can look for: it is left out, as the tokenizer leaves it.
        let written = query.split(whereSeparator: \.isWhitespace).map { Folding.fold($0).isEmpty ? nil : $0 }
        var parts: [String] = []
        var index = 0
        for widening in widened {
            parts += written[index..<widening.words.lowerBound].compactMap { $0.map(phrase) }
            let terms = widening.set.compactMap { term -> String? in
                let stem = term.hasSuffix("*")
                let text = stem ? term.dropLast() : term[...]
                return Folding.fold(text).isEmpty ? nil : phrase(text) + (stem ? " *" : "")
            }
            parts.append("(" + terms.joined(separator: " OR ") + ")")
            index = widening.words.upperBound
        }
        parts += written[index...].compactMap { $0.map(phrase) }
        return parts.joined(separator: " AND ")
    }

    /// A lesson's first words, as a search without words shows it (a search with words shows them in context).
    static func opening(of text: String, words: Int = 12) -> String {
        let all = text.split(whereSeparator: \.isWhitespace)
        return all.prefix(words).joined(separator: " ") + (all.count > words ? "…" : "")
    }
}
