import Foundation
import KDCore
import KDPipeline
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
