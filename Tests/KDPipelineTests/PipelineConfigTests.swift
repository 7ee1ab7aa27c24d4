import Foundation
import KDCore
import KDIngest
import KDPipeline
import KDTestSupport
import Logging
import Testing

@Suite struct PipelineConfigTests {
    func parse(_ yaml: String) throws(PipelineError) -> PipelineConfig {
        try PipelineConfig.parse(yaml: yaml, path: "p.yml", base: "/base")
    }

    @Test func readsTheShippedPipelines() throws {
        let root = Fixtures.repositoryRoot
        let sample = try PipelineConfig.load(path: root.appendingPathComponent("Pipelines/sample.yml").path)
        #expect(sample.name == "sample")
        #expect(sample.inputs == [.init(path: root.appendingPathComponent("SampleData").standardizedFileURL.path)])
        #expect(sample.output == root.appendingPathComponent("Reports/sample").standardizedFileURL.path)
        let nightly = try PipelineConfig.load(path: root.appendingPathComponent("Pipelines/nightly.yml").path)
        #expect(nightly.inputs.first?.format == .report)
        #expect(nightly.inputs.map(\.path).last == "/srv/kdpipe/incoming/iati")
        #expect(nightly.diagnosticsListed == 500)
    }

    @Test func resolvesPathsAndOptions() throws {
        let config = try parse("""
            name: test
            inputs:
              - data/reports
              - path: /abs/tables/*.csv
                format: indicators
            output: ../out
            options:
              strict: true
              achievement_bands: { achieved: 95, largely_achieved: 70, partly_achieved: 40 }
              context_series: [SI.POV.GINI, per_allsp.cov_pop_tot]
            """)
        #expect(config.inputs == [.init(path: "/base/data/reports"), .init(path: "/abs/tables/*.csv", format: .indicators)])
        #expect(config.output == "/out")
        #expect(config.strict)
        #expect(config.bands == AchievementBands(achieved: 95, largelyAchieved: 70, partlyAchieved: 40))
        #expect(config.contextSeries == ["SI.POV.GINI", "per_allsp.cov_pop_tot"])
    }

    @Test(arguments: [
        ("inputs: [a]\noutput: o\noutptu: x\n", "p.yml:3", "unknown key 'outptu'"),
        ("inputs: [a]\noutput: o\noptions:\n  strictt: true\n", "p.yml:4", "unknown key 'strictt' in options"),
        ("inputs: [a]\n", "p.yml:1", "'output' is required"),
        ("output: o\n", "p.yml:1", "'inputs' is required"),
        ("inputs:\n  - path: a\n    format: pdf\noutput: o\n", "p.yml:3", "format 'pdf' is not one of"),
        ("inputs: [a]\noutput: o\noptions:\n  achievement_bands: {achieved: 50, partly_achieved: 60}\n", "p.yml:4", "achievement bands must satisfy"),
        ("inputs: [a]\noutput: o\noptions:\n  strict: maybe\n", "p.yml:4", "'strict' must be true or false"),
        ("inputs: [a]\noutput: o\noptions:\n  context_series: {SI.POV.GINI: 1}\n", "p.yml:4", "'context_series' must be a list of series codes"),
        ("inputs: [a]\noutput: o\noptions:\n  context_series: [SI.POV.GINI, '']\n", "p.yml:4", "'context_series' must be a list of series codes"),
        ("- just\n- a list\n", "p.yml:1", "expected a mapping"),
        ("inputs: [a\noutput: o\n", "p.yml:2:7",
         "not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 9)"),
        ("inputs: [a]\noutput: o\n  *a: 75\n", "p.yml:3:5", "not valid YAML: mapping values are not allowed in this context"),
        ("inputs: [a]\noutput: o\noutput: p\n", "p.yml:2:1", "not valid YAML: 'output' given twice in one mapping"),
    ])
    func configurationErrorsNameTheLine(yaml: String, path: String, message: String) {
        do {
            _ = try parse(yaml)
            Issue.record("no error for \(yaml)")
        } catch {
            #expect(error.path == path)
            #expect(error.exitStatus == .usage)
            #expect(error.description.contains(message), "\(error.description)")
            #expect(!error.description.contains("\n"), "one line: \(error.description)")
        }
    }
}

@Suite struct InputDiscoveryTests {
    @Test func walksFoldersMatchesGlobsAndNamesFilesFromTheirRoot() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["drop/a.xml", "drop/sub/b.csv", "drop/notes.md", "drop/.hidden.csv", "drop/sub/deep/c.tsv", "drop/.git/d.xml"] {
            try Fixtures.write("x", to: name, in: folder)
        }
        try Fixtures.write("", to: "drop/empty.csv", in: folder)
        // More than one read block: 3 MiB + 5 bytes.
        try Fixtures.write(bytes: (0..<(3 << 20) + 5).map { UInt8($0 * 7 % 251) }, to: "drop/sub/large.xml", in: folder)
        let discovery = InputDiscovery()
        let all = try discovery.files(for: [.init(path: folder.appendingPathComponent("drop").path)])
        #expect(all.map(\.displayPath) == ["drop/a.xml", "drop/empty.csv", "drop/sub/b.csv", "drop/sub/deep/c.tsv", "drop/sub/large.xml"])
        #expect(all.allSatisfy { !$0.path.contains("/./") && !$0.path.contains("/../") })
        #expect(all[0].sha256 == "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881")
        #expect(all[0].size == 1)
        #expect(all[1].sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(all[1].size == 0)
        #expect(all[4].sha256 == "ec2623f73dcc1952ac286d1a0e4b72f10904022864fa6db9558717a7e5a94ec4")
        #expect(all[4].size == (3 << 20) + 5)
        let glob = try discovery.files(for: [.init(path: folder.path + "/drop/**/*.tsv")])
        #expect(glob.map(\.displayPath) == ["drop/sub/deep/c.tsv"])
        let shallow = try discovery.files(for: [.init(path: folder.path + "/drop/*/*.csv", format: .indicators)])
        #expect(shallow.map(\.displayPath) == ["drop/sub/b.csv"])
        #expect(shallow.first?.declaredFormat == .indicators)
        let single = try discovery.files(for: [.init(path: folder.path + "/drop/notes.md"), .init(path: folder.path + "/drop/notes.md")])
        #expect(single.map(\.displayPath) == ["notes.md"])
    }

    /// A spreadsheet in an input folder (the register kept in Excel, dropped beside the reports) or an archive
    /// (IATI files downloaded as a zip) is not read, and says so (`INP-005`, a rejected input); it was passed
    /// over without a word. Other files are passed over as before.
    @Test func spreadsheetsAmongTheInputsAreSaidNotToBeRead() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(
            at: Fixtures.repositoryRoot.appendingPathComponent("SampleData/reports/socieux-2019-07-senegal.xml"),
            to: folder.appendingPathComponent("socieux-2019-07-senegal.xml"))
        for name in ["register.xlsx", "Register.ODS", "notes.pdf", "iati-activities.zip"] {
            try Fixtures.write(bytes: Array("PK\u{3}\u{4}".utf8) + [0, 1, 2], to: name, in: folder)
        }
        let files = try InputDiscovery().files(for: [.init(path: folder.path)])
        var log = DiagnosticLog()
        #expect(files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == [
            "Register.ODS", "iati-activities.zip", "register.xlsx", "socieux-2019-07-senegal.xml",
        ])
        #expect(files.map(\.refusal) == [.spreadsheet, .archive, .spreadsheet, nil])
        let batch = ParseStage().run(Batch(inputs: files), diagnostics: &log)
        #expect(batch.interventions.count == 1)
        #expect(batch.rejected.map(\.code) == ["INP-005", "INP-005", "INP-005"])
        #expect(log.entries.filter { $0.code == "INP-005" }.map { $0.message.prefix(14) } == ["a spreadsheet,", "an archive, wh", "a spreadsheet,"])
    }

    @Test func missingInputsStopTheRunBeforeAnythingRuns() {
        #expect(throws: PipelineError(path: "/nonexistent/x", reason: .missingInput)) {
            try InputDiscovery().files(for: [.init(path: "/nonexistent/x")])
        }
        #expect(throws: PipelineError(path: "/tmp/*.nothing-matches-this", reason: .missingInput)) {
            try InputDiscovery().files(for: [.init(path: "/tmp/*.nothing-matches-this")])
        }
    }

    /// Input folders that hold no file kdpipe reads (a share not mounted leaves an empty folder) stop the run
    /// before it starts, as a pattern that matches nothing does: the last report is left as it was, rather
    /// than replaced by an empty one that exits 0. A folder with files, beside an empty one, runs.
    @Test func inputFoldersWithoutAnyFileStopTheRunAndKeepTheLastReport() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (empty, hidden, reports) = (folder.appendingPathComponent("empty"), folder.appendingPathComponent("hidden"), folder.appendingPathComponent("reports"))
        for made in [empty, hidden, reports] { try FileManager.default.createDirectory(at: made, withIntermediateDirectories: true) }
        try Data("a;b\n".utf8).write(to: hidden.appendingPathComponent(".notes.csv"))
        try Data("notes".utf8).write(to: hidden.appendingPathComponent("notes.txt"))
        try FileManager.default.copyItem(
            at: Fixtures.repositoryRoot.appendingPathComponent("SampleData/reports/socieux-2017-04-togo.xml"),
            to: reports.appendingPathComponent("togo.xml"))
        var config = PipelineConfig(name: "empty", inputs: [.init(path: reports.path), .init(path: empty.path)], output: folder.appendingPathComponent("report").path)
        config.database = "none"
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        #expect(try PipelineRunner(config: config, logger: logger).run().batch.interventions.count == 1)
        let summary = try String(contentsOfFile: config.output + "/summary.md", encoding: .utf8)
        config.inputs = [.init(path: empty.path), .init(path: hidden.path)]
        #expect(throws: PipelineError(path: "\(empty.path), \(hidden.path)", reason: .noInputFiles)) {
            try PipelineRunner(config: config, logger: logger).run()
        }
        #expect(PipelineError(path: "x", reason: .noInputFiles).exitStatus == .usage)
        #expect(try String(contentsOfFile: config.output + "/summary.md", encoding: .utf8) == summary)
    }

    /// A pipe or a device named as an input would be read without end, or block the run: it is refused
    /// before anything runs (in a folder, only regular files are taken). Were it read, the test would block:
    /// the time limit makes that a failure.
    @Test(.timeLimit(.minutes(1))) func pipesAndDevicesAreNeverInputs() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("report.xml").path
        #expect(mkfifo(pipe, 0o600) == 0)
        for path in [pipe, "/dev/zero"] {
            #expect(throws: PipelineError(path: path, reason: .configuration("not a regular file or a folder (a pipe or a device is never read)"))) {
                try InputDiscovery().files(for: [.init(path: path)])
            }
        }
        try Data("<x/>".utf8).write(to: folder.appendingPathComponent("other.xml"))
        #expect(try InputDiscovery().files(for: [.init(path: folder.path)]).map(\.displayPath) == ["\(folder.lastPathComponent)/other.xml"])
    }

    /// A file or a folder whose name is not UTF-8 (a Latin-1 name from an old share) cannot be named in the
    /// reports: each is rejected with INP-003, and the run reads the other files and publishes (exit 65).
    @Test func namesThatAreNotUTF8AreRejectedAndTheRunGoesOn() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = Fixtures.repositoryRoot.appendingPathComponent("SampleData/reports/socieux-2017-04-togo.xml")
        try FileManager.default.copyItem(at: report, to: folder.appendingPathComponent("togo.xml"))
        // "décembre.xml" and the folder "données", in Latin-1.
        // "décembre.xml" and the folder "données" among the inputs, "API_é.csv" among the context files; in Latin-1.
        let context = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: context) }
        func create(_ path: [UInt8], from source: URL?) throws {
            let path = (path + [0]).map { CChar(bitPattern: $0) }
            guard let source else { return try #require(mkdir(path, 0o755) == 0) }
            let descriptor = open(path, O_WRONLY | O_CREAT, 0o644)
            try #require(descriptor >= 0)
            _ = try Data(contentsOf: source).withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        try create(Array(folder.path.utf8) + Array("/d".utf8) + [0xE9] + Array("cembre.xml".utf8), from: report)
        try create(Array(folder.path.utf8) + Array("/donn".utf8) + [0xE9] + Array("es".utf8), from: nil)
        let series = Fixtures.repositoryRoot.appendingPathComponent("SampleData/context/API_SI.POV.GINI_sample.csv")
        try create(Array(context.path.utf8) + Array("/API_".utf8) + [0xE9] + Array(".csv".utf8), from: series)

        var config = PipelineConfig(name: "names", inputs: [.init(path: folder.path)], output: "")
        config.context = [.init(path: context.path)]
        let (result, output) = try runPipeline(config)
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(result.exitStatus == .dataErrors)
        #expect(result.batch.interventions.map(\.actionCode) == ["SOCIEUX+ 2017-04 TOGO"])
        let rejected = result.diagnostics.filter { $0.code == "INP-003" }
        #expect(Set(rejected.map { $0.location?.file }) == [
            "\(context.lastPathComponent)/API_\u{FFFD}.csv", "\(folder.lastPathComponent)/donn\u{FFFD}es/",
            "\(folder.lastPathComponent)/d\u{FFFD}cembre.xml",
        ])
        // Diagnostics are sorted by file: "donn…" before "d\u{FFFD}…".
        let inputs = rejected.filter { $0.location?.file.hasPrefix(folder.lastPathComponent) == true }
        #expect(inputs.map { $0.location?.file } == ["\(folder.lastPathComponent)/donn\u{FFFD}es/", "\(folder.lastPathComponent)/d\u{FFFD}cembre.xml"])
        #expect(inputs.first?.message.hasPrefix("the folder's name is not UTF-8, so the files in it were not read") == true)
        #expect(inputs.last?.message.hasPrefix("the file's name is not UTF-8, so it was not read") == true)
        #expect(try contents(of: "summary.md", in: output).contains("d\u{FFFD}cembre.xml"))
    }

    @Test func symbolicLinksAreFollowedAndEachFileIsReadOnce() throws {
        let folder = try Fixtures.temporaryFolder()
        let elsewhere = try Fixtures.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: elsewhere)
        }
        let reports = Fixtures.repositoryRoot.appendingPathComponent("SampleData/reports")
        let togo = folder.appendingPathComponent("togo.xml")
        try FileManager.default.copyItem(at: reports.appendingPathComponent("socieux-2017-04-togo.xml"), to: togo)
        try FileManager.default.copyItem(
            at: reports.appendingPathComponent("socieux-2019-21-kenya.xml"), to: elsewhere.appendingPathComponent("kenya.xml"))
        func link(_ name: String, to target: String) throws {
            try #require(symlink(target, folder.appendingPathComponent(name).path) == 0)
        }
        try link("a-togo.xml", to: "togo.xml")  // the same file as togo.xml, met first
        try #require(Foundation.link(togo.path, folder.appendingPathComponent("b-togo.xml").path) == 0)  // a hard link
        try link("linked", to: elsewhere.path)  // a folder elsewhere
        try link("loop", to: ".")  // the folder itself
        try link("gone.xml", to: "/nonexistent/gone.xml")
        try link("share", to: "/nonexistent/share")  // a folder, perhaps
        try link("notes.txt", to: "/nonexistent/notes.txt")  // not an input's name: passed over
        try link("null.csv", to: "/dev/null")

        let (result, output) = try runPipeline(PipelineConfig(name: "links", inputs: [.init(path: folder.path)], output: ""))
        defer { try? FileManager.default.removeItem(at: output) }
        let name = folder.lastPathComponent
        // Togo once (a second reading would be a second report for the same action, MRG-001), Kenya through
        // the linked folder, nothing twice through the loop.
        #expect(result.batch.inputs.map(\.displayPath) == [
            "\(name)/b-togo.xml", "\(name)/gone.xml", "\(name)/linked/kenya.xml", "\(name)/null.csv", "\(name)/share",
        ])
        #expect(result.batch.interventions.map(\.actionCode).sorted() == ["SOCIEUX+ 2017-04 TOGO", "SOCIEUX+ 2019-21 KENYA"])
        #expect(!result.diagnostics.contains { $0.code == "MRG-001" })
        let broken = result.diagnostics.filter { $0.code == "INP-004" }
        #expect(broken.map { $0.location?.file } == ["\(name)/gone.xml", "\(name)/null.csv", "\(name)/share"])
        #expect(broken.allSatisfy { $0.severity == .error && $0.message.hasPrefix("a symbolic link to no file or folder") })
        #expect(result.exitStatus == .dataErrors)
    }
}
