import Foundation
import KDCore
import KDIngest
import KDTestSupport
import Testing

@Suite struct IATICodelistReaderTests {
    /// A codelist in the layout the IATI Standard publishes (Sector.xml): names in English and French.
    static let sector = """
        <?xml version="1.0" encoding="UTF-8"?>
        <codelist name="Sector" xml:lang="en" complete="1" embedded="0">
          <metadata><name><narrative>DAC 5 Digit Sector</narrative></name></metadata>
          <codelist-items>
            <codelist-item status="active">
              <code>16010</code>
              <name><narrative xml:lang="fr">Protection sociale</narrative><narrative>Social protection</narrative></name>
              <description><narrative>Social protection or social security strategies, legislation and administration.</narrative></description>
              <category>160</category>
            </codelist-item>
            <codelist-item status="withdrawn">
              <code>16050</code>
              <name><narrative>Multisector aid for basic social services</narrative></name>
            </codelist-item>
            <codelist-item><code>16050</code><name><narrative>A second name</narrative></name></codelist-item>
          </codelist-items>
        </codelist>
        """

    static func read(_ text: String, named name: String = "Sector.xml") throws -> (IATICodeNames, [Diagnostic], Bool) {
        let folder = try Fixtures.temporaryFolder()
        let path = try Fixtures.write(text, to: name, in: folder)
        var series = ContextSeries()
        var log = DiagnosticLog()
        let read = ContextReader().read(InputFile(path: path, displayPath: name), into: &series, diagnostics: &log)
        return (series.codeNames, log.entries, read)
    }

    /// A context file that is an IATI codelist names the sector codes of its vocabularies, in English; a code
    /// given twice keeps its first name.
    @Test func namesSectorCodesInEnglish() throws {
        let (names, diagnostics, read) = try Self.read(Self.sector)
        #expect(read)
        #expect(names.sectorName("1:16010") == "Social protection")
        #expect(names.sectorName("DAC:16010") == "Social protection")
        #expect(names.sectorName("1:16050") == "Multisector aid for basic social services")
        #expect(names.sectorName("2:160") == nil)
        #expect(names.sectorName("98:16010 XM-DAC-47066") == nil)
        #expect(diagnostics.map(\.formatted) == ["Sector.xml: note: [CTX-003] 1 code given more than once kept the first name"])
    }

    /// The codelists of IATI 1.0x give a name as the text of `<name>`; SectorCategory names the 3-digit codes.
    @Test func readsNamesWithoutNarrativesAndTheThreeDigitCodes() throws {
        let text = """
            <codelist name="SectorCategory"><codelist-items>
            <codelist-item><code>160</code><name>Other Social Infrastructure &amp; Services</name></codelist-item>
            </codelist-items></codelist>
            """
        let (names, diagnostics, _) = try Self.read(text, named: "SectorCategory.xml")
        #expect(names.sectorName("2:160") == "Other Social Infrastructure & Services")
        #expect(names.sectorName("DAC-3:160") == "Other Social Infrastructure & Services")
        #expect(diagnostics.isEmpty)
    }

    /// The Region codelist names the OECD DAC's regions (region vocabulary 1).
    @Test func namesRegions() throws {
        let text = """
            <codelist name="Region" xml:lang="en"><codelist-items>
            <codelist-item><code>289</code><name><narrative>South of Sahara, regional</narrative></name></codelist-item>
            </codelist-items></codelist>
            """
        let (names, diagnostics, read) = try Self.read(text, named: "Region.xml")
        #expect(read && diagnostics.isEmpty)
        #expect(names.regionName("1:289") == "South of Sahara, regional")
        #expect(names.regionName("2:289") == nil && names.sectorName("1:289") == nil)
    }

    /// A codelist kdpipe does not use, one that names nothing, and one that breaks are each said to be so, and
    /// name no code; an external entity is never read.
    @Test func saysWhatItCannotUse() throws {
        let region = try Self.read(#"<codelist name="Currency"><codelist-items/></codelist>"#, named: "Currency.xml")
        #expect(!region.2 && region.0.count == 0)
        #expect(region.1.map(\.code) == ["CTX-007"])
        #expect(region.1.first?.message.contains("'Currency' is not used") == true)

        let empty = try Self.read(#"<codelist name="Sector"><codelist-items/></codelist>"#)
        #expect(!empty.2 && empty.1.map(\.code) == ["CTX-001"])

        let broken = try Self.read(#"<codelist name="Sector"><codelist-items><codelist-item><code>1</code><name>A</name>"#)
        #expect(!broken.2 && broken.0.count == 0)
        #expect(broken.1.map(\.code) == ["XML-001"])
        #expect(broken.1.first?.message.contains("the codelist was not used") == true)

        let hostile = try Self.read("""
            <?xml version="1.0"?>
            <!DOCTYPE codelist [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <codelist name="Sector"><codelist-items>
            <codelist-item><code>16010</code><name><narrative>&secret;Social protection</narrative></name></codelist-item>
            </codelist-items></codelist>
            """)
        #expect(hostile.0.sectorName("1:16010") == "Social protection")
        #expect(hostile.1.map(\.code) == ["XML-003"])
    }
}
