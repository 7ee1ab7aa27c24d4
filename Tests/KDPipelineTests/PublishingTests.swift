import Foundation
import KDCore
import KDPipeline
import KDTestSupport
import Logging
import Testing

@Suite struct PublishingTests {
    static let input = Fixtures.folder("KDPipelineTests").appendingPathComponent("e2e/minimal/input").path

    func run(output: String, keepRuns: Int, at seconds: TimeInterval) throws -> RunResult {
        var config = PipelineConfig(name: "kept", inputs: [.init(path: Self.input)], output: output)
        config.keepRuns = keepRuns
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
