import Foundation
import KDCore
import KDIngest
import KDTestSupport
import Testing

@Suite struct IATIReaderTests {
    static let folder = Fixtures.sharedData.appendingPathComponent("iati")

    func read(_ path: String, display: String? = nil) -> ([Intervention], [Diagnostic]) {
        var fileLog = DiagnosticLog()
        var activityLogs = DiagnosticLog()
        var activities: [Intervention] = []
        IATIReader().read(InputFile(path: path, displayPath: display ?? URL(fileURLWithPath: path).lastPathComponent), diagnostics: &fileLog) {
            activities.append($0)
            activityLogs.append(contentsOf: $1)
        }
        return (activities, activityLogs.entries + fileLog.entries)
    }

    /// Writes `text` to a file named `name` in a folder of its own, and reads it.
    func read(text: String, named name: String) throws -> ([Intervention], [Diagnostic]) {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        return read(try Fixtures.write(text, to: name, in: folder))
    }

    /// Counts from ../shared/data/iati/SOURCES.md: activities, results, indicators, periods.
    @Test(arguments: [
        ("dportal-ebola-multipublisher.xml", 100, 97, 255, 269),
        ("iaticloud-ocha-cbpf-southsudan-2.03.xml", 577, 0, 0, 0),
        ("spain-maec-indonesia-2.01.xml", 83, 0, 0, 0),
        ("worldbank-activity.xml", 1, 14, 14, 14),
        ("ec-intpa-activity.xml", 1, 0, 0, 0),
        ("fcdo-activity.xml", 1, 0, 0, 0),
    ])
    func readsEveryRealFileWithItsCounts(name: String, activities: Int, results: Int, indicators: Int, periods: Int) {
        let (read, diagnostics) = read(Self.folder.appendingPathComponent(name).path)
        #expect(read.count == activities)
        #expect(read.reduce(0) { $0 + ($1.iati?.results ?? 0) } == results)
        #expect(read.reduce(0) { $0 + $1.indicators.count } == indicators)
        #expect(read.reduce(0) { $0 + $1.indicators.reduce(0) { $0 + $1.periods.count } } == periods)
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics.prefix(3).map(\.formatted))")
    }

    @Test func readsWorldBankValuesBackExactly() throws {
        let (read, _) = read(Self.folder.appendingPathComponent("worldbank-activity.xml").path)
        let activity = try #require(read.first)
        #expect(activity.id == "44000-P175662")
        #expect(activity.iati?.reportingOrg?.ref == "44000")
        #expect(activity.iati?.reportingOrg?.name == "World Bank")
        #expect(activity.title == "Jordan Inclusive, Transparent and Climate Responsive Investments Program For Results")
        #expect(activity.country.declaredCode == "JO")
        #expect(activity.start?.raw == "2021-06-10")
        #expect(activity.end?.raw == "2026-06-30")
        #expect(activity.status?.raw == "Implementation")
        #expect(activity.status?.value == nil)
        #expect(activity.iati?.version == "2.03")
        #expect(activity.iati?.descriptions.first?.type == "1")
        let first = try #require(activity.indicators.first)
        #expect(first.resultType == "2")
        #expect(first.resultTitle == "PDO Indicator")
        #expect(first.measure == "5")
        #expect(first.declaredDirection == "1")
        #expect(first.baseline?.raw == "$0 savings in compliance costs")
        #expect(first.baselineYear == 2020)
        #expect(first.periods.first?.actual?.raw == "As at Apprasial")
        #expect(first.periods.first?.start?.raw == "2020-06-30")
    }

    @Test func keepsNonNumericResultValuesRaw() throws {
        let (read, _) = read(Self.folder.appendingPathComponent("dportal-ebola-multipublisher.xml").path)
        let values = read.flatMap { $0.indicators.flatMap { $0.periods.compactMap { $0.actual?.raw } } }
        #expect(values.contains("2015:1584728 (158%)"))
        #expect(values.contains("2019:73470"))
        let targets = read.flatMap { $0.indicators.flatMap { $0.periods.compactMap { $0.target?.raw } } }
        #expect(targets.contains("2015:1004106"))
        let versions = Set(read.compactMap { $0.iati?.version })
        // The root declares no version; each activity carries its own, from 1.03 to 2.03.
        #expect(versions == ["1.03", "1.04", "2.01", "2.02", "2.03"])
    }

    @Test func readsVersion1PlainTextTitlesAndSplitsByDimension() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Fixtures.write("""
            \u{FEFF}<?xml version="1.0" encoding="UTF-8"?>\r
            <iati-activities version="1.05">\r
              <iati-activity xml:lang="fr">\r
                <iati-identifier>BE-BCE_KBO-0264814354-SEN1234</iati-identifier>\r
                <title>Appui à la protection sociale</title>\r
                <recipient-country code="SN" percentage="100"/>\r
                <result type="2">\r
                  <indicator measure="2" ascending="0">\r
                    <title>Taux de pauvreté</title>\r
                    <baseline year="2018" value="46.7"/>\r
                    <period>\r
                      <period-start iso-date="2019-01-01"/><period-end iso-date="2020-12-31"/>\r
                      <target value="42"><dimension name="sex" value="female"/></target>\r
                      <target value="43"><dimension name="sex" value="male"/></target>\r
                      <actual value="43.1"><dimension name="sex" value="female"/></actual>\r
                      <actual value="44"><dimension name="sex" value="male"/></actual>\r
                    </period>\r
                  </indicator>\r
                </result>\r
              </iati-activity>\r
              <iati-activity><title>No identifier</title></iati-activity>\r
            </iati-activities>\r
            """, to: "v1.xml", in: folder)
        let (read, diagnostics) = read(path)
        #expect(read.count == 2)
        #expect(read[0].title == "Appui à la protection sociale")
        #expect(read[0].language == "fr")
        #expect(read[0].iati?.version == "1.05")
        let periods = read[0].indicators[0].periods
        #expect(periods.map(\.dimensions) == ["sex=female", "sex=male"])
        #expect(periods.map { $0.target?.raw } == ["42", "43"])
        #expect(periods.map { $0.actual?.raw } == ["43.1", "44"])
        #expect(read[1].id == "v1.xml#2")
        #expect(diagnostics.map(\.code) == ["IAT-001"])
        #expect(diagnostics.first?.location?.line == 21)
    }

    /// A period's rows: one per combination, in the order the combinations first appear among the targets,
    /// then those only the actuals name; each with the combination's first target and actual, and the
    /// baseline given for that combination (the first, when given twice), or the indicator's own.
    @Test func splitRowsTakeTheFirstValuesOfTheirCombination() throws {
        let (read, _) = try read(text: """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03">
              <iati-activity>
                <iati-identifier>XM-1</iati-identifier>
                <result type="1">
                  <indicator measure="1">
                    <title><narrative>Members</narrative></title>
                    <baseline year="2018" value="10"/>
                    <baseline year="2018" value="4"><dimension name="sex" value="female"/></baseline>
                    <baseline year="2018" value="5"><dimension name="sex" value="female"/></baseline>
                    <period>
                      <period-start iso-date="2019-01-01"/><period-end iso-date="2019-12-31"/>
                      <target value="8"><dimension name="sex" value="male"/></target>
                      <target value="9"><dimension name="sex" value="female"/></target>
                      <target value="99"><dimension name="sex" value="male"/></target>
                      <actual value="7"><dimension name="sex" value="female"/></actual>
                      <actual value="3"><location ref="GH"/></actual>
                      <actual value="20"/>
                      <actual value="6"><dimension name="sex" value="male"/></actual>
                    </period>
                  </indicator>
                </result>
              </iati-activity>
            </iati-activities>
            """, named: "split.xml")
        let periods = try #require(read.first?.indicators.first?.periods)
        #expect(periods.map(\.dimensions) == ["sex=male", "sex=female", "location=GH", nil])
        #expect(periods.map { $0.target?.raw } == ["8", "9", nil, nil])
        #expect(periods.map { $0.actual?.raw } == ["6", "7", "3", "20"])
        #expect(periods.map { $0.baseline?.raw } == [nil, "4", nil, nil])
        #expect(read.first?.indicators.first?.baseline?.raw == "10")
    }

    /// Attribute values are read as libxml2 gives them: references replaced (characters, the predefined
    /// entities, an entity the document declares), white space normalised; `xml:lang` is the only prefixed
    /// attribute read, and namespace declarations are not attributes.
    @Test func readsAttributeValuesWithTheirReferencesReplaced() throws {
        let (read, _) = try read(text: """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE iati-activities [<!ENTITY agency "XM-DAC-&#55;-1">]>
            <iati-activities version="2.03" xmlns:x="urn:example" xml:lang="en">
              <iati-activity>
                <iati-identifier>XM-1</iati-identifier>
                <reporting-org ref="BE-BCE&#95;KBO-&amp;1" type="10" x:ref="not this one">
                  <narrative>Enabel</narrative>
                </reporting-org>
                <participating-org ref="&agency;" role="&#x34;" type="
            10"><narrative xml:lang="pt">Instituto</narrative></participating-org>
                <title><narrative x:lang="fr">Proteção social</narrative></title>
              </iati-activity>
            </iati-activities>
            """, named: "attributes.xml")
        let details = try #require(read.first?.iati)
        #expect(details.reportingOrg?.ref == "BE-BCE_KBO-&1")
        #expect(details.reportingOrg?.type == "10")
        #expect(details.participatingOrgs.first?.ref == "XM-DAC-7-1")
        #expect(details.participatingOrgs.first?.role == "4")
        #expect(details.participatingOrgs.first?.type == "10")
        #expect(details.participatingOrgs.first?.name == "Instituto")
        #expect(details.titles.map(\.language) == ["en"])
        #expect(read.first?.language == "en")
    }

    /// A narrative's language is its own `xml:lang`, or the nearest one around it: its element's, the
    /// activity's, the root element's.
    @Test func narrativesTakeTheNearestLanguage() throws {
        let (read, diagnostics) = try read(text: """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03" xml:lang="PT">
              <iati-activity>
                <iati-identifier>XM-1</iati-identifier>
                <title><narrative>Proteção social</narrative><narrative xml:lang="en">Social protection</narrative></title>
                <description type="1" xml:lang="fr"><narrative>Appui</narrative><narrative xml:lang="nl">Steun</narrative></description>
              </iati-activity>
              <iati-activity xml:lang="es">
                <iati-identifier>XM-2</iati-identifier>
                <title>Protección social</title>
                <description type="1"><narrative>Apoyo</narrative></description>
              </iati-activity>
            </iati-activities>
            """, named: "languages.xml")
        #expect(diagnostics.isEmpty)
        #expect(read.map(\.language) == ["pt", "es"])
        #expect(read.map { $0.iati?.titles.map(\.language) } == [["pt", "en"], ["es"]])
        #expect(read.map { $0.iati?.descriptions.map(\.language) } == [["fr", "nl"], ["es"]])
        #expect(read.map(\.title) == ["Proteção social", "Protección social"])
    }

    /// An activity of hostile-input fixtures, with `narrative` as its title.
    func activity(_ index: Int, title narrative: String) -> String {
        """
          <iati-activity>
            <iati-identifier>XM-\(index)</iati-identifier>
            <title><narrative xml:lang="en">\(narrative)</narrative></title>
            <recipient-country code="SN"/>
          </iati-activity>

        """
    }

    /// Entities are never expanded, external or declared in the file: the reference is reported where it
    /// stands and the text goes on without it; libxml2's own parse of a declared entity's content (made once,
    /// in a context of its own) does not leak into the text.
    @Test func entitiesAreReportedNeverExpanded() throws {
        let (read, diagnostics) = try read(text: """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE iati-activities [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY org "Enabel &amp; partners"> ]>
            <iati-activities version="2.03">
            \(activity(1, title: "A &xxe; B"))\(activity(2, title: "By &org; team"))\(activity(3, title: "Again &org;"))</iati-activities>
            """, named: "entities.xml")
        #expect(read.map(\.title) == ["A B", "By team", "Again"])
        #expect(diagnostics.map(\.code) == ["XML-003", "XML-003", "XML-003"])
        #expect(diagnostics.map { $0.location?.line } == [6, 11, 16])
        #expect(!read.contains { $0.title?.contains("root:") == true || $0.title?.contains("partners") == true })
    }

    /// An entity bomb stops the file at once with an error; the activity before it is kept.
    @Test func anEntityBombStopsTheFileAndKeepsWhatCameBefore() throws {
        var declarations = "<!ENTITY l0 \"lol\">"
        for level in 1...9 { declarations += "<!ENTITY l\(level) \"" + String(repeating: "&l\(level - 1);", count: 10) + "\">" }
        let clock = ContinuousClock()
        let start = clock.now
        let (read, diagnostics) = try read(text: """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE iati-activities [\(declarations)]>
            <iati-activities version="2.03">
            \(activity(1, title: "before"))\(activity(2, title: "&l9;"))\(activity(3, title: "after"))</iati-activities>
            """, named: "bomb.xml")
        #expect(clock.now - start < .seconds(5))
        #expect(read.map(\.title) == ["before"])
        #expect(diagnostics.map(\.code) == ["XML-001"])
        #expect(diagnostics.first?.message.contains("the 1 activities read before it were kept") == true)
    }

    /// A text of more than 10,000,000 bytes stops the file with an error (as libxml2's reader limits its
    /// texts without `XML_PARSE_HUGE`), in an element kdpipe reads or in one it leaves out (whose bytes are
    /// counted, not kept); the activity before it is kept.
    @Test(arguments: [false, true])
    func aHugeTextStopsTheFileAndKeepsWhatCameBefore(leftOut: Bool) throws {
        let huge = String(repeating: "x", count: 12_000_000)
        let second = leftOut
            ? "  <iati-activity><iati-identifier>XM-2</iati-identifier>\n"
                + "    <transaction><description><narrative>\(huge)</narrative></description></transaction>\n  </iati-activity>\n"
            : activity(2, title: huge)
        let (read, diagnostics) = try read(text: """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03">
            \(activity(1, title: "before"))\(second)\(activity(3, title: "after"))</iati-activities>
            """, named: "huge.xml")
        #expect(read.map(\.id) == ["XM-1"])
        #expect(diagnostics.map(\.code) == ["XML-001"])
        #expect(diagnostics.first?.message.contains("more than 10,000,000 bytes") == true)
        #expect(diagnostics.first?.location?.line == (leftOut ? 9 : 10))
    }

    /// Elements nested more than 256 deep stop the file with an error (as libxml2 limits a tree's depth
    /// without `XML_PARSE_HUGE`; without the limit its stacks grow with the nesting), in an element kdpipe
    /// reads or in one it leaves out; the activity before it is kept, and a nesting of 256 is read.
    @Test(arguments: [("result", 300), ("transaction", 300), ("result", 250)])
    func anExcessiveNestingStopsTheFileAndKeepsWhatCameBefore(element: String, depth: Int) throws {
        let nested = String(repeating: "<\(element)>", count: depth) + String(repeating: "</\(element)>", count: depth)
        let (read, diagnostics) = try read(text: """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03">
            \(activity(1, title: "before"))  <iati-activity><iati-identifier>XM-2</iati-identifier>
            \(nested)
              </iati-activity>
            \(activity(3, title: "after"))</iati-activities>
            """, named: "deep.xml")
        if depth < 256 {
            #expect(read.map(\.id) == ["XM-1", "XM-2", "XM-3"])
            #expect(!diagnostics.contains { $0.code == "XML-001" })
        } else {
            #expect(read.map(\.id) == ["XM-1"])
            #expect(diagnostics.map(\.code) == ["XML-001"])
            #expect(diagnostics.first?.message.contains("nested more than 256 deep") == true)
            #expect(diagnostics.first?.location?.line == 9)  // the line of the nesting
        }
    }

    /// A tag of more than 1,000,000 bytes stops the file with an error before libxml2 parses it (its check
    /// for repeated attributes grows with the square of their number); a long comment under the limit is
    /// read past. The activity before it is kept.
    @Test func anEndlessTagStopsTheFileBeforeLibxml2ParsesIt() throws {
        let attributes = (0..<80_000).map { "a\($0)=\"\($0)\"" }.joined(separator: " ")
        let comment = "<!-- " + String(repeating: "note ", count: 100_000) + "-->"
        let clock = ContinuousClock()
        let start = clock.now
        let (read, diagnostics) = try read(text: """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03">
            \(comment)
            \(activity(1, title: "before"))  <iati-activity \(attributes)><iati-identifier>XM-2</iati-identifier></iati-activity>
            \(activity(3, title: "after"))</iati-activities>
            """, named: "tag.xml")
        #expect(clock.now - start < .seconds(2))
        #expect(read.map(\.id) == ["XM-1"])
        #expect(diagnostics.map(\.code) == ["XML-001"])
        #expect(diagnostics.first?.message.contains("a tag, comment or processing instruction of more than 1,000,000 bytes") == true)
    }

    /// An activity of more than 100,000 elements kdpipe reads is read up to there, with a warning, and the
    /// rest of it passed over (an activity is built whole, so one without end would hold the file in
    /// memory); the activities after it are read as usual.
    @Test func anEndlessActivityIsReadUpToTheLimit() throws {
        let indicator = "<indicator measure=\"1\"><title><narrative>Households</narrative></title><period><target value=\"1\"/></period></indicator>\n"
        let (read, diagnostics) = try read(text: """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03">
            <iati-activity><iati-identifier>XM-BIG</iati-identifier><result type="1">
            \(String(repeating: indicator, count: 20_001))</result></iati-activity>
            \(activity(2, title: "after"))</iati-activities>
            """, named: "big.xml")
        #expect(read.map(\.id) == ["XM-BIG", "XM-2"])
        // 2 elements before the indicators, then 5 per indicator: 19,999 whole, and the title of one more.
        #expect(read[0].indicators.count == 20_000)
        #expect(read[0].indicators.last?.periods.isEmpty == true)
        #expect(diagnostics.map(\.code) == ["IAT-002"])
        #expect(diagnostics.first?.message.contains("activity holds 100007 elements kdpipe reads") == true)
    }

    /// What kdpipe does not map is left out whole, however deep, with the names it maps inside it (a
    /// transaction's description, an activity inside another element), and so is a name it maps where it
    /// does not map it (an identifier in a title); the text around it is kept.
    @Test func elementsNotMappedAreLeftOutWithEverythingInThem() throws {
        let (read, diagnostics) = try read(text: """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03">
              <iati-activity>
                <iati-identifier>XM-1</iati-identifier>
                <title><narrative>Kept<location><name><narrative>not this</narrative></name></location> title</narrative>
                  <iati-identifier>XM-NOT-HERE</iati-identifier></title>
                <transaction><description><narrative>Not a description</narrative></description>
                  <result><indicator><title><narrative>Not an indicator</narrative></title></indicator></result></transaction>
                <description type="1"><narrative>The description</narrative></description>
              </iati-activity>
              <extra><iati-activity><iati-identifier>XM-HIDDEN</iati-identifier></iati-activity></extra>
              <iati-activity><iati-identifier>XM-2</iati-identifier></iati-activity>
            </iati-activities>
            """, named: "left-out.xml")
        #expect(diagnostics.isEmpty)
        #expect(read.map(\.id) == ["XM-1", "XM-2"])
        #expect(read.first?.title == "Kept title")
        #expect(read.first?.iati?.descriptions.map(\.text) == ["The description"])
        #expect(read.first?.indicators.isEmpty == true)
    }

    /// A document whose root is not `<iati-activities>` is rejected at its root: nothing in it is read, and
    /// what follows (here, a fault) is not parsed.
    @Test func anotherRootIsRejectedAtIt() throws {
        let (read, diagnostics) = try read(text: """
            <?xml version="1.0" encoding="UTF-8"?>
            <intervention-report version="1.0">
              <iati-activity><iati-identifier>XM-1</iati-identifier></iati-activity>
              <unclosed>
            </intervention-report>
            """, named: "other-root.xml")
        #expect(read.isEmpty)
        #expect(diagnostics.map(\.code) == ["XML-004"])
        #expect(diagnostics.first?.message == "root element is <intervention-report>; expected <iati-activities>")
        #expect(diagnostics.first?.location?.line == 2)
    }

    /// Character data is one text however libxml2 delivers it: CDATA sections, character references and the
    /// predefined entities joined with the text around them.
    @Test func characterDataIsOneText() throws {
        let (read, diagnostics) = try read(text: """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03">
            \(activity(1, title: "<![CDATA[a < b]]> and &#233;t&#xE9; &lt;x&gt;<!-- a comment --> end"))</iati-activities>
            """, named: "text.xml")
        #expect(diagnostics.isEmpty)
        #expect(read.map(\.title) == ["a < b and été <x> end"])
    }

    /// A text that goes on over several of the blocks libxml2 is fed (64 KiB) is read whole, in order.
    @Test func aTextOverSeveralBlocksIsReadWhole() throws {
        let words = (0..<30_000).map { "w\($0)" }.joined(separator: " ")
        let (read, diagnostics) = try read(text: """
            <?xml version="1.0" encoding="UTF-8"?>
            <iati-activities version="2.03">
            \(activity(1, title: "été " + words + " &amp; fin"))\(activity(2, title: "next"))</iati-activities>
            """, named: "long.xml")
        #expect(diagnostics.isEmpty)
        #expect(read.map(\.title) == ["été " + words + " & fin", "next"])
    }

    @Test func readsUTF16Files() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<iati-activities version=\"2.03\"><iati-activity>"
            + "<iati-identifier>XM-ÉTÉ-1</iati-identifier><title><narrative xml:lang=\"fr\">Été à Lomé</narrative></title>"
            + "<recipient-country code=\"TG\"/></iati-activity></iati-activities>\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let path = try Fixtures.write(bytes: bytes, to: "utf16.xml", in: folder)
        let (read, diagnostics) = read(path)
        #expect(diagnostics.isEmpty)
        #expect(read.map(\.id) == ["XM-ÉTÉ-1"])
        #expect(read.first?.title == "Été à Lomé")
        #expect(read.first?.country.declaredCode == "TG")
    }

    @Test func aFileBrokenHalfwayKeepsEveryActivityBeforeTheFault() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = "<iati-activities version=\"2.03\">\n"
        for index in 1...5 { text += "<iati-activity><iati-identifier>XM-\(index)</iati-identifier></iati-activity>\n" }
        text += "<iati-activity><iati-identifier>XM-6</iati-identifier><title><narrative>A & B</narrative></title></iati-activity>\n"
        text += "<iati-activity><iati-identifier>XM-7</iati-identifier></iati-activity>\n</iati-activities>\n"
        let path = try Fixtures.write(text, to: "broken.xml", in: folder)
        let (read, diagnostics) = read(path)
        #expect(read.map(\.id) == ["XM-1", "XM-2", "XM-3", "XM-4", "XM-5"])
        let fault = try #require(diagnostics.first { $0.code == "XML-001" })
        #expect(fault.location?.line == 7)
        #expect(fault.location?.column != nil)
        #expect(fault.message.contains("the 5 activities read before it were kept"))
    }
}
