import Foundation
import KDCore
import KDIngest
import KDTestSupport
import Testing

@Suite struct NativeReportReaderTests {
    func read(_ text: String, name: String = "report.xml") throws -> (Intervention?, [Diagnostic]) {
        try read(bytes: Array(text.utf8), name: name)
    }

    func read(bytes: [UInt8], name: String = "report.xml") throws -> (Intervention?, [Diagnostic]) {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Fixtures.write(bytes: bytes, to: name, in: folder)
        var log = DiagnosticLog()
        let result = NativeReportReader().read(InputFile(path: path, displayPath: name), diagnostics: &log)
        return (result, log.entries)
    }

    /// The faults of hand-edited and pasted files are explained after libxml2's own words, with how to mend
    /// them; both readers (this one and the IATI lane's) build their messages the same way.
    @Test(arguments: [
        ("A & B", "xmlParseEntityRef: no name (an '&' that starts no entity reference: an ampersand in text is written &amp;)"),
        ("A &amp B", "EntityRef: expecting ';' (an '&' that starts no entity reference"),
        ("1 < 2", "StartTag: invalid element name (a '<' that starts no element: a less-than sign in text is written &lt;)"),
        ("A&nbsp;B", "Entity 'nbsp' not defined (an entity of HTML that XML does not know, such as &nbsp; or &eacute;"),
        ("A\u{1}B", "PCDATA invalid Char value 1 (a character XML does not allow"),
    ])
    func explainsTheCommonFaults(title: String, message: String) throws {
        let (report, diagnostics) = try read("<intervention-report version=\"1.0\"><identification><title>\(title)</title></identification></intervention-report>")
        #expect(report == nil)
        let fault = try #require(diagnostics.first { $0.code == "XML-001" })
        #expect(fault.message.contains(message), "\(fault.message)")
    }

    @Test func explainsBytesThatAreNotUTF8() throws {
        let bytes = Array("<intervention-report version=\"1.0\"><identification><title>Minist".utf8) + [0xE8]
            + Array("re</title></identification></intervention-report>".utf8)
        let (_, diagnostics) = try read(bytes: bytes)
        let fault = try #require(diagnostics.first { $0.code == "XML-001" })
        #expect(fault.message.contains("Input is not proper UTF-8"))
        #expect(fault.message.contains("save it as UTF-8, or declare its encoding: <?xml version=\"1.0\" encoding=\"windows-1252\"?>"))
    }

    static let minimal = """
    <?xml version="1.0" encoding="UTF-8"?>
    <intervention-report version="1.0" xml:lang="fr">
      <identification>
        <action-code>SOCIEUX+ 2019-07 SENEGAL</action-code>
        <title>Appui à la DGPSN</title>
        <country>Sénégal</country>
      </identification>
      <indicators>
        <indicator unit="%" direction="lower">
          <title>Taux de pauvreté</title>
          <baseline year="2018">46,7</baseline>
          <period start="2019-10-01" end="2020-03-31"><target>42</target><actual>43,5</actual></period>
        </indicator>
      </indicators>
    </intervention-report>
    """

    @Test func readsTheSampleSenegalReportExactly() throws {
        let path = Fixtures.repositoryRoot.appendingPathComponent("SampleData/reports/socieux-2019-07-senegal.xml").path
        var log = DiagnosticLog()
        let report = try #require(NativeReportReader().read(InputFile(path: path, displayPath: "senegal.xml"), diagnostics: &log))
        #expect(log.entries.isEmpty)
        #expect(report.id == "2019-07")
        #expect(report.actionCode == "SOCIEUX+ 2019-07 SENEGAL")
        #expect(report.language == "fr")
        #expect(report.numberStyle == .decimalComma)
        #expect(report.country.raw == "Sénégal")
        #expect(report.country.declaredCode == nil)
        #expect(report.institution?.acronym == "DGPSN")
        #expect(report.institution?.originalName == "Délégation générale à la protection sociale et à la solidarité nationale")
        #expect(report.start?.raw == "1er octobre 2019")
        #expect(report.assistanceTypes == ["Institutional capacity building", "Organisational management"])
        #expect(report.activities.count == 2)
        #expect(report.activities[0].experts.map { $0.days?.raw } == ["10", "10"])
        #expect(report.activities[1].participantsFemale == 23)
        #expect(report.indicators.map(\.title) == ["Taux de pauvreté (seuil national)", "Ménages inscrits au Registre national unique"])
        #expect(report.indicators[0].baseline?.raw == "46,7")
        #expect(report.indicators[0].baselineYear == 2018)
        #expect(report.indicators[1].periods.first?.actual?.raw == "587 000")
        #expect(report.sections.map(\.heading) == ["6.2 Leçons apprises", "Bonnes pratiques", "7. Recommandations", "7.2 Recommandations à la Délégation de l'UE"])
        #expect(report.sections[0].paragraphs.count == 3)
        #expect(report.sections[0].keys.isEmpty)
    }

    @Test func malformedXMLIsReportedWithLineAndColumnAndNotUsed() throws {
        let broken = Self.minimal.replacingOccurrences(of: "<title>Appui à la DGPSN</title>", with: "<title>Emploi & travail</title>")
        let (report, diagnostics) = try read(broken)
        #expect(report == nil)
        let fault = try #require(diagnostics.first { $0.code == "XML-001" })
        #expect(fault.severity == .error)
        #expect(fault.location?.line == 5)
        #expect(fault.location?.column == 20)
    }

    @Test func truncatedDocumentIsNotUsed() throws {
        let truncated = Self.minimal.split(separator: "\n").prefix(8).joined(separator: "\n")
        let (report, diagnostics) = try read(truncated)
        #expect(report == nil)
        #expect(diagnostics.contains { $0.code == "XML-001" && $0.severity == .error })
    }

    @Test func externalEntitiesAreNeverExpanded() throws {
        let hostile = """
        <?xml version="1.0"?>
        <!DOCTYPE intervention-report [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
        <intervention-report version="1.0">
          <identification><action-code>2020-01</action-code><title>A &xxe; B</title><country>Togo</country></identification>
        </intervention-report>
        """
        let (report, diagnostics) = try read(hostile)
        let title = try #require(report?.title)
        #expect(!title.contains("root"))
        #expect(title == "A B")
        #expect(diagnostics.map(\.code) == ["XML-003"])
        #expect(diagnostics.first?.location?.line == 4)
    }

    @Test func entityBombIsRejectedQuickly() throws {
        var bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n <!ENTITY l0 \"lol\">\n"
        for level in 1...9 {
            bomb += " <!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">\n"
        }
        bomb += "]>\n<intervention-report version=\"1.0\"><identification><action-code>2020-01</action-code><title>&l9;</title></identification></intervention-report>\n"
        let clock = ContinuousClock()
        let start = clock.now
        let (report, diagnostics) = try read(bomb)
        #expect(clock.now - start < .seconds(5))
        #expect(report == nil || report?.title?.count ?? 0 < 100)
        #expect(diagnostics.contains { $0.severity >= .warning })
    }

    /// A tag of more than 1,000,000 bytes is refused before libxml2 parses it (its check for repeated
    /// attributes grows with the square of their number: 200,000 take it 95 s), in UTF-8 and UTF-16 alike;
    /// a long comment under the limit is read past.
    @Test(arguments: [false, true])
    func anEndlessTagIsRefusedBeforeLibxml2ParsesIt(utf16: Bool) throws {
        let attributes = (0..<80_000).map { "a\($0)=\"\($0)\"" }.joined(separator: " ")
        let comment = "<!-- " + String(repeating: "note ", count: 100_000) + "-->"
        var text = Self.minimal.replacingOccurrences(of: "<identification>", with: "\(comment)<identification \(attributes)>")
        var bytes = Array(text.utf8)
        if utf16 {
            text = text.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
            bytes = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        }
        let clock = ContinuousClock()
        let start = clock.now
        let (report, diagnostics) = try read(bytes: bytes)
        #expect(clock.now - start < .seconds(3))
        #expect(report == nil)
        #expect(diagnostics.map(\.code) == ["XML-001"])
        #expect(diagnostics.first?.message.contains("a tag, comment or processing instruction of more than 1,000,000 bytes") == true)
        // Under the limit, the same comment and a few attributes are read as usual.
        let (plain, plainDiagnostics) = try read(Self.minimal.replacingOccurrences(of: "<identification>", with: "\(comment)<identification a=\"1\">"))
        #expect(plain?.title == "Appui à la DGPSN")
        #expect(!plainDiagnostics.contains { $0.code == "XML-001" })
    }

    /// A report of more than 100,000 elements is read up to there, with a warning, and the rest passed over
    /// (a report is built whole, so one without end would hold the file in memory): the report is used.
    @Test func anEndlessReportIsReadUpToTheLimit() throws {
        let items = String(repeating: "<item>A guide tested with the counsellors is applied better.</item>\n", count: 100_050)
        let text = Self.minimal.replacingOccurrences(
            of: "</indicators>",
            with: "</indicators>\n<narrative><section kind=\"lessons_learned\"><heading>Lessons</heading>\n\(items)</section></narrative>")
        let (report, diagnostics) = try read(text)
        #expect(report?.title == "Appui à la DGPSN")
        #expect(report?.indicators.count == 1)
        let kept = report?.sections.first?.items.count ?? 0
        #expect(kept > 99_900 && kept < 100_000)
        #expect(diagnostics.map(\.code) == ["RPT-006"])
    }

    @Test func byteOrderMarkAndUTF16AreReadCorrectly() throws {
        let (withBOM, bomDiagnostics) = try read(bytes: [0xEF, 0xBB, 0xBF] + Array(Self.minimal.utf8))
        #expect(withBOM?.title == "Appui à la DGPSN")
        #expect(bomDiagnostics.isEmpty)
        let utf16 = Self.minimal.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in utf16.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let (report, _) = try read(bytes: bytes)
        #expect(report?.country.raw == "Sénégal")
        #expect(report?.indicators.first?.baseline?.raw == "46,7")
    }

    @Test func otherRootsAndMissingCodesAreRejected() throws {
        let (iati, iatiDiagnostics) = try read("<iati-activities version=\"2.03\"/>")
        #expect(iati == nil)
        #expect(iatiDiagnostics.map(\.code) == ["XML-004"])
        let (noCode, noCodeDiagnostics) = try read("<intervention-report version=\"1.0\"><identification><title>x</title></identification></intervention-report>")
        #expect(noCode == nil)
        #expect(noCodeDiagnostics.map(\.code) == ["RPT-001"])
    }

    @Test func unknownElementsAreNotedAndIgnored() throws {
        let extended = Self.minimal.replacingOccurrences(of: "<indicators>", with: "<budget>12</budget>\n  <indicators>")
        let (report, diagnostics) = try read(extended)
        #expect(report?.indicators.count == 1)
        #expect(diagnostics.map(\.code) == ["RPT-003"])
        #expect(diagnostics.first?.location?.line == 8)
    }
}

@Suite struct InputSnifferTests {
    @Test func tellsXMLRootsFromTables() {
        #expect(InputSniffer.sniff(Array("\u{FEFF}<?xml version=\"1.0\"?>\n<!-- c > -->\n<intervention-report>".utf8)) == .xml(root: "intervention-report"))
        #expect(InputSniffer.sniff(Array("<!DOCTYPE x [ <!ENTITY a \"b\"> ]>\n<iati:iati-activities>".utf8)) == .xml(root: "iati-activities"))
        #expect(InputSniffer.sniff(Array("a;b\n1;2\n".utf8)) == .table)
        #expect(InputSniffer.sniff([0x00, 0x01, 0x02]) == .unknown("binary content (NUL bytes)"))
        #expect(InputSniffer.sniff([]) == .unknown("the file is empty"))
        #expect(InputSniffer.sniff(Array("\u{FEFF}\r\n  \t\n".utf8)) == .unknown("the file holds only white space"))
        #expect(InputSniffer.sniff(Array("\n\n".utf8), isWholeFile: false) == .table)
        // A byte order mark alone, or UTF-16 white space, is nothing to read (not a UTF-16 table).
        #expect(InputSniffer.sniff([0xEF, 0xBB, 0xBF]) == .unknown("the file holds only a byte order mark"))
        #expect(InputSniffer.sniff([0xFF, 0xFE]) == .unknown("the file holds only a byte order mark"))
        #expect(InputSniffer.sniff([0xFE, 0xFF, 0x00, 0x20, 0x00, 0x0A]) == .unknown("the file holds only white space"))
        #expect(InputSniffer.sniff([0xFF, 0xFE, 0x20, 0x01, 0x0A, 0x00]) == .table)
        #expect(InputSniffer.sniff([0xFF, 0xFE, 0x20, 0x00], isWholeFile: false) == .table)
    }

    @Test func findsTheRootAfterWhiteSpaceInstructionsAndComments() {
        let prologue = " \r\n\t<?xml version=\"1.0\"?><?style x?>\n<!-- [not a DOCTYPE] -->\n<!---->"
        #expect(InputSniffer.sniff(Array((prologue + "<iati-activities version=\"2.03\">[1]</iati-activities>").utf8)) == .xml(root: "iati-activities"))
        #expect(InputSniffer.sniff(Array((prologue + "<r/>").utf8)) == .xml(root: "r"))
        #expect(InputSniffer.sniff(Array("<!-- never closed <r>".utf8)) == .xml(root: ""))
        #expect(InputSniffer.sniff(Array("  intervention_id,title\n".utf8)) == .table)
        // UTF-16 (little-endian, with its BOM): the root is found on every other byte.
        let utf16: [UInt8] = [0xFF, 0xFE] + "<?xml version=\"1.0\" encoding=\"UTF-16\"?><report>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] as [UInt8] }
        #expect(InputSniffer.sniff(utf16) == .xml(root: "report"))
    }
}
