import Foundation
import GRDB
import KDCore

/// The knowledge base: a SQLite database (GRDB, WAL so that reports and searches can read while a run
/// writes) that keeps every run with its counts and exit status, every input file seen (size, SHA-256,
/// first and last run), and the current interventions and lessons, with a full-text index of the lessons
/// (unicode61 with diacritics removed, so `lecons` finds `leçons`). Each run is recorded in one transaction.
public final class KnowledgeBase {
    private let pool: DatabasePool

    /// Opens (creating and migrating as needed) the database at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        pool = try DatabasePool(path: path, configuration: configuration)
        try Self.migrator.migrate(pool)
    }

    /// Whether `error` says the database file is damaged or is no SQLite database.
    public static func isDamaged(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
    }

    /// How long a write waits for another process's transaction on the same database (two runs sharing a
    /// knowledge base, one recording while the other would), in seconds, before it fails: a run records in
    /// one transaction of at most a few seconds, and SQLite's lock dies with the process that held it.
    public static let busyTimeout: TimeInterval = 300

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: runs, files, interventions, lessons") { db in
            try db.create(table: "run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("pipeline", .text).notNull()
                t.column("startedAt", .text).notNull()
                t.column("finishedAt", .text).notNull()
                t.column("exitStatus", .integer).notNull()
                t.column("inputs", .integer).notNull()
                t.column("interventions", .integer).notNull()
                t.column("indicatorPeriods", .integer).notNull()
                t.column("lessons", .integer).notNull()
                t.column("errors", .integer).notNull()
                t.column("warnings", .integer).notNull()
                t.column("notes", .integer).notNull()
            }
            try db.create(table: "inputFile") { t in
                t.primaryKey("path", .text)
                t.column("size", .integer).notNull()
                t.column("sha256", .text).notNull()
                t.column("firstRun", .integer).notNull().references("run")
                t.column("lastRun", .integer).notNull().references("run")
                t.column("status", .text).notNull()
            }
            try db.create(table: "intervention") { t in
                t.primaryKey("id", .text)
                t.column("actionCode", .text).notNull()
                t.column("origin", .text).notNull()
                t.column("countryISO3", .text)
                t.column("title", .text)
                t.column("area", .text)
                t.column("status", .text)
                t.column("startDate", .text)
                t.column("endDate", .text)
                t.column("sourceFile", .text).notNull()
                t.column("lastRun", .integer).notNull().references("run")
            }
            try db.create(table: "lesson") { t in
                t.primaryKey("id", .text)
                t.column("interventionID", .text).notNull()
                t.column("actionCode", .text).notNull()
                t.column("countryISO3", .text)
                t.column("language", .text)
                t.column("kind", .text).notNull()
                t.column("theme", .text)
                t.column("dacCriterion", .text)
                t.column("polarity", .text)
                t.column("text", .text).notNull()
                t.column("sourceFile", .text).notNull()
                t.column("sourceLine", .integer)
                t.column("firstRun", .integer).notNull().references("run")
                t.column("lastRun", .integer).notNull().references("run")
            }
            try db.create(virtualTable: "lessonText", using: FTS5()) { t in
                t.synchronize(withTable: "lesson")
                t.tokenizer = .unicode61(diacritics: .remove)
                t.column("text")
            }
        }
        migrator.registerMigration("v2: parsed files") { db in
            try db.create(table: "parsedFile") { t in
                t.primaryKey("key", .text)
                t.column("parse", .blob).notNull()
            }
        }
        migrator.registerMigration("v3: run fingerprint") { db in
            try db.alter(table: "run") { t in t.add(column: "fingerprint", .text) }
        }
        migrator.registerMigration("v4: the build a parse was made by") { db in
            // Parses kept before this have no build: the next run parses their files again.
            try db.alter(table: "parsedFile") { t in t.add(column: "build", .text) }
        }
        migrator.registerMigration("v5: a lesson is indexed again only when its text changes") { db in
            // Every run updates every lesson (its last run): the index GRDB keeps in step rewrote every text
            // each time, most of what recording 40,000 lessons cost.
            try db.execute(sql: """
                DROP TRIGGER IF EXISTS "__lessonText_au";
                CREATE TRIGGER "__lessonText_au" AFTER UPDATE OF "text" ON "lesson" WHEN old."text" IS NOT new."text" BEGIN
                    INSERT INTO "lessonText"("lessonText", "rowid", "text") VALUES('delete', old."rowid", old."text");
                    INSERT INTO "lessonText"("rowid", "text") VALUES (new."rowid", new."text");
                END;
                """)
        }
        migrator.registerMigration("v6: theme labels") { db in
            // What reviewers read for a theme key (`delivery_modality`: Remote and onsite delivery), from the
            // taxonomy of the last run, so that search takes a theme as the summary heads it.
            try db.create(table: "themeLabel") { t in
                t.primaryKey("key", .text)
                t.column("label", .text).notNull()
            }
        }
        migrator.registerMigration("v7: the addressee of a recommendation") { db in
            try db.alter(table: "lesson") { t in t.add(column: "addressee", .text) }
        }
        migrator.registerMigration("v8: equivalents") { db in
            // The taxonomy's sets of equivalents (`cadre juridique`, `wettelijke basis`…) of the last run, so that
            // a search for one term finds the lessons that give another.
            try db.create(table: "equivalent") { t in
                t.column("setIndex", .integer).notNull()
                t.column("position", .integer).notNull()
                t.column("term", .text).notNull()
                t.primaryKey(["setIndex", "position"])
            }
        }
        return migrator
    }

    /// The parses kept for these inputs (by `FileParse.key`) that `build` made: the files that have not
    /// changed since, read by the same code.
    public func cachedParses(for inputs: [InputFile], build: String) throws -> [String: FileParse] {
        let keys = Set(inputs.map(FileParse.key))
        let stored: [(key: String, data: Data)] = try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT key, parse FROM parsedFile WHERE build = ?", arguments: [build]).compactMap { row in
                let key: String = row["key"]
                return keys.contains(key) ? (key, row["parse"]) : nil
            }
        }
        // Decoded on every core: decoding was a quarter of a nightly run over 5,000 reports of which one changed.
        let decoded = stored.concurrentMap(chunk: 64) { try? JSONDecoder().decode(FileParse.self, from: $0.data) }
        var result: [String: FileParse] = [:]
        for (item, parse) in zip(stored, decoded) { result[item.key] = parse }
        return result
    }

    /// What one run did, for the history.
    public struct RunSummary: Sendable, Hashable, Codable {
        public var id: Int64
        public var pipeline: String
        public var startedAt: String
        public var finishedAt: String
        public var exitStatus: Int
        public var inputs: Int
        public var interventions: Int
        public var indicatorPeriods: Int
        public var lessons: Int
        public var errors: Int
        public var warnings: Int
        public var notes: Int
    }

    /// Records a run in one transaction: the run, its input files, and the interventions and lessons it
    /// produced (which replace those of earlier runs; lessons keep the run they were first seen in).
    /// `keptParses` names the parses the run took from here (`cachedParses`), which are not written again.
    @discardableResult
    public func record(
        pipeline: String, startedAt: String, finishedAt: String, exitStatus: Int, inputs: [InputFile],
        batch: Batch, indicatorPeriods: Int, lessons extra: [Lesson] = [], tally: DiagnosticTally, fingerprint: String? = nil,
        build: String, keptParses: Set<String> = [], themeLabels: [String: String] = [:], equivalents: [[String]] = []
    ) throws -> Int64 {
        // A parse taken from here for this build (`keptParses`) is here as it is: it is not written again. The
        // others are encoded on every core before the write (encoding 5,000 reports' parses took a second).
        let newParses = batch.parses.keys.filter { !keptParses.contains($0) }.sorted()
        let encodedParses = newParses.map { batch.parses[$0]! }.concurrentMap(chunk: 64) { parse in
            Result { () throws -> Data in
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                return try encoder.encode(parse)
            }
        }
        return try pool.write { db in
            let run = try Self.insertRun(db, RunSummary(
                id: 0, pipeline: pipeline, startedAt: startedAt, finishedAt: finishedAt, exitStatus: exitStatus,
                inputs: inputs.count, interventions: batch.interventions.count, indicatorPeriods: indicatorPeriods,
                lessons: batch.lessons.count + extra.count, errors: tally.count(.error), warnings: tally.count(.warning),
                notes: tally.count(.note)), fingerprint: fingerprint)
            let rejected = Set(batch.rejected.map(\.file))
            // Statements written once a row are prepared once (SQL compiled for each of 60,000 rows was a third of
            // recording 10,000 reports).
            let inputRow = try db.cachedStatement(sql: """
                INSERT INTO inputFile (path, size, sha256, firstRun, lastRun, status) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(path) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256,
                    lastRun = excluded.lastRun, status = excluded.status
                """)
            for file in inputs {
                try inputRow.execute(
                    arguments: [file.displayPath, file.size, file.sha256, run, run, rejected.contains(file.displayPath) ? "rejected" : "read"])
            }
            try db.execute(sql: "UPDATE inputFile SET status = 'withdrawn' WHERE lastRun < ?", arguments: [run])
            try db.execute(sql: "DELETE FROM intervention")
            let interventionRow = try db.cachedStatement(sql: """
                INSERT INTO intervention (id, actionCode, origin, countryISO3, title, area, status, startDate, endDate,
                                          sourceFile, lastRun) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for item in batch.interventions {
                try interventionRow.execute(
                    arguments: [item.id, item.actionCode, item.origin.rawValue, item.country.iso3, item.title, item.area?.value,
                                item.status?.value, item.start?.value?.description, item.end?.value?.description,
                                item.source.file, run])
            }
            let parseRow = try db.cachedStatement(sql: """
                INSERT INTO parsedFile (key, parse, build) VALUES (?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET parse = excluded.parse, build = excluded.build
                """)
            for (key, parse) in zip(newParses, encodedParses) { try parseRow.execute(arguments: [key, try parse.get(), build]) }
            try db.execute(sql: "DELETE FROM parsedFile WHERE key NOT IN (SELECT value FROM json_each(?))",
                           arguments: [String(decoding: try JSONEncoder().encode(Array(batch.parses.keys)), as: UTF8.self)])
            let current = batch.lessons + extra
            let ids = current.map(\.id)
            try db.execute(sql: "DELETE FROM lesson WHERE id NOT IN (SELECT value FROM json_each(?))",
                           arguments: [String(decoding: try JSONEncoder().encode(ids), as: UTF8.self)])
            let lessonRow = try db.cachedStatement(sql: """
                INSERT INTO lesson (id, interventionID, actionCode, countryISO3, language, kind, theme, dacCriterion,
                                    polarity, addressee, text, sourceFile, sourceLine, firstRun, lastRun)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET interventionID = excluded.interventionID, actionCode = excluded.actionCode,
                    countryISO3 = excluded.countryISO3, language = excluded.language, kind = excluded.kind,
                    theme = excluded.theme, dacCriterion = excluded.dacCriterion, polarity = excluded.polarity,
                    addressee = excluded.addressee, text = excluded.text, sourceFile = excluded.sourceFile, sourceLine = excluded.sourceLine,
                    lastRun = excluded.lastRun
                """)
            try db.execute(sql: "DELETE FROM themeLabel")
            for (key, label) in themeLabels.sorted(by: { $0.key < $1.key }) {
                try db.execute(sql: "INSERT INTO themeLabel (key, label) VALUES (?, ?)", arguments: [key, label])
            }
            try db.execute(sql: "DELETE FROM equivalent")
            for (index, set) in equivalents.enumerated() {
                for (position, term) in set.enumerated() {
                    try db.execute(
                        sql: "INSERT INTO equivalent (setIndex, position, term) VALUES (?, ?, ?)", arguments: [index, position, term])
                }
            }
            for lesson in current {
                try lessonRow.execute(
                    arguments: [lesson.id, lesson.interventionID, lesson.actionCode, lesson.countryISO3, lesson.language,
                                lesson.section.kind, lesson.themes.first, lesson.dacCriterion, lesson.polarity, lesson.addressee, lesson.text,
                                lesson.location.file, lesson.location.line, run, run])
            }
            return run
        }
    }

    /// The last run, when its inputs and settings had this fingerprint (then its report is still current).
    public func lastRun(withFingerprint fingerprint: String) throws -> RunSummary? {
        guard let last = try history(limit: 1).first else { return nil }
        let stored = try pool.read { db in
            try String.fetchOne(db, sql: "SELECT fingerprint FROM run WHERE id = ?", arguments: [last.id])
        }
        return stored == fingerprint ? last : nil
    }

    /// Records a run that found nothing new: the last run's counts, under a new start time.
    @discardableResult
    public func recordUnchanged(_ last: RunSummary, startedAt: String, finishedAt: String, fingerprint: String) throws -> Int64 {
        try pool.write { db in
            var run = last
            (run.startedAt, run.finishedAt) = (startedAt, finishedAt)
            let id = try Self.insertRun(db, run, fingerprint: fingerprint)
            try db.execute(sql: "UPDATE inputFile SET lastRun = ? WHERE status != 'withdrawn'", arguments: [id])
            return id
        }
    }

    /// Inserts a run row (its `id` is ignored) and returns the new id.
    private static func insertRun(_ db: Database, _ run: RunSummary, fingerprint: String?) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO run (pipeline, startedAt, finishedAt, exitStatus, inputs, interventions, indicatorPeriods,
                                 lessons, errors, warnings, notes, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [run.pipeline, run.startedAt, run.finishedAt, run.exitStatus, run.inputs, run.interventions,
                        run.indicatorPeriods, run.lessons, run.errors, run.warnings, run.notes, fingerprint])
        return db.lastInsertedRowID
    }

    /// The last runs, newest first.
    public func history(limit: Int = 20) throws -> [RunSummary] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run ORDER BY id DESC LIMIT ?", arguments: [limit]).map { row in
                RunSummary(
                    id: row["id"], pipeline: row["pipeline"], startedAt: row["startedAt"], finishedAt: row["finishedAt"],
                    exitStatus: row["exitStatus"], inputs: row["inputs"], interventions: row["interventions"],
                    indicatorPeriods: row["indicatorPeriods"], lessons: row["lessons"], errors: row["errors"],
                    warnings: row["warnings"], notes: row["notes"])
            }
        }
    }

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

    /// The sets of equivalents the last run recorded, in the taxonomy's order.
    public func equivalents() throws -> [[String]] {
        try pool.read { db in
            var sets: [[String]] = []
            for row in try Row.fetchAll(db, sql: "SELECT setIndex, term FROM equivalent ORDER BY setIndex, position") {
                let index: Int = row["setIndex"]
                while sets.count <= index { sets.append([]) }
                sets[index].append(row["term"])
            }
            return sets.filter { !$0.isEmpty }
        }
    }

    /// The addressees the recorded recommendations have, in order.
    public func addressees() throws -> [String] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT addressee FROM lesson WHERE addressee IS NOT NULL ORDER BY addressee")
        }
    }

    /// A lesson's first words, as a search without words shows it (a search with words shows them in context).
    static func opening(of text: String, words: Int = 12) -> String {
        let all = text.split(whereSeparator: \.isWhitespace)
        return all.prefix(words).joined(separator: " ") + (all.count > words ? "…" : "")
    }

    /// The themes the lessons have (each lesson's first), in order, each with its label where the taxonomy of
    /// the last run gave one.
    public func themes() throws -> [(key: String, label: String?)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT DISTINCT lesson.theme AS key, themeLabel.label AS label FROM lesson
                LEFT JOIN themeLabel ON themeLabel.key = lesson.theme WHERE lesson.theme IS NOT NULL ORDER BY lesson.theme
                """).map { ($0["key"], $0["label"]) }
        }
    }

    /// The status of an input file as last recorded: read, rejected or withdrawn (nil when never seen).
    public func fileStatus(_ path: String) throws -> String? {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT status FROM inputFile WHERE path = ?", arguments: [path]) }
    }

    /// SQLite's own check of the file (`PRAGMA integrity_check`): "ok" when sound.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }
}
