import Foundation
import GRDB
import KDCore

/// The database's tables, as migrations: a database made by an earlier kdpipe is brought up to date.
extension KnowledgeBase {
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
}
