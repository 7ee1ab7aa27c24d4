import Foundation
import GRDB
import KDCore

/// The knowledge base: a SQLite database (GRDB, WAL so that reports and searches can read while a run
/// writes) that keeps every run with its counts and exit status, every input file seen (size, SHA-256,
/// first and last run), and the current interventions and lessons, with a full-text index of the lessons
/// (unicode61 with diacritics removed, so `lecons` finds `leçons`). Each run is recorded in one transaction.
public final class KnowledgeBase {
    /// The database; reached by the extensions in the files beside this one.
    let pool: DatabasePool

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

    /// The last run, when its inputs and settings had this fingerprint (then its report is still current).
    public func lastRun(withFingerprint fingerprint: String) throws -> RunSummary? {
        guard let last = try history(limit: 1).first else { return nil }
        let stored = try pool.read { db in
            try String.fetchOne(db, sql: "SELECT fingerprint FROM run WHERE id = ?", arguments: [last.id])
        }
        return stored == fingerprint ? last : nil
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
