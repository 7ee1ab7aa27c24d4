import Foundation
import KDTestSupport
import Testing

/// Runs the real `kdpipe` binary built beside the test bundle.
struct Binary {
    static let url: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("kdpipe")
    }()

    struct Outcome {
        var status: Int32
        var standardError: String
        var standardOutput: String
    }

    /// Runs kdpipe with `arguments`; standard error comes through a pipe, standard output through a file (two
    /// pipes read one after the other could block each other).
    static func run(_ arguments: [String], in directory: URL = Fixtures.repositoryRoot) throws -> Outcome {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let errorPipe = Pipe()
        process.standardError = errorPipe
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("kdpipe-stdout-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(FileManager.default.createFile(atPath: output.path, contents: nil))
        let outputHandle = try FileHandle(forWritingTo: output)
        defer { try? outputHandle.close() }
        process.standardOutput = outputHandle
        try process.run()
        let data = errorPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, standardError: String(decoding: data, as: UTF8.self),
            standardOutput: try String(contentsOf: output, encoding: .utf8))
    }
}

@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: Binary.url.path), "the kdpipe binary is built beside the tests"))
struct CommandLineTests {
    static let cases = Fixtures.folder("KDPipelineTests").appendingPathComponent("e2e")

    @Test func cleanRunExitsZeroAndQuietPrintsNothing() throws {
        let output = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let database = output.appendingPathComponent("kb.sqlite").path
        let outcome = try Binary.run([
            "run", "--input", Self.cases.appendingPathComponent("minimal/input").path, "--output", output.path, "--quiet", "--db", database,
        ])
        #expect(outcome.status == 0)
        #expect(outcome.standardError.isEmpty)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("summary.md").path))
        // The run is in the knowledge base, and its lesson can be found.
        let history = try Binary.run(["history", "--db", database])
        #expect(history.status == 0)
        #expect(history.standardOutput.split(separator: "\n").count == 2)
        // For a script: CSV and JSON with every count of the run.
        let csv = try Binary.run(["history", "--db", database, "--format", "csv"]).standardOutput.split(separator: "\n")
        #expect(csv.first == "run,pipeline,started_at,finished_at,exit_status,inputs,interventions,indicator_periods,lessons,errors,warnings,notes")
        #expect(csv.count == 2 && csv[1].hasPrefix("1,") && csv[1].hasSuffix(",0,2,1,1,1,0,0,0"), "\(csv)")
        let json = try Binary.run(["history", "--db", database, "--format", "json"]).standardOutput
        let runs = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(runs?.count == 1 && runs?.first?["exitStatus"] as? Int == 0 && runs?.first?["lessons"] as? Int == 1)
        // Without a knowledge base, history says so and prints no table.
        let missing = try Binary.run(["history", "--db", output.appendingPathComponent("none.sqlite").path])
        #expect(missing.status == 64)
        #expect(missing.standardOutput.isEmpty)
        #expect(missing.standardError.contains("none.sqlite: no knowledge base there yet"))
        #expect(try Binary.run(["search", "worked", "examples", "--db", database]).status == 0)
    }

    @Test func dataErrorsExit65WithDiagnosticsOnStandardError() throws {
        let output = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try Binary.run(["run", "--input", Self.cases.appendingPathComponent("malformed-xml/input").path, "--output", output.path, "--db", "none"])
        #expect(outcome.status == 65)
        #expect(outcome.standardError.contains("input/mismatched.xml:12:"))
        #expect(outcome.standardError.contains("error: [XML-001]"))
        #expect(outcome.standardError.contains("(exit 65)"))
    }

    /// With `--log-format json` every line on standard error is a JSON object, the diagnostics and the closing
    /// line too (they were lines of text among the objects, which a journal's collector could not read).
    @Test func jsonLogsHoldOnlyJSONObjects() throws {
        let output = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try Binary.run([
            "run", "--input", Self.cases.appendingPathComponent("malformed-xml/input").path, "--output", output.path,
            "--db", "none", "--log-level", "info", "--log-format", "json",
        ])
        #expect(outcome.status == 65)
        let objects = try outcome.standardError.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String], "\(line)")
        }
        #expect(objects.count > 5)
        let diagnostic = try #require(objects.first { $0["code"] == "XML-001" })
        #expect(diagnostic["level"] == "error" && diagnostic["file"] == "input/mismatched.xml" && diagnostic["line"] == "12")
        #expect(diagnostic["message"]?.hasPrefix("input/mismatched.xml:12:") == true)
        #expect(objects.last?["exit"] == "65" && objects.last?["message"]?.hasSuffix("(exit 65)") == true)
        // An error that stops the run is an object too.
        let empty = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        let stopped = try Binary.run(["run", "--input", empty.path, "--output", output.path, "--log-format", "json"])
        #expect(stopped.status == 64)
        let error = try JSONSerialization.jsonObject(with: Data(stopped.standardError.utf8)) as? [String: String]
        #expect(error?["level"] == "error" && error?["message"]?.contains("no input file there") == true)
    }

    /// A search filter that can match nothing as written is refused (64) rather than answered with "no lesson
    /// matches"; so is a limit below 1.
    @Test func searchRefusesFiltersThatCanMatchNothing() throws {
        for (arguments, message) in [
            (["--since", "2024-02-30"], "--since '2024-02-30' is not a day written YYYY-MM-DD"),
            (["--since", "2024"], "is not a day"),
            (["--kind", "lessons"], "--kind 'lessons' is none of lesson, good_practice, recommendation"),
            (["--limit", "0"], "--limit must be at least 1"),
            (["--country", "Atlantis"], "--country 'Atlantis' is no country kdpipe knows"),
        ] {
            let outcome = try Binary.run(["search", "registre", "--db", "/nonexistent/kb.sqlite"] + arguments)
            #expect(outcome.status == 64)
            #expect(outcome.standardError.contains(message), "\(outcome.standardError)")
        }
        #expect(try Binary.run(["history", "--db", "/nonexistent/kb.sqlite", "--limit", "0"]).standardError.contains("--limit must be at least 1"))
        // A real day passes on to the knowledge base (here, missing).
        let leap = try Binary.run(["search", "registre", "--db", "/nonexistent/kb.sqlite", "--since", "2024-02-29"])
        #expect(leap.standardError.contains("no knowledge base there yet"))
    }

    /// `--theme` takes a theme's key or its words; a theme no lesson of the knowledge base has is refused,
    /// naming those they have (it was answered "no lesson matches").
    @Test func searchTakesAThemeAsWrittenAndRefusesOneNoLessonHas() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let taxonomy = try Fixtures.write(
            "themes:\n  - key: benefit_rules\n    label: Rules of benefits\n    keywords: [benefit*]\n", to: "taxonomy.yml", in: folder)
        let database = folder.appendingPathComponent("kb.sqlite").path
        let run = try Binary.run([
            "run", "--input", Self.cases.appendingPathComponent("minimal/input").path, "--output", folder.appendingPathComponent("out").path,
            "--quiet", "--db", database, "--taxonomy", taxonomy,
        ])
        #expect(run.status == 0)
        // As its key, its key's words, or its label as the summary heads it (the run records the labels).
        for theme in ["benefit_rules", "Benefit rules", "Rules of Benefits"] {
            let found = try Binary.run(["search", "worked", "--db", database, "--theme", theme, "--format", "csv"])
            #expect(found.status == 0)
            #expect(found.standardOutput.contains(",benefit_rules,"), "\(found.standardOutput)")
        }
        let unknown = try Binary.run(["search", "worked", "--db", database, "--theme", "pensions"])
        #expect(unknown.status == 64)
        #expect(unknown.standardError.contains(
            "--theme 'pensions' is no theme of the knowledge base's lessons (they have: Rules of benefits (benefit_rules))"))
        // Said for the search command (the usage of kdpipe itself was shown).
        #expect(unknown.standardError.contains("See 'kdpipe search --help'") && !unknown.standardError.contains("<subcommand>"))
        // Without words, every lesson the filters keep, in id order; without words or filters, nothing is asked.
        let all = try Binary.run(["search", "--db", database, "--theme", "Rules of benefits", "--format", "csv"])
        #expect(all.status == 0)
        let rows = all.standardOutput.split(separator: "\n").dropFirst()
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains(",benefit_rules,") }, "\(all.standardOutput)")
        #expect(rows.map { String($0.prefix { $0 != "," }) } == rows.map { String($0.prefix { $0 != "," }) }.sorted())
        let text = try Binary.run(["search", "--db", database, "--theme", "benefit_rules", "--limit", "1"])
        #expect(text.standardOutput.split(separator: "\n").count == 2)
        // Past the limit, standard error says that more match (standard output stays a whole CSV or JSON).
        let three = folder.appendingPathComponent("three.sqlite").path
        _ = try Binary.run([
            "run", "--input", Self.cases.appendingPathComponent("lessons-table/input").path, "--output",
            folder.appendingPathComponent("three").path, "--quiet", "--db", three,
        ])
        let cut = try Binary.run(["search", "--db", three, "--since", "2000-01-01", "--limit", "2", "--format", "json"])
        #expect(cut.status == 0)
        #expect(cut.standardError.contains("kdpipe search: the first 2 lessons are shown; more match (--limit N shows more)"))
        #expect(cut.standardOutput.components(separatedBy: "\"id\"").count - 1 == 2)
        let whole = try Binary.run(["search", "--db", three, "--since", "2000-01-01", "--limit", "3"])
        #expect(whole.standardOutput.split(separator: "\n").count == 6 && !whole.standardError.contains("more match"))
        let nothing = try Binary.run(["search", "--db", database])
        #expect(nothing.status == 64)
        #expect(nothing.standardError.contains("give words to find, or a filter (--country, --theme, --kind, --language, --since, --addressee)"))
    }

    /// The knowledge base of a run of the sample pipeline, in `folder`.
    static func sampleKnowledgeBase(in folder: URL) throws -> String {
        let database = folder.appendingPathComponent("kb.sqlite").path
        let run = try Binary.run(["run", "Pipelines/sample.yml", "--output", folder.appendingPathComponent("out").path, "--quiet", "--db", database])
        #expect(run.status == 65)
        return database
    }

    /// Recommendations are found by whom they are addressed to (key or words), as recorded; an addressee none
    /// has is refused, naming those they have.
    @Test func searchFindsRecommendationsByAddressee() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try Self.sampleKnowledgeBase(in: folder)
        let found = try Binary.run(["search", "--db", database, "--addressee", "EU Delegation", "--format", "csv"])
        #expect(found.status == 0)
        let rows = found.standardOutput.split(separator: "\n")
        #expect(rows.first?.hasSuffix(",text,addressee") == true)
        #expect(rows.count == 2 && rows[1].hasPrefix("2019-07-L07,") && rows[1].hasSuffix(",eu_delegation"), "\(rows)")
        let refused = try Binary.run(["search", "--db", database, "--addressee", "donors"])
        #expect(refused.status == 64)
        #expect(refused.standardError.contains("(they are addressed to: eu_delegation, facility, partner)"))
    }

    /// A term of the taxonomy's equivalents in a search is also looked for as the others of its set, and the
    /// search says so: "legal basis data sharing" finds the Dutch and French lessons of the sample, which give
    /// neither word; `--exact` looks for the words alone.
    @Test func searchFindsATermAsItsEquivalentsInTheOtherLanguages() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try Self.sampleKnowledgeBase(in: folder)
        let found = try Binary.run(["search", "--db", database, "legal", "basis", "data", "sharing", "--format", "csv"])
        #expect(found.status == 0)
        let ids = found.standardOutput.split(separator: "\n").dropFirst().map { $0.prefix { $0 != "," } }
        #expect(ids == ["2021-12-L03", "2018-19-L02", "2019-07-L02"], "\(found.standardOutput)")
        #expect(found.standardError.contains("kdpipe search: 'legal basis' also as 'legal framework', 'cadre juridique', "), "\(found.standardError)")
        #expect(found.standardError.contains("'data sharing' also as "))
        let exact = try Binary.run(["search", "--db", database, "legal", "basis", "--exact"])
        #expect(exact.status == 0)
        #expect(exact.standardOutput.isEmpty)
        #expect(exact.standardError == "kdpipe search: no lesson matches\n")
    }

    /// The lessons found in IATI activities' descriptions are searched like the reports' (the sample's Enabel
    /// activity in Senegal gives two).
    @Test func searchFindsTheLessonsOfIATIActivities() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try Self.sampleKnowledgeBase(in: folder)
        let found = try Binary.run(["search", "--db", database, "mutuelles", "communautaires", "--format", "csv"])
        #expect(found.status == 0)
        let rows = found.standardOutput.split(separator: "\n")
        #expect(rows.count == 2 && rows[1].hasPrefix("BE-BCE_KBO-0264814354-SEN1802311-L01,BE-BCE_KBO-0264814354-SEN1802311,SEN,fr,lesson,"), "\(rows)")
    }

    /// `--context-series` keeps only the series named (case aside); one in no context file is said to be so.
    @Test func contextSeriesChooseTheSeriesUsed() throws {
        let output = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try Binary.run([
            "run", "--input", "SampleData/iati", "--context", "SampleData/context", "--context-series", "si.pov.gini",
            "--context-series", "SL.UEM.TOTL.ZS", "--output", output.path, "--db", "none",
        ])
        #expect(outcome.status == 0)
        #expect(outcome.standardError.contains("warning: [CTX-006] the context series 'SL.UEM.TOTL.ZS' is in none of the 5 context files"))
        let context = try String(contentsOf: output.appendingPathComponent("context.csv"), encoding: .utf8)
        let codes = Set(context.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[3] })
        #expect(codes == ["SI.POV.GINI"])
    }

    /// search and history on a file that is no knowledge base exit 74 as the exit table says (they exited 1),
    /// saying what to do.
    @Test func searchAndHistoryOnADamagedKnowledgeBaseExit74() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try Fixtures.write(String(repeating: "k", count: 65_536), to: "kb.sqlite", in: folder)
        for arguments in [["history", "--db", database], ["search", "registre", "--db", database]] {
            let outcome = try Binary.run(arguments)
            #expect(outcome.status == 74)
            #expect(outcome.standardError.hasPrefix("kdpipe: error: \(database): cannot read the knowledge base: "), "\(outcome.standardError)")
            #expect(outcome.standardError.contains("move it aside"))
        }
    }

    /// At `--log-level info`, each stage's line counts its diagnostics, the IATI lane's too (it writes them
    /// to disk as it goes, rather than handing them back).
    @Test func eachStagesLogLineCountsItsDiagnostics() throws {
        let output = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try Binary.run([
            "run", "--input", "SampleData/iati", "--output", output.path, "--db", "none", "--log-level", "info",
        ])
        #expect(outcome.status == 0)
        let line = outcome.standardError.split(separator: "\n").first { $0.contains("] iati: ") }
        #expect(line?.contains("iati_activities=3 ") == true)
        #expect(line?.contains("(3 diagnostics, ") == true, "\(line ?? "")")
    }

    /// A table's cells are any bytes: escape sequences in one reach the terminal spelled out, its line break
    /// cannot start a line that looks like another diagnostic, and the summary holds no control character.
    @Test func controlCharactersFromTheInputsNeverReachTheTerminal() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = try Fixtures.write(
            "action_code,indicator_title,target_value,actual_value\n2020-01,Taux,42,\"\u{1B}[2J\u{1B}]0;owned\u{7}\nfake.xml:1: error: [XML-001] x\"\n",
            to: "esc.csv", in: folder)
        let output = folder.appendingPathComponent("out")
        let outcome = try Binary.run(["run", "--input", table, "--output", output.path, "--db", "none"])
        #expect(outcome.status == 65)
        #expect(!outcome.standardError.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(outcome.standardError.contains("actual '\\u{1B}[2J\\u{1B}]0;owned\\u{7} fake.xml:1: error: [XML-001] x' is not a number"))
        #expect(!outcome.standardError.contains("\nfake.xml"))
        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(!summary.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func configurationErrorsExit64BeforeAnythingRuns() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipeline = try Fixtures.write("inputs: [data]\noutput: out\nouptut: typo\n", to: "p.yml", in: folder)
        let typo = try Binary.run(["run", pipeline])
        #expect(typo.status == 64)
        #expect(typo.standardError.contains("p.yml:3: unknown key 'ouptut'"))
        let missing = try Binary.run(["run", "--input", folder.appendingPathComponent("nowhere").path, "--output", folder.appendingPathComponent("out").path])
        #expect(missing.status == 64)
        #expect(missing.standardError.contains("input not found"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        let noOutput = try Binary.run(["run", "--input", folder.path])
        #expect(noOutput.status == 64)
    }

    /// Two processes hash dictionaries with different seeds: outputs must not depend on it.
    @Test func twoProcessesWriteByteIdenticalReports() throws {
        let first = try Fixtures.temporaryFolder()
        let second = try Fixtures.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        for folder in [first, second] {
            let outcome = try Binary.run(["run", "Pipelines/sample.yml", "--output", folder.path, "--quiet", "--db", "none"])
            #expect(outcome.status == 65)
        }
        for file in reportFiles {
            #expect(try contents(of: file, in: first) == contents(of: file, in: second), "\(file) differs between processes")
        }
    }

    @Test func unwritableOutputExits74() throws {
        let outcome = try Binary.run(["run", "--input", Self.cases.appendingPathComponent("minimal/input").path, "--output", "/proc/kdpipe-cannot-write-here"])
        #expect(outcome.status == 74)
        #expect(outcome.standardError.contains("kdpipe-cannot-write-here.lock: cannot open the lock file"))
    }

    /// An output that names a file is refused before anything runs (64), the file and its folder left as they
    /// were; it was found only when the report's folder could not be made (74), with a lock file left beside it.
    @Test func anOutputThatIsAFileIsRefused() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: file)
        let outcome = try Binary.run(["run", "--input", Self.cases.appendingPathComponent("minimal/input").path, "--output", file.path, "--db", "none"])
        #expect(outcome.status == 64)
        #expect(outcome.standardError.contains("notes.txt: this output is a file"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "mine")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["notes.txt"])
    }

    @Test func validateChecksTheSchemaAndTheReaders() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = Self.cases.appendingPathComponent("minimal/input").path
        #expect(try Binary.run(["validate", good]).status == 0)
        // Context files are checked as context is read (they were "given as an input"), each on its own.
        let context = try Binary.run(["validate", "SampleData/context", Fixtures.sharedData.appendingPathComponent("wdi").path])
        #expect(context.status == 0)
        #expect(!context.standardError.contains("INP-002") && !context.standardError.contains("CTX-002"), "\(context.standardError)")
        #expect(context.standardError.contains("validate: 10 files; 0 errors, 0 warnings"))
        let garbled = try Fixtures.write("Country Name,Country Code,Indicator Name,Indicator Code,2019\nSenegal,SEN,Gini,SI.POV.GINI,n.d.\n", to: "gini.csv", in: folder)
        #expect(try Binary.run(["validate", garbled]).standardError.contains("warning: [CTX-004] 'n.d.' is not a number"))
        let invalid = try Fixtures.write(
            "<intervention-report version=\"1.0\"><identification><action-code>2020-01</action-code><title>t</title><country code=\"xx\">X</country></identification></intervention-report>\n",
            to: "invalid.xml", in: folder)
        let outcome = try Binary.run(["validate", invalid])
        #expect(outcome.status == 65)
        #expect(outcome.standardError.contains("invalid.xml:1: error: [XSD-001]"))
        let iati = Fixtures.sharedData.appendingPathComponent("iati")
        let schema = iati.appendingPathComponent("schema-2.03/iati-activities-schema.xsd").path
        let fcdo = try Binary.run(["validate", "--schema", schema, iati.appendingPathComponent("fcdo-activity.xml").path])
        #expect(fcdo.status == 0, "\(fcdo.standardError)")
    }

    /// What libxml2's schema code prints by itself on a state it does not handle (a processing instruction
    /// before the root: "Unimplemented block at xmlschemas.c:…") does not reach standard error; kdpipe's
    /// diagnostic and summary lines do.
    @Test func validatePrintsOnlyItsOwnLines() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try Fixtures.write("<?xml-8\"?>\n<iati-activities version=\"2.03\"/>\n", to: "pi.xml", in: folder)
        let schema = Fixtures.sharedData.appendingPathComponent("iati/schema-2.03/iati-activities-schema.xsd").path
        let outcome = try Binary.run(["validate", "--schema", schema, file])
        #expect(outcome.status == 65)
        let lines = outcome.standardError.split(separator: "\n")
        #expect(lines.first?.hasPrefix("pi.xml:1:") == true)
        #expect(lines.allSatisfy { $0.hasPrefix("pi.xml:") || $0.hasPrefix("kdpipe validate: ") }, "\(lines)")
    }

    /// A schema that cannot be loaded stops `validate` (exit 64), and the error says why, at the schema's line.
    @Test func validateSaysWhyASchemaCannotBeLoaded() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = try Fixtures.write("""
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="a" type="no-such-type"/>
            </xs:schema>
            """, to: "broken.xsd", in: folder)
        let file = try Fixtures.write("<a/>", to: "a.xml", in: folder)
        let outcome = try Binary.run(["validate", "--schema", schema, file])
        #expect(outcome.status == 64)
        let lines = outcome.standardError.split(separator: "\n")
        #expect(lines.first?.hasPrefix("\(schema):2: error: [XSD-002] schema:") == true, "\(outcome.standardError)")
        #expect(outcome.standardError.contains("'no-such-type' does not resolve to a(n) type definition"))
        #expect(lines.last == "kdpipe: error: \(schema): cannot load the schema, so nothing was validated")
        #expect(!outcome.standardError.contains("Usage:"))
    }
}
