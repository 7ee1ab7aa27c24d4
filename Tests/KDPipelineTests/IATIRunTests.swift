import Foundation
import KDCore
import KDIngest
import KDPipeline
import KDStore
import KDTestSupport
import Testing

@Suite struct IATIRunTests {
    static let folder = Fixtures.sharedData.appendingPathComponent("iati")

    /// The shared IATI folder holds 283 indicator periods (SOURCES.md): each is a row of indicators.csv.
    @Test func everyIndicatorPeriodOfTheSharedDataIsARow() throws {
        let (result, output) = try runPipeline(name: "iati", inputs: [Self.folder.path])
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(result.iati.activities == 100 + 577 + 83 + 1 + 1 + 1)
        #expect(result.iati.files == 6)
        let indicators = try String(contentsOf: output.appendingPathComponent("indicators.csv"), encoding: .utf8)
        let rows = indicators.split(separator: "\n").dropFirst()
        #expect(rows.count == 283)
        #expect(rows.allSatisfy { $0.hasSuffix(",1,") || $0.contains(",1,") || $0.contains(",2,") })
        let interventions = try String(contentsOf: output.appendingPathComponent("interventions.csv"), encoding: .utf8)
        #expect(interventions.split(separator: "\n").count - 1 == 763)
        #expect(interventions.contains("\n44000-P175662,44000-P175662,iati/worldbank-activity.xml,"))
        // Raw values are kept beside what could honestly be read from them.
        #expect(indicators.contains(",2015:1004106,"))
        #expect(indicators.contains("1584728,2015:1584728 (158%),"))
        #expect(result.tally.count(.error) == 0)
        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("## IATI portfolio"))
        #expect(summary.contains("| XM-DAC-47066 International Organization for Migration (IOM) | 577 |"))
    }

    /// The lessons of IATI activities are recorded in the knowledge base for search, the first 2,000 of a file
    /// or piece (and 20,000 of a run): every one of them is a row of lessons.csv all the same.
    @Test func lessonsOfActivitiesAreRecordedInTheKnowledgeBaseUpToABound() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bullets = (1...2_050).map { "- Les bénéficiaires du district \($0) ont été payés par carteira móvel." }
        let activity = { (id: String, description: String) in
            """
              <iati-activity>
                <iati-identifier>\(id)</iati-identifier>
                <title><narrative>Activity \(id)</narrative></title>
                <description><narrative xml:lang="fr">Leçons apprises :
            \(description)
            </narrative></description>
              </iati-activity>
            """
        }
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03">
            \(activity("XM-TEST-2", "- Les agents de paiement ont besoin de liquidités dans les zones rurales."))
            \(activity("XM-TEST-1", bullets.joined(separator: "\n")))
            </iati-activities>
            """
        let input = try Fixtures.write(text, to: "many-lessons.xml", in: folder)
        var config = PipelineConfig(name: "t", inputs: [PipelineConfig.Input(path: input)], output: "")
        config.database = folder.appendingPathComponent("kb.sqlite").path
        let (result, output) = try runPipeline(config)
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(result.iati.lessons == 2_051)
        let rows = try String(contentsOf: output.appendingPathComponent("lessons.csv"), encoding: .utf8).split(separator: "\n")
        #expect(rows.count == 1 + 2_051)
        let base = try KnowledgeBase(path: config.database!)
        // The file is read as one piece: its first 2,000 lessons are recorded.
        #expect(try base.search("district", limit: 5_000).count == 1_999)
        #expect(try base.search("liquidités").map(\.actionCode) == ["XM-TEST-2"])
    }

    /// A lesson of an IATI activity that says what a lesson of an action says is grouped with it: the group is
    /// in lesson_clusters.csv, both rows of lessons.csv name it, and the summary's recurring lessons list both;
    /// the activity's recommendations are listed by addressee with the reports'.
    @Test func aLessonRecursInAnActionAndAnIATIActivity() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let register = try Fixtures.write("""
            action_code;title;country;area;status;start_date;end_date
            SOCIEUX+ 2019-07 SENEGAL;Registre national unique;Senegal;Social protection;Completed;2019-03-01;2019-12-20

            """, to: "register.csv", in: folder)
        let table = try Fixtures.write("""
            action_code;lesson_text;kind;language
            SOCIEUX+ 2019-07 SENEGAL;Les mutuelles de santé ne gardent leurs membres que si les prestataires de soins sont payés à temps.;lesson;fr
            SOCIEUX+ 2019-07 SENEGAL;Le registre doit être mis à jour en continu par les agents communautaires.;lesson;fr

            """, to: "lessons-table.csv", in: folder)
        let iati = try Fixtures.write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03">
              <iati-activity>
                <iati-identifier>BE-BCE_KBO-0264814354-SEN1802311</iati-identifier>
                <title><narrative>Couverture maladie au Sénégal</narrative></title>
                <recipient-country code="SN"/>
                <description><narrative xml:lang="fr">Leçons apprises :
            - Les mutuelles de santé communautaires ne gardent leurs membres que si les prestataires de soins sont payés sans retard.

            Recommandations :
            - La Délégation de l'UE devrait associer l'Agence au dialogue sur l'appui budgétaire.
            </narrative></description>
              </iati-activity>
            </iati-activities>
            """, to: "enabel.xml", in: folder)
        var config = PipelineConfig(name: "t", inputs: [register, table, iati].map { PipelineConfig.Input(path: $0) }, output: "")
        config.taxonomy = "Pipelines/taxonomy.yml"
        let (_, output) = try runPipeline(config)
        defer { try? FileManager.default.removeItem(at: output) }
        let clusters = try String(contentsOf: output.appendingPathComponent("lesson_clusters.csv"), encoding: .utf8)
        let groups = clusters.split(separator: "\n").dropFirst()
        #expect(groups.count == 1)
        #expect(groups.first?.hasSuffix(",2,2019-07-L01|BE-BCE_KBO-0264814354-SEN1802311-L01") == true, "\(clusters)")
        let lessons = try String(contentsOf: output.appendingPathComponent("lessons.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lessons.count == 5)
        #expect(lessons.filter { $0.contains(",C-2019-07-L01,") }.count == 2, "\(lessons)")
        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("## Recurring lessons"))
        #expect(summary.contains("  - Les mutuelles de santé communautaires ne gardent leurs membres que si les prestataires de soins sont payés sans retard. *[BE-BCE_KBO-0264814354-SEN1802311 (SEN), fr; "), "\(summary)")
        // Its recommendation to the EU Delegation is listed under its addressee.
        #expect(summary.contains("### To the EU Delegation\n\n- La Délégation de l'UE devrait associer l'Agence au dialogue sur l'appui budgétaire. *[BE-BCE_KBO-0264814354-SEN1802311 (SEN), fr; "), "\(summary)")
    }

    @Test func outputsDoNotDependOnSchedulingAcrossFiles() throws {
        let (_, first) = try runPipeline(name: "iati", inputs: [Self.folder.path])
        let (_, second) = try runPipeline(name: "iati", inputs: [Self.folder.path])
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        for file in reportFiles {
            #expect(try contents(of: file, in: first) == contents(of: file, in: second), "\(file) differs between runs")
        }
    }

    @Test func aBrokenIATIFileKeepsItsActivitiesAndTheBatchGoesOn() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = "<iati-activities version=\"2.03\">\n"
        for index in 1...3 {
            text += "<iati-activity><iati-identifier>XM-\(index)</iati-identifier><recipient-country code=\"SN\"/></iati-activity>\n"
        }
        // libxml2's reader parses 512-byte blocks and drops the block in which a fatal error occurs, so the
        // broken activity is made longer than that, as real ones are.
        let long = String(repeating: "Ebola response in the prefecture. ", count: 20)
        text += "<iati-activity><iati-identifier>XM-4</iati-identifier><description><narrative>\(long)</narrative></description>"
        text += "<title><narrative>A < B</narrative></title></iati-activity>\n"
        try Fixtures.write(text, to: "broken.xml", in: folder)
        try FileManager.default.copyItem(
            atPath: Self.folder.appendingPathComponent("fcdo-activity.xml").path, toPath: folder.appendingPathComponent("fcdo.xml").path)
        let (result, output) = try runPipeline(name: "broken", inputs: [folder.path])
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(result.iati.activities == 4)
        #expect(result.exitStatus == .dataErrors)
        let fault = try #require(result.diagnostics.first { $0.code == "XML-001" })
        #expect(fault.location?.file.hasSuffix("broken.xml") == true)
        #expect(fault.location?.line == 5)
        let interventions = try String(contentsOf: output.appendingPathComponent("interventions.csv"), encoding: .utf8)
        #expect(interventions.contains("\nXM-3,"))
        #expect(!interventions.contains("\nXM-4,"))
    }

    /// A finding about a period's value is placed at that period and names the value (and the row's
    /// dimensions), so that two periods, or two rows of one, reporting the same text give two findings an
    /// analyst can tell apart, not one twice.
    @Test func findingsAboutAPeriodPointAtThatPeriod() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let period = { (year: Int, target: String) in
            "        <period><period-start iso-date=\"\(year)-01-01\"/><period-end iso-date=\"\(year)-12-31\"/>"
                + "<target value=\"\(target)\"/><actual value=\"Not available\"/></period>\n"
        }
        let text = activities(1) { _ in
            "    <recipient-country code=\"SN\"/>\n    <result type=\"2\">\n"
                + "      <indicator measure=\"1\" ascending=\"1\">\n"
                + "        <title><narrative>Households enrolled</narrative></title>\n"
                + "        <baseline year=\"2019\" value=\"2019:120\"/>\n"
                + period(2021, "300") + period(2022, "n.d.")
                + "        <period><period-start iso-date=\"2023-01-01\"/><period-end iso-date=\"2023-12-31\"/>"
                + "<target value=\"400\"/><actual value=\"n.d.\"><dimension name=\"sex\" value=\"female\"/></actual>"
                + "<actual value=\"n.d.\"><dimension name=\"sex\" value=\"male\"/></actual></period>\n"
                + "      </indicator>\n    </result>\n"
        }
        try Fixtures.write(text, to: "periods.xml", in: folder)
        let (result, output) = try runPipeline(name: "periods", inputs: [folder.path])
        defer { try? FileManager.default.removeItem(at: output) }
        // Lines: 3 the activity, 8 the indicator (where its baseline is reported), 11 to 13 the periods, each
        // with the column of the `>` ending its start tag; the third period's actuals are split by sex.
        let findings = result.diagnostics.filter { $0.code.hasPrefix("NRM-") }
            .map { "\($0.location?.line ?? 0):\($0.location?.column ?? 0) \($0.code) \($0.message)" }
        #expect(findings == [
            "8:43 NRM-010 baseline '2019:120' read as 120 (a year prefix or a comment set aside)",
            "11:16 NRM-003 actual 'Not available' is not a number; the text is kept as written",
            "12:16 NRM-003 target 'n.d.' is not a number; the text is kept as written",
            "12:16 NRM-003 actual 'Not available' is not a number; the text is kept as written",
            "13:16 NRM-003 actual (sex=female) 'n.d.' is not a number; the text is kept as written",
            "13:16 NRM-003 actual (sex=male) 'n.d.' is not a number; the text is kept as written",
        ])
        // The table keeps the indicator's line on each of its rows.
        let rows = try String(contentsOf: output.appendingPathComponent("indicators.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst()
        #expect(rows.count == 5)  // the split period gives a row for its target and one for each actual
        #expect(rows.allSatisfy { $0.hasPrefix("XM-1,XM-1,") && $0.contains("/periods.xml,8,SEN,") })
    }

    /// An IATI file of `count` activities, each on lines of its own: its identifier, a long description, then
    /// what `rest` gives for its index.
    func activities(_ count: Int, rest: (Int) -> String) -> String {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\">\n"
        let long = String(repeating: "Ebola response in the prefecture. ", count: 20)
        for index in 1...count {
            text += "  <iati-activity>\n    <iati-identifier>XM-\(index)</iati-identifier>\n"
            text += "    <description><narrative>\(long)</narrative></description>\n"
            text += rest(index) + "  </iati-activity>\n"
        }
        return text + "</iati-activities>\n"
    }

    /// Runs `inputs`, with IATI files cut into pieces of `pieceBytes`, each holding up to `spoolBytes` of
    /// rows per table in memory (by default, as a run does).
    func run(_ inputs: [String], pieceBytes: Int, spoolBytes: Int? = nil) throws -> (RunResult, URL) {
        var config = PipelineConfig(name: "iati", inputs: inputs.map { PipelineConfig.Input(path: $0) }, output: "")
        config.iatiPieceBytes = pieceBytes
        if let spoolBytes { config.iatiSpoolBytes = spoolBytes }
        return try runPipeline(config)
    }

    /// Runs the IATI files in `folder` in one stream and cut into pieces of `pieceBytes`, checks that both
    /// give the same reports byte for byte, and returns both runs' results (their outputs are removed).
    func runWholeAndInPieces(_ folder: URL, pieceBytes: Int, case name: String = "") throws -> (whole: RunResult, pieces: RunResult) {
        let (whole, wholeOutput) = try run([folder.path], pieceBytes: 1 << 40)
        defer { try? FileManager.default.removeItem(at: wholeOutput) }
        let (pieces, piecesOutput) = try run([folder.path], pieceBytes: pieceBytes)
        defer { try? FileManager.default.removeItem(at: piecesOutput) }
        for file in reportFiles {
            #expect(try contents(of: file, in: wholeOutput) == contents(of: file, in: piecesOutput), "\(name)\(file) differs when read in pieces")
        }
        return (whole, pieces)
    }

    /// Files read in pieces side by side give the reports one stream per file gives, byte for byte; and so
    /// do rows spilled to working files (past 1 or 4 KiB, and by pieces waiting for those before them) or
    /// held in memory.
    @Test func readingInPiecesChangesNothingInTheReports() throws {
        let (_, whole) = try run([Self.folder.path], pieceBytes: 1 << 40, spoolBytes: 4 << 10)
        let (result, pieces) = try run([Self.folder.path], pieceBytes: 32 << 10)
        let (_, spilled) = try run([Self.folder.path], pieceBytes: 32 << 10, spoolBytes: 1 << 10)
        defer {
            for output in [whole, pieces, spilled] { try? FileManager.default.removeItem(at: output) }
        }
        #expect(result.iati.files == 6)
        for file in reportFiles {
            #expect(try contents(of: file, in: whole) == contents(of: file, in: pieces), "\(file) differs when read in pieces")
            #expect(try contents(of: file, in: whole) == contents(of: file, in: spilled), "\(file) differs when rows spill")
        }
        for output in [pieces, spilled] {
            #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).allSatisfy { !$0.hasSuffix(".part") })
        }
    }

    /// The scan that cuts a file does not parse XML: an `<iati-activity` that starts a line inside a comment
    /// or a CDATA section is taken for an activity, and a cut may land there. Reading proves such a cut
    /// unsound (the piece before it does not end cleanly, or holds another count), the file is read again
    /// from there in one stream, and the reports are those of one stream.
    @Test func activitiesHiddenInCommentsOrCDATADoNotFoolTheCuts() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = activities(2_000) { index in
            let hidden = switch index % 400 {
            case 100: "    <!-- withdrawn:\n<iati-activity>\n    <iati-identifier>XM-OLD-\(index)</iati-identifier>\n    -->\n"
            case 300: "    <description><narrative><![CDATA[\n<iati-activity> is the element\n]]></narrative></description>\n"
            default: ""
            }
            return hidden + "    <recipient-country code=\"SN\"/>\n"
        }
        let path = try Fixtures.write(text, to: "hidden.xml", in: folder)
        // The scan counts the ten hidden ones (five in comments, five in CDATA) among the activities.
        let plan = try #require(IATIPieces(path: path, pieceBytes: 16 << 10))
        #expect(plan.pieces.reduce(0) { $0 + $1.activities } == 2_010)
        let (whole, pieces) = try runWholeAndInPieces(folder, pieceBytes: 16 << 10)
        #expect(whole.iati.activities == 2_000)
        #expect(pieces.iati.activities == 2_000)
        #expect(pieces.tally.count(.error) == 0)
    }

    /// A fault in a piece before the last: the file is read again from that piece on, in one stream, so the
    /// activities before the fault are kept, the fault is reported where it is, and nothing after it is read.
    @Test func aFaultInAPieceIsReadAsOneStreamMeetsIt() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Activity 1500 holds the fault: an unescaped `<`.
        let text = activities(2_000) { index in
            index == 1_500 ? "    <title><narrative>A < B</narrative></title>\n" : "    <recipient-country code=\"SN\"/>\n"
        }
        try Fixtures.write(text, to: "broken.xml", in: folder)
        let (whole, pieces) = try runWholeAndInPieces(folder, pieceBytes: 64 << 10)
        let fault = try #require(pieces.diagnostics.first { $0.code == "XML-001" })
        #expect(fault.location?.line == 2 + 5 * 1_499 + 4)
        #expect(fault.message.contains("activities read before it were kept"))
        #expect(pieces.iati.activities > 1_450 && pieces.iati.activities < 1_500)
        #expect(pieces.iati.activities == whole.iati.activities)
    }

    /// libxml2 names a second line in some messages, where the tag it could not close was opened: read in
    /// pieces, that line is the file's too, as it is read in one stream.
    @Test func aFaultsMessageNamesTheFilesLinesWhenReadInPieces() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Activity 1500's title does not close its narrative, opened on the activity's 4th line.
        let text = activities(2_000) { index in
            index == 1_500 ? "    <title><narrative>Cash transfers</title>\n" : "    <recipient-country code=\"SN\"/>\n"
        }
        try Fixtures.write(text, to: "unclosed.xml", in: folder)
        let opened = 2 + 5 * 1_499 + 4
        let (whole, pieces) = try runWholeAndInPieces(folder, pieceBytes: 64 << 10)
        for result in [whole, pieces] {
            let fault = try #require(result.diagnostics.first { $0.code == "XML-001" })
            #expect(fault.location?.line == opened)
            #expect(fault.message.contains("tag mismatch: narrative line \(opened) and title"), "\(fault.message)")
        }
    }

    /// Damaged files, read in pieces, give the reports one stream gives, byte for byte: random bytes, tags,
    /// entities, line ends and comment or CDATA marks put in, runs cut out or repeated elsewhere, wherever a
    /// seeded generator puts them. (600 seeds passed when this test was written; these run on every test.)
    @Test(arguments: 0..<16) func damagedFilesReadInPiecesGiveTheReportsOfOneStream(seed: Int) throws {
        let marks = [
            "<", ">", "&", "&amp;", "&nbsp;", "&#x0;", "]]>", "<![CDATA[", "<!--", "-->", "\"", "\n", "\r\n", "\r", "\0",
            "\n<iati-activity>\n", "</iati-activity>\n", "\n</iati-activities>\n", "<narrative>", "</narrative>",
            "<period>", "</period>", "<?pi x?>", "\u{00E9}", "\u{FEFF}",
        ]
        var random = SplitMix(seed: UInt64(seed))
        var bytes = Array(activities(1_900) { index in
            """
                <title><narrative xml:lang="fr">Protection sociale \(index) &amp; emploi</narrative></title>
                <recipient-country code="SN" percentage="100"/>
                <result type="1"><title><narrative>Coverage</narrative></title>
                  <indicator measure="1" ascending="1"><title><narrative>Households covered</narrative></title>
                    <baseline year="2015" value="\(index)"/>
                    <period><period-start iso-date="2018-01-01"/><period-end iso-date="2018-12-31"/>
                      <target value="\(index * 2)"/><actual value="\(index + 3)"/></period>
                  </indicator>
                </result>

            """
        }.utf8)
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let at = Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: bytes.insert(contentsOf: Array(marks.randomElement(using: &random)!.utf8), at: at)
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...300, using: &random)))
            case 2 where at < bytes.count: bytes[at] = UInt8.random(in: 0...255, using: &random)
            default:
                let from = Int.random(in: 0..<bytes.count, using: &random)
                bytes.insert(contentsOf: bytes[from..<min(bytes.count, from + Int.random(in: 1...2_000, using: &random))], at: at)
            }
        }
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(bytes).write(to: folder.appendingPathComponent("damaged.xml"))
        // The damage leaves the file to be cut: the scan looks only for activities that start a line.
        #expect(IATIPieces(path: folder.appendingPathComponent("damaged.xml").path, pieceBytes: 16 << 10) != nil)
        let (whole, pieces) = try runWholeAndInPieces(folder, pieceBytes: 16 << 10, case: "seed \(seed): ")
        #expect(whole.iati.activities == pieces.iati.activities)
    }
}
