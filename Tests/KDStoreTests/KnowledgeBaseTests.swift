import Foundation
import GRDB
import KDCore
@testable import KDStore
import KDTestSupport
import Testing

@Suite struct KnowledgeBaseTests {
    static func lesson(_ id: String, _ country: String, _ language: String, _ kind: SectionKey, _ text: String) -> Lesson {
        var lesson = Lesson(
            id: id, interventionID: String(id.prefix(7)), actionCode: "SOCIEUX+ \(id.prefix(7))", countryISO3: country,
            area: "social_protection", language: language, section: kind, heading: nil, text: text,
            location: SourceLocation(file: "r.xml", line: 3))
        lesson.themes = ["social_assistance"]
        return lesson
    }

    static func batch() -> Batch {
        var batch = Batch(inputs: [InputFile(path: "/x/r.xml", displayPath: "r.xml", size: 10, sha256: "ab")])
        var item = Intervention(id: "2019-07", actionCode: "SOCIEUX+ 2019-07 SENEGAL", source: SourceLocation(file: "r.xml"), origin: .report)
        item.country.iso3 = "SEN"
        batch.interventions = [item]
        batch.lessons = [
            lesson("2019-07-L01", "SEN", "fr", .lessonsLearned, "Les leçons apprises : la mise à jour continue du registre coûte moins cher."),
            lesson("2019-07-L02", "SEN", "fr", .recommendations, "Adopter un décret sur le partage des données du registre ; le registre doit être mis à jour."),
            lesson("2020-09-L01", "MOZ", "pt", .lessonsLearned, "Os pagamentos por carteira móvel exigem agentes com liquidez."),
        ]
        return batch
    }

    @Test func recordsRunsAndFindsLessonsAcrossAccentsInRankedOrder() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = try KnowledgeBase(path: folder.appendingPathComponent("kb.sqlite").path)
        var tally = DiagnosticTally()
        tally.add(Diagnostic(.warning, "NRM-003", "x"))
        for stamp in ["2026-11-01T02:30:00Z", "2026-11-02T02:30:00Z"] {
            try base.record(pipeline: "test", startedAt: stamp, finishedAt: stamp, exitStatus: 0, inputs: Self.batch().inputs,
                            batch: Self.batch(), indicatorPeriods: 4, tally: tally, build: "test")
        }
        let history = try base.history()
        #expect(history.map(\.startedAt) == ["2026-11-02T02:30:00Z", "2026-11-01T02:30:00Z"])
        #expect(history[0].lessons == 3)
        #expect(history[0].warnings == 1)
        // Without accents, `lecons` finds `leçons`; `registre` ranks the lesson that says it twice first.
        #expect(try base.search("lecons").map(\.id) == ["2019-07-L01"])
        #expect(try base.search("registre").map(\.id) == ["2019-07-L02", "2019-07-L01"])
        #expect(try base.search("PAGAMENTOS movel").map(\.id) == ["2020-09-L01"])
        #expect(try base.search("registre", filters: .init(kind: "recommendation")).map(\.id) == ["2019-07-L02"])
        #expect(try base.search("registre", filters: .init(country: "moz")).isEmpty)
        #expect(try base.search("registre", filters: .init(since: "2027-01-01")).isEmpty)
        #expect(try base.search("registre").first?.snippet.contains("[registre]") == true)
        #expect(try base.integrityCheck() == "ok")
    }

    /// Two runs sharing a knowledge base: one records while another process holds a write transaction, and
    /// waits for it rather than fail with "database is locked" after publishing its report.
    @Test func aRunWaitsForAnotherProcesssTransaction() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("kb.sqlite").path
        let base = try KnowledgeBase(path: path)
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true  // its transaction stays open across two accesses
        let other = try DatabaseQueue(path: path, configuration: holding)
        try other.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        let committed = DispatchSemaphore(value: 0)
        Thread {
            Thread.sleep(forTimeInterval: 0.5)
            try? other.writeWithoutTransaction { try $0.execute(sql: "COMMIT") }
            committed.signal()
        }.start()
        let stamp = "2026-11-01T02:30:00Z"
        try base.record(pipeline: "test", startedAt: stamp, finishedAt: stamp, exitStatus: 0, inputs: Self.batch().inputs,
                        batch: Self.batch(), indicatorPeriods: 4, tally: DiagnosticTally(), build: "test")
        committed.wait()
        #expect(try base.history().map(\.startedAt) == [stamp])
    }

    /// A lesson recorded again is indexed again only when its text changed: its new words are found, its old
    /// ones not, and the full-text index agrees with the lessons (FTS5's own integrity check).
    @Test func aLessonsChangedTextIsFoundAndItsOldTextIsNot() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("kb.sqlite").path
        let base = try KnowledgeBase(path: path)
        var batch = Self.batch()
        for (stamp, text) in [("a", nil), ("b", nil), ("c", "Les paiements mobiles exigent des agents de proximité.")] {
            if let text { batch.lessons[0].text = text }
            try base.record(pipeline: "t", startedAt: stamp, finishedAt: stamp, exitStatus: 0, inputs: batch.inputs, batch: batch,
                            indicatorPeriods: 0, tally: DiagnosticTally(), build: "test")
        }
        #expect(try base.search("proximite").map(\.id) == ["2019-07-L01"])
        #expect(try base.search("lecons").isEmpty)
        #expect(try base.search("registre").map(\.id) == ["2019-07-L02"])
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "INSERT INTO lessonText(lessonText) VALUES('integrity-check')") }
    }

    @Test func lessonsNoLongerReportedLeaveTheBase() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = try KnowledgeBase(path: folder.appendingPathComponent("kb.sqlite").path)
        try base.record(pipeline: "t", startedAt: "a", finishedAt: "a", exitStatus: 0, inputs: [], batch: Self.batch(),
                        indicatorPeriods: 0, tally: DiagnosticTally(), build: "test")
        var smaller = Self.batch()
        smaller.lessons.removeLast()
        try base.record(pipeline: "t", startedAt: "b", finishedAt: "b", exitStatus: 0, inputs: [], batch: smaller,
                        indicatorPeriods: 0, tally: DiagnosticTally(), build: "test")
        #expect(try base.search("pagamentos").isEmpty)
        #expect(try base.search("registre").count == 2)
    }

    /// A parse is kept with the build that made it and given back to that build only: a rebuilt or upgraded
    /// kdpipe parses the file again rather than mix its records with an earlier build's.
    @Test func parsesAreGivenBackToTheBuildThatMadeThem() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = try KnowledgeBase(path: folder.appendingPathComponent("kb.sqlite").path)
        var batch = Self.batch()
        var parse = FileParse(format: .report)
        parse.interventions = batch.interventions
        batch.parses[FileParse.key(for: batch.inputs[0])] = parse
        try base.record(
            pipeline: "t", startedAt: "a", finishedAt: "a", exitStatus: 0, inputs: batch.inputs, batch: batch,
            indicatorPeriods: 0, tally: DiagnosticTally(), build: "0.1.0+aa")
        #expect(try base.cachedParses(for: batch.inputs, build: "0.1.0+aa") == [FileParse.key(for: batch.inputs[0]): parse])
        #expect(try base.cachedParses(for: batch.inputs, build: "0.1.0+bb").isEmpty)
    }

    /// The terms of a query a set of equivalents widens: the longest at a word, then the next after it; a term
    /// must take whole written words (`d'emploi` folds to two words, of which `emploi` alone is no term here).
    @Test func aQueryIsWidenedByWholeTermsOfItsSets() {
        let equivalents = Equivalents([["data", "données", "gegevens"], ["data sharing", "partage des données"], ["emploi", "empleo"]])
        let widened = KnowledgeBase.widened("Data sharing and données, d'emploi", by: equivalents)
        #expect(widened.map(\.term) == ["Data sharing", "données,"])
        #expect(widened.map(\.words) == [0..<2, 3..<4])
        #expect(widened[0].set == ["data sharing", "partage des données"])
        #expect(KnowledgeBase.widened("Data sharing", by: .none).isEmpty)
        let pattern = KnowledgeBase.pattern("the \"data\" sharing ?", KnowledgeBase.widened("the \"data\" sharing ?", by: equivalents))
        #expect(pattern == #""the" AND ("data sharing" OR "partage des données")"#)
    }

    /// The sets of equivalents a run records are the last run's, and a search finds a lesson by any term of the
    /// set a query's term belongs to; without them, only by its own words.
    @Test func equivalentsAreRecordedAndWidenASearch() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = try KnowledgeBase(path: folder.appendingPathComponent("kb.sqlite").path)
        let sets = [["legal basis", "cadre juridique", "wettelijke basis"], ["payment*", "pagamento*"]]
        for recorded in [[["obsolete", "set"]], sets] {
            try base.record(pipeline: "t", startedAt: "a", finishedAt: "a", exitStatus: 0, inputs: [], batch: Self.batch(),
                            indicatorPeriods: 0, tally: DiagnosticTally(), build: "b", equivalents: recorded)
        }
        #expect(try base.equivalents() == sets)
        let equivalents = Equivalents(try base.equivalents())
        let ids = { (query: String, equivalents: Equivalents) in try base.search(query, equivalents: equivalents).map(\.id).sorted() }
        #expect(try ids("payments", .none).isEmpty)
        #expect(try ids("payments", equivalents) == ["2020-09-L01"])
    }
}
