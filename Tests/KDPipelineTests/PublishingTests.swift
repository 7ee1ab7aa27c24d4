import Foundation
import KDCore
@testable import KDPipeline
import KDReports
import KDStore
import KDTestSupport
import Logging
import Testing

@Suite struct PublishingTests {
    static let input = Fixtures.folder("KDPipelineTests").appendingPathComponent("e2e/minimal/input").path

    func run(output: String, keepRuns: Int, at seconds: TimeInterval) throws -> RunResult {
        var config = PipelineConfig(name: "kept", inputs: [.init(path: Self.input)], output: output)
        config.keepRuns = keepRuns
        config.database = "none"  // every run publishes (a knowledge base would find nothing new)
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        return try PipelineRunner(config: config, logger: logger, now: { Date(timeIntervalSince1970: seconds) }).run()
    }

    /// An output folder that holds files named as a report's but no run.json of kdpipe's (`--output .` over
    /// an analyst's own `indicators.csv`) stops the run before it starts (64), the files untouched; a folder of
    /// other files only is published into, and an earlier report's folder is published over.
    @Test func aRunDoesNotReplaceFilesItDidNotWrite() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mine = try Fixtures.write("code;value\nA;1\n", to: "work/indicators.csv", in: folder)
        try Fixtures.write("{\"note\": \"not kdpipe's\"}\n", to: "work/run.json", in: folder)
        let work = folder.appendingPathComponent("work").path
        do {
            _ = try run(output: work, keepRuns: 0, at: 0)
            Issue.record("the run published over an analyst's files")
        } catch let error as PipelineError {
            #expect(error.exitStatus == .usage)
            #expect(error.description.contains("this folder holds indicators.csv, run.json but no report of kdpipe's"))
        }
        #expect(try String(contentsOfFile: mine, encoding: .utf8) == "code;value\nA;1\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: work).sorted() == ["indicators.csv", "run.json"])

        let notes = try Fixtures.write("notes\n", to: "shared/notes.txt", in: folder)
        let shared = folder.appendingPathComponent("shared").path
        _ = try run(output: shared, keepRuns: 0, at: 0)
        _ = try run(output: shared, keepRuns: 0, at: 100)
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "notes\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: shared).sorted() == (RenderStage.reportNames + ["notes.txt"]).sorted())
    }

    @Test func keptRunsSwitchALinkAndKeepTheNewest() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("latest").path
        for second in [1_000_000, 1_000_100, 1_000_200] { _ = try run(output: output, keepRuns: 2, at: TimeInterval(second)) }
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: output)
        #expect(target == "latest.runs/run-1970-01-12T135000Z-\(getpid())")
        let runs = try FileManager.default.contentsOfDirectory(atPath: output + ".runs").sorted()
        #expect(runs == ["run-1970-01-12T134820Z-\(getpid())", "run-1970-01-12T135000Z-\(getpid())"])
        #expect(FileManager.default.fileExists(atPath: output + "/summary.md"))
    }

    /// A report that cannot be flushed to disk is not published: the files already in place stay as they were,
    /// none of the new ones is moved in, and the error names the file.
    @Test func aReportThatCannotReachTheDiskIsNotPublished() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("report").path
        try Publisher(output: output).publish([ReportFile(name: "summary.md", content: "first\n"), ReportFile(name: "indicators.csv", content: "a\n")])
        // The second report names a streamed table that never reached its staging folder.
        let second = try Publisher(output: output)
        #expect {
            try second.publish([ReportFile(name: "summary.md", content: "second\n")], staged: ["indicators.csv"])
        } throws: { error in
            "\(error)".contains("indicators.csv") && "\(error)".contains("cannot flush the report to disk")
        }
        #expect(try String(contentsOfFile: output + "/summary.md", encoding: .utf8) == "first\n")
        #expect(try String(contentsOfFile: output + "/indicators.csv", encoding: .utf8) == "a\n")
    }

    /// A run whose report could not be published is not recorded as the report's run: the next run with the
    /// same inputs and settings does the work and publishes, instead of finding 'nothing new'.
    @Test func aRunThatCouldNotPublishIsNotTakenForTheReportsRun() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("report").path
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        // The pipeline's name is part of what decides a report (its title shows it).
        func run(_ name: String) throws -> RunResult {
            var config = PipelineConfig(name: name, inputs: [.init(path: Self.input)], output: output)
            config.database = folder.appendingPathComponent("kb.sqlite").path
            return try PipelineRunner(config: config, logger: logger).run()
        }
        _ = try run("first")
        let published = try Data(contentsOf: URL(fileURLWithPath: output + "/summary.md"))
        // A folder where run.json goes makes publishing fail (a rename cannot replace a folder, even for root),
        // before any file is moved.
        let runJSON = output + "/run.json"
        try FileManager.default.removeItem(atPath: runJSON)
        try FileManager.default.createDirectory(atPath: runJSON + "/in-the-way", withIntermediateDirectories: true)
        #expect {
            try run("second")
        } throws: { error in
            "\(error)".contains("run.json: cannot move the report file into place: a folder is in the way")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: output + "/summary.md")) == published)
        try FileManager.default.removeItem(atPath: runJSON)
        let again = try run("second")
        #expect(again.unchangedSince == nil)
        #expect(FileManager.default.fileExists(atPath: runJSON))
        let recorded = try KnowledgeBase(path: folder.appendingPathComponent("kb.sqlite").path).history()
        #expect(recorded.count == 2)
    }

    /// A report written inside an input folder is not read back by the next run, whether it is a folder or
    /// a link to kept runs: the counts stay what the inputs give, night after night.
    @Test(arguments: [0, 2])
    func theReportIsNeverReadBackAsInput(keepRuns: Int) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = folder.appendingPathComponent("inputs")
        try FileManager.default.copyItem(atPath: Self.input, toPath: inputs.path)
        var config = PipelineConfig(name: "inside", inputs: [.init(path: inputs.path)], output: inputs.appendingPathComponent("reports/latest").path)
        config.keepRuns = keepRuns
        config.database = "none"
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        var counts: [Int] = []
        for second in [1_000_000, 1_000_100, 1_000_200] {
            let result = try PipelineRunner(config: config, logger: logger, now: { Date(timeIntervalSince1970: TimeInterval(second)) }).run()
            counts.append(result.batch.interventions.count)
            #expect(result.batch.inputs.allSatisfy { !$0.displayPath.contains("reports/") && !$0.displayPath.contains("linked") })
            #expect(!result.diagnostics.contains { $0.location?.file.contains("linked") == true })
            if second == 1_000_000 {
                // Symbolic links into the report, a file of it and the folder of it (the kept run itself,
                // with kept runs), are not followed either.
                let report = URL(fileURLWithPath: config.output).resolvingSymlinksInPath()
                #expect(symlink(report.appendingPathComponent("indicators.csv").path, inputs.appendingPathComponent("linked-indicators.csv").path) == 0)
                #expect(symlink(report.path, inputs.appendingPathComponent("linked-report").path) == 0)
            }
        }
        #expect(counts.count == 3 && counts[0] > 0 && Set(counts).count == 1)
        // An input that is the output folder itself (or a pattern in it) stops the run before it starts.
        for path in [config.output, config.output + "/*.csv"] where keepRuns == 0 {
            var same = config
            same.inputs = [.init(path: path)]
            #expect(throws: PipelineError.self) { try PipelineRunner(config: same, logger: logger).run() }
        }
    }

    /// Runs killed with SIGKILL at ten different moments always leave the last published report readable,
    /// and the next run completes.
    @Test func killedRunsLeaveThePublishedReportIntact() throws {
        guard FileManager.default.isExecutableFile(atPath: Binary.url.path) else { return }
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = try Fixtures.write("""
            name: killed
            inputs: [\(Fixtures.sharedData.appendingPathComponent("iati").path), \(Fixtures.repositoryRoot.appendingPathComponent("SampleData/reports").path)]
            output: \(folder.appendingPathComponent("latest").path)
            options: { keep_runs: 2 }
            """, to: "killed.yml", in: folder)
        #expect(try Binary.run(["run", pipeline, "--quiet"]).status == 65)
        let output = folder.appendingPathComponent("latest")
        let published = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        for attempt in 0..<10 {
            let process = Process()
            process.executableURL = Binary.url
            process.arguments = ["run", pipeline, "--quiet", "--full"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(20_000 + attempt * 45_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
            // Either the previous report or a complete new one (same inputs, same text), never a partial file.
            #expect(summary == published, "attempt \(attempt)")
            for file in ["indicators.csv", "interventions.csv", "run.json"] {
                #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent(file).path), "attempt \(attempt): \(file)")
            }
        }
        #expect(try Binary.run(["run", pipeline, "--quiet", "--full"]).status == 65)
        #expect(try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8) == published)
        // The knowledge base beside the output survived every kill, and recorded every completed run.
        let base = try KnowledgeBase(path: output.path + ".sqlite")
        #expect(try base.integrityCheck() == "ok")
        #expect(try base.history(limit: 50).count >= 2)
        let runs = try FileManager.default.contentsOfDirectory(atPath: output.path + ".runs").filter { $0.hasPrefix("run-") }
        #expect(runs.count <= 2)
    }

    @Test func aSecondRunWhileTheLockIsHeldExits75() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("report").path
        let lockPath = folder.appendingPathComponent(".report.lock").path
        // Hold the lock as a running kdpipe would, then start the real binary.
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o644)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        _ = "pid 4242, started 2026-11-23T02:30:00Z\n".withCString { write(descriptor, $0, strlen($0)) }
        guard FileManager.default.isExecutableFile(atPath: Binary.url.path) else { return }
        let outcome = try Binary.run(["run", "--input", Self.input, "--output", output])
        #expect(outcome.status == 75)
        #expect(outcome.standardError.contains("pid 4242, started 2026-11-23T02:30:00Z"))
        #expect(!FileManager.default.fileExists(atPath: output + "/summary.md"))
    }
}
