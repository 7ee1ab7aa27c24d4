import Foundation
import KDCore
import KDPipeline
import KDStore
import KDTestSupport
import Logging
import Testing

@Suite struct IncrementalRunTests {
    func run(_ config: PipelineConfig) throws -> RunResult {
        try PipelineRunner(config: config, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }, now: { Date(timeIntervalSince1970: 0) }).run()
    }

    /// A pipeline over the sample reports, its report and knowledge base (at `database`, relative) in `folder`.
    func sampleReports(in folder: URL, database: String) -> PipelineConfig {
        var config = PipelineConfig(
            name: "kb", inputs: [.init(path: Fixtures.repositoryRoot.appendingPathComponent("SampleData/reports").path)],
            output: folder.appendingPathComponent("report").path)
        config.database = folder.appendingPathComponent(database).path
        return config
    }

    func reports(_ folder: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for file in reportFiles where file != "run.json" {
            result[file] = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
        }
        return result
    }

    /// A second run over unchanged inputs parses nothing and gives byte-identical reports; a changed file is
    /// parsed again, a removed one is marked withdrawn and left out; `--full` gives the same reports.
    @Test func unchangedFilesAreNotParsedAgainAndReportsDoNotChange() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = folder.appendingPathComponent("data")
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("SampleData"), to: data)
        var config = try PipelineConfig.load(path: Fixtures.repositoryRoot.appendingPathComponent("Pipelines/sample.yml").path)
        config.inputs = [.init(path: data.path)]
        config.context = [.init(path: data.appendingPathComponent("context").path)]
        config.output = folder.appendingPathComponent("report").path
        config.database = folder.appendingPathComponent("kb.sqlite").path

        let first = try run(config)
        #expect(first.batch.parsedFiles == 17)
        #expect(first.unchangedSince == nil)
        let firstReports = try reports(config.output)
        // The knowledge base counts the run's input files as the summary does, context files included.
        let inputs = try #require(try KnowledgeBase(path: config.database!).history().first?.inputs)
        #expect(firstReports["summary.md"]?.contains(" · \(inputs) input files · ") == true)
        #expect(inputs == 17 + 1 + 5)
        // Nothing changed: the report is left as it is and the run is recorded.
        let unchanged = try run(config)
        #expect(unchanged.unchangedSince == 1)
        #expect(unchanged.exitStatus == first.exitStatus)
        #expect(try reports(config.output) == firstReports)
        // A setting changed, no input did: every file is taken from the knowledge base, the stages run again.
        config.diagnosticsListed = 199
        let second = try run(config)
        #expect(second.unchangedSince == nil)
        #expect(second.batch.parsedFiles == 0)
        #expect(second.batch.reusedFiles == 17)
        #expect(try reports(config.output) == firstReports)

        // Change one report, remove a table.
        let togo = data.appendingPathComponent("reports/socieux-2017-04-togo.xml")
        let text = try String(contentsOf: togo, encoding: .utf8).replacingOccurrences(of: "Taux de chômage", with: "Taux de chômage urbain")
        try Data(text.utf8).write(to: togo)
        try FileManager.default.removeItem(at: data.appendingPathComponent("tables/indicator-update-2022.csv"))
        let third = try run(config)
        #expect(third.batch.parsedFiles == 1)
        #expect(third.batch.reusedFiles == 15)
        let indicators = try String(contentsOfFile: config.output + "/indicators.csv", encoding: .utf8)
        #expect(indicators.contains("Taux de chômage urbain"))
        #expect(!indicators.contains("indicator-update-2022.csv"))
        let base = try KnowledgeBase(path: config.database!)
        #expect(try base.fileStatus("data/tables/indicator-update-2022.csv") == "withdrawn")
        #expect(try base.fileStatus("data/reports/socieux-2017-04-togo.xml") == "read")

        let incremental = try reports(config.output)
        config.full = true
        let full = try run(config)
        #expect(full.batch.parsedFiles == 16)
        #expect(try reports(config.output) == incremental)
        #expect(try base.history().count == 5)
    }

    /// A knowledge base in a folder that does not exist yet: the folder is made, as the output's is, and the
    /// run is recorded (it was found missing only after the report was published, and the run failed, 74).
    @Test func theKnowledgeBasesFolderIsMade() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = sampleReports(in: folder, database: "state/kdpipe/kb.sqlite")
        let result = try run(config)
        #expect(result.exitStatus == .dataErrors)
        #expect(try KnowledgeBase(path: config.database!).history().count == 1)
    }

    /// A damaged knowledge base (here, its file overwritten) stops the run before anything is published, with
    /// `--full` too, and the error says what to do; the last report stays as it was.
    @Test func aDamagedKnowledgeBaseStopsTheRunBeforeItPublishes() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var config = sampleReports(in: folder, database: "kb.sqlite")
        _ = try run(config)
        let published = try reports(config.output)
        try Data(repeating: 0x6B, count: 65_536).write(to: URL(fileURLWithPath: config.database!))
        config.inputs = [.init(path: Fixtures.repositoryRoot.appendingPathComponent("SampleData/iati").path)]
        for full in [false, true] {
            config.full = full
            let error = try #require(throws: PipelineError.self) { try run(config) }
            #expect(error.exitStatus == .ioError)
            #expect(error.description.contains("cannot read the knowledge base: "), "\(error)")
            #expect(error.description.contains("move it aside and the next run builds a new one"), "\(error)")
            #expect(try reports(config.output) == published)
        }
    }
}
