import Foundation
import GRDB
import KDCore

/// What a run writes: its parses kept for the next run, and the run itself with its inputs, interventions
/// and lessons.
extension KnowledgeBase {
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
}
