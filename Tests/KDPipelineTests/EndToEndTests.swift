import Foundation
import KDCore
import KDPipeline
import KDTestSupport
import Logging
import Testing

/// Runs a pipeline over `inputs` into a fresh folder with a fixed clock; returns the result and the folder.
func runPipeline(name: String, inputs: [String], strict: Bool = false) throws -> (RunResult, URL) {
    try runPipeline(PipelineConfig(name: name, inputs: inputs.map { PipelineConfig.Input(path: $0) }, output: "", strict: strict))
}

/// Runs `config` with its output replaced by a fresh folder.
func runPipeline(_ config: PipelineConfig) throws -> (RunResult, URL) {
    let output = try Fixtures.temporaryFolder("kdpipe-out")
    var config = config
    config.output = output.path
    if config.database == nil { config.database = "none" }
    var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
    logger.logLevel = .critical
    let result = try PipelineRunner(config: config, logger: logger, now: { Date(timeIntervalSince1970: 0) }).run()
    return (result, output)
}

/// The report files compared byte for byte (run.json without its timings). The e2e cases leave out
/// summary.html, which is rendered from summary.md alone (`SummaryHTMLTests`); the sample report and the
/// runs compared with each other hold it.
let reportFiles = [
    "summary.md", "interventions.csv", "indicators.csv", "lessons.csv", "lesson_clusters.csv", "context.csv",
    "diagnostics.csv", "run.json",
]

func contents(of file: String, in folder: URL) throws -> String {
    let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    return file == "run.json" ? Golden.stableManifest(text) : text
}

@Suite struct EndToEndTests {
    static let casesFolder = Fixtures.folder("KDPipelineTests").appendingPathComponent("e2e")

    /// Every folder under Fixtures/e2e is a case: `input/` is run, `expected/` holds the goldens and `exit-status`.
    static let cases: [String] = (try? FileManager.default.contentsOfDirectory(atPath: casesFolder.path).sorted()) ?? []

    @Test func everyCaseFolderIsFound() {
        #expect(Self.cases.count >= 6)
    }

    @Test(arguments: cases)
    func caseMatchesItsGoldens(name: String) throws {
        let folder = Self.casesFolder.appendingPathComponent(name)
        let (result, output) = try runPipeline(name: name, inputs: [folder.appendingPathComponent("input").path])
        defer { try? FileManager.default.removeItem(at: output) }
        let expected = folder.appendingPathComponent("expected")
        for file in reportFiles {
            try Golden.check(try contents(of: file, in: output), against: expected.appendingPathComponent(file))
        }
        try Golden.check("\(result.exitStatus.rawValue)\n", against: expected.appendingPathComponent("exit-status"))
    }

    @Test func twoRunsGiveByteIdenticalReports() throws {
        let input = Self.casesFolder.appendingPathComponent("csv-dialects/input").path
        let (_, first) = try runPipeline(name: "twice", inputs: [input])
        let (_, second) = try runPipeline(name: "twice", inputs: [input])
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        for file in reportFiles + ["summary.html"] {
            #expect(try contents(of: file, in: first) == contents(of: file, in: second), "\(file) differs between runs")
        }
    }

    @Test func strictTurnsWarningsIntoAFailingStatus() throws {
        let input = Self.casesFolder.appendingPathComponent("csv-dialects/input").path
        let (lenient, a) = try runPipeline(name: "x", inputs: [input])
        let (strict, b) = try runPipeline(name: "x", inputs: [input], strict: true)
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        #expect(lenient.diagnostics.contains { $0.severity == .warning })
        #expect(!lenient.diagnostics.contains { $0.severity == .error })
        #expect(lenient.exitStatus == .clean)
        #expect(strict.exitStatus == .dataErrors)
    }

    /// A very long section, mixed scripts, mojibake and a heading that matches nothing never stop the run.
    @Test func longAndMessyNarrativesAreReadAndReported() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let long = String(repeating: "Les missions à distance ont fonctionné pour la revue documentaire. ", count: 15_000)
        try Fixtures.write("""
            <intervention-report version="1.0" xml:lang="fr"><identification><action-code>SOCIEUX+ 2020-07 BENIN</action-code>
            <title>T</title><country>Bénin</country></identification><narrative>
            <section><heading>Leçons apprises</heading><p>\(long)</p></section>
            <section><heading>Смешанные scripts 混合</heading><p>Texte mêlé : Кириллица и 中文, Ministère de l?Emploi, Ã©tÃ©.</p></section>
            <section><heading>Recommandations</heading></section>
            </narrative></intervention-report>
            """, to: "messy.xml", in: folder)
        let (result, output) = try runPipeline(name: "messy", inputs: [folder.path])
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(result.batch.lessons.count == 2)
        #expect(result.batch.lessons[0].text.utf8.count > 1_000_000)
        #expect(result.batch.lessons[1].text.contains("Ministère de l?Emploi, Ã©tÃ©"))
        #expect(result.batch.lessons[1].section == .other)
        #expect(result.diagnostics.map(\.code).sorted() == ["LSN-001", "LSN-002"])
        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("characters; full text in lessons.csv)"))
        #expect(summary.utf8.count < 50_000)
    }

    @Test func aFailedRunLeavesThePublishedReportUntouched() throws {
        let input = Self.casesFolder.appendingPathComponent("minimal/input").path
        let (_, output) = try runPipeline(name: "x", inputs: [input])
        defer { try? FileManager.default.removeItem(at: output) }
        let before = try contents(of: "summary.md", in: output)
        let config = PipelineConfig(name: "x", inputs: [.init(path: input + "/missing.xml")], output: output.path)
        #expect(throws: PipelineError(path: input + "/missing.xml", reason: .missingInput)) {
            try PipelineRunner(config: config, logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }).run()
        }
        #expect(try contents(of: "summary.md", in: output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }
}
