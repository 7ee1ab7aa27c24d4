import Foundation
import KDCore
import KDIngest
import KDTestSupport
import Testing

@Suite struct ContextReaderTests {
    static let folder = Fixtures.sharedData.appendingPathComponent("wdi")

    static func readAll() -> (ContextSeries, [Diagnostic]) {
        var log = DiagnosticLog()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()) ?? []
        let files = names.map { InputFile(path: folder.appendingPathComponent($0).path, displayPath: "wdi/\($0)") }
        let series = ContextLoadStage().run(files, diagnostics: &log)
        return (series, log.entries)
    }

    @Test func readsEveryRealFileInBothLayouts() throws {
        let (series, diagnostics) = Self.readAll()
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics.map(\.formatted))")
        // Wide bulk file (BOM, four metadata lines, trailing empty column), values read back from the file.
        let gini = try #require(series.points["SEN"]?["SI.POV.GINI"])
        #expect(gini.map(\.year).suffix(2) == [2011, 2018])
        #expect(gini.last?.value == 38.1)
        #expect(gini.last?.name == "Gini index")
        #expect(series.points["MOZ"]?["SI.POV.GINI"]?.first { $0.year == 2014 }?.value == 54)
        let poverty = try #require(series.points["KEN"]?["SI.POV.DDAY"]?.last)
        #expect(poverty.year == 2015)
        #expect(poverty.value == 36.8)
        #expect(poverty.name == "Poverty headcount ratio at $1.90 a day (2011 PPP) (% of population)")
        // Long layout (one year per row).
        let national = try #require(series.points["SEN"]?["SI.POV.NAHC"])
        #expect(national.first { $0.year == 2011 }?.value == 46.7)
        #expect(national.first { $0.year == 2001 }?.value == 55.2)
        #expect(series.points["PER"]?["SI.POV.NAHC"]?.first { $0.year == 2022 }?.value == 27.5)
        #expect(gini.first?.source == "wdi/API_SI.POV.GINI_DS2_en_csv_v2_4333947.csv")
    }

    @Test func aggregatesAreNotCountries() {
        let (series, _) = Self.readAll()
        for aggregate in ["WLD", "EUU", "LMC", "IDA", "SSF", "ARB"] {
            #expect(series.aggregates.contains(aggregate), "\(aggregate)")
            #expect(!series.isCountry(aggregate))
        }
        for country in ["SEN", "PER", "BEL", "ABW"] { #expect(series.isCountry(country)) }
    }

    @Test func dialectsDuplicatesAndBadCellsAreHandled() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Tab-separated long file with CRLF, a duplicated row, a conflicting row and a text value.
        let long = "year\tentity_code\tindicator_code\tvalue\tindicator_name\r\n"
            + "2019\tSEN\tSI.POV.NAHC\t37.8\tNational poverty\r\n"
            + "2019\tSEN\tSI.POV.NAHC\t37.8\tNational poverty\r\n"
            + "2019\tSEN\tSI.POV.NAHC\t40\tNational poverty\r\n"
            + "2018\tSEN\tSI.POV.NAHC\tn/a\tNational poverty\r\n"
        let path = try Fixtures.write("\u{FEFF}" + long, to: "long.csv", in: folder)
        let other = try Fixtures.write("a,b\n1,2\n", to: "other.csv", in: folder)
        var series = ContextSeries()
        var log = DiagnosticLog()
        #expect(ContextReader().read(InputFile(path: path, displayPath: "long.csv"), into: &series, diagnostics: &log))
        #expect(!ContextReader().read(InputFile(path: other, displayPath: "other.csv"), into: &series, diagnostics: &log))
        #expect(series.points["SEN"]?["SI.POV.NAHC"]?.map(\.value) == [37.8])
        #expect(log.entries.map(\.code).sorted() == ["CTX-001", "CTX-002", "CTX-003", "CTX-004"])
        #expect(log.entries.first { $0.code == "CTX-002" }?.location?.line == 4)
    }

    /// Only the series the pipeline names are kept (codes matched without regard to case); one in no file is
    /// said to be so.
    @Test func keepsTheSeriesNamedAndSaysWhichAreMissing() throws {
        var log = DiagnosticLog()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".csv") }.sorted()
        let files = names.map { InputFile(path: Self.folder.appendingPathComponent($0).path, displayPath: "wdi/\($0)") }
        let series = ContextLoadStage(series: ["si.pov.gini", "SL.UEM.TOTL.ZS"]).run(files, diagnostics: &log)
        #expect(series.codes == ["SI.POV.GINI"])
        #expect(series.points["SEN"]?["SI.POV.GINI"]?.last?.value == 38.1)
        #expect(log.entries.map(\.code) == ["CTX-006"])
        #expect(log.entries.first?.message == "the context series 'SL.UEM.TOTL.ZS' is in none of the \(files.count) context files")
        // All of them, without a list: a handful of series, which is no reason to speak.
        var all = DiagnosticLog()
        #expect(ContextLoadStage().run(files, diagnostics: &all).codes == ["SI.POV.GINI", "SI.POV.DDAY", "SI.POV.NAHC"])
        #expect(!all.entries.contains { $0.code == "CTX-005" || $0.code == "CTX-006" })
    }

    /// A bulk download of many series, none named: the run is told what that does to its outputs.
    @Test func manySeriesWithoutAListAreSaidToBeMany() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = "Country Name,Country Code,Indicator Name,Indicator Code,2019,2020\n"
        for index in 0...ContextLoadStage.manySeries { text += "Senegal,SEN,Series \(index),XX.S\(index),1,2\n" }
        let path = try Fixtures.write(text, to: "bulk.csv", in: folder)
        var log = DiagnosticLog()
        let series = ContextLoadStage().run([InputFile(path: path, displayPath: "bulk.csv")], diagnostics: &log)
        #expect(series.codes.count == ContextLoadStage.manySeries + 1)
        #expect(log.entries.map(\.code) == ["CTX-005"])
        #expect(log.entries.first?.message.hasPrefix("the context files hold 51 series, and each is put beside every action") == true)
    }

    /// A file given as context that is no context file is said to be what it is, once, with where it belongs: a
    /// report was read as CSV and gave a warning for each quote in it besides.
    @Test(arguments: [
        ("SampleData/reports/socieux-2017-04-togo.xml", "the file is XML (<intervention-report>), not a context file (World Bank WDI or ILOSTAT CSV) or an IATI codelist: reports and IATI files are read from the pipeline's 'inputs'"),
        ("SampleData/tables/intervention-register.csv", "the file is an input table (register, by its 'action_code' column), not a context file: tables are read from the pipeline's 'inputs'"),
        ("SampleData/tables/lessons-table.csv", "the file is an input table (lessons, by its 'lesson_text' column), not a context file: tables are read from the pipeline's 'inputs'"),
    ])
    func filesOfTheInputsGivenAsContextAreToldApart(path: String, message: String) {
        var series = ContextSeries()
        var log = DiagnosticLog()
        let file = InputFile(path: Fixtures.repositoryRoot.appendingPathComponent(path).path, displayPath: path)
        #expect(!ContextReader().read(file, into: &series, diagnostics: &log))
        #expect(log.entries.map(\.code) == ["CTX-001"])
        #expect(log.entries.first?.message == message)
        #expect(series.count == 0)
    }

    /// DataBank's export (databank.worldbank.org): series first, years headed `2019 [YR2019]`, `..` for no
    /// value, notes under the table. It was in no layout of context files.
    @Test func readsDataBankExports() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = """
            \u{FEFF}"Series Name","Series Code","Country Name","Country Code","2018 [YR2018]","2019 [YR2019]","2020 [YR2020]"
            "Gini index","SI.POV.GINI","Senegal","SEN","38.1","..",".."
            "Unemployment, total (% of total labor force) (modeled ILO estimate)","SL.UEM.TOTL.ZS","Senegal","SEN","3.0","3.1","3.6"

            "Data from database: World Development Indicators"
            "Last Updated: 07/01/2024"

            """
        let path = try Fixtures.write(text, to: "databank.csv", in: folder)
        var series = ContextSeries()
        var log = DiagnosticLog()
        #expect(ContextReader().read(InputFile(path: path, displayPath: "databank.csv"), into: &series, diagnostics: &log))
        #expect(log.entries.isEmpty, "\(log.entries.map(\.formatted))")
        #expect(series.points["SEN"]?["SI.POV.GINI"]?.map(\.year) == [2018])
        #expect(series.points["SEN"]?["SL.UEM.TOTL.ZS"]?.map(\.value) == [3.0, 3.1, 3.6])
        #expect(series.points["SEN"]?["SL.UEM.TOTL.ZS"]?.first?.name == "Unemployment, total (% of total labor force) (modeled ILO estimate)")
    }

    /// A file saved by a spreadsheet set to French (or Spanish, Portuguese, Dutch): `;` between fields and
    /// decimal commas. Every value was skipped, each with a warning.
    @Test func decimalCommasOfSemicolonFilesAreRead() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "Country Name;Country Code;Indicator Name;Indicator Code;2018;2019;2020\n"
            + "Senegal;SEN;Gini index;SI.POV.GINI;38,1;;40\nPeru;PER;Gini index;SI.POV.GINI;1.234,5;42,2;\n"
        let path = try Fixtures.write(text, to: "gini.csv", in: folder)
        var series = ContextSeries()
        var log = DiagnosticLog()
        #expect(ContextReader().read(InputFile(path: path, displayPath: "gini.csv"), into: &series, diagnostics: &log))
        #expect(series.points["SEN"]?["SI.POV.GINI"]?.map(\.value) == [38.1, 40])
        #expect(series.points["PER"]?["SI.POV.GINI"]?.map(\.value) == [42.2])
        // A grouped number is no WDI value: said, not guessed.
        #expect(log.entries.map(\.code) == ["CTX-004"])
    }

    /// A WDI file saved as UTF-16 (Excel's "Unicode text") is refused as the input tables refuse one, rather
    /// than as a file in no layout of context files.
    @Test func utf16ContextFilesAreRefusedAsSuch() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "Country Name,Country Code,Indicator Name,Indicator Code,2019\nSenegal,SEN,Gini index,SI.POV.GINI,38.1\n"
        let path = try Fixtures.write(bytes: [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, to: "gini.csv", in: folder)
        var series = ContextSeries()
        var log = DiagnosticLog()
        #expect(!ContextReader().read(InputFile(path: path, displayPath: "gini.csv"), into: &series, diagnostics: &log))
        #expect(log.entries.map(\.code) == ["CSV-008"])
    }

    /// An ILOSTAT file with a label beside each code (the API's `type=both`): the annual totals are read, under
    /// the indicator's label; a breakdown by contingency or by sex is another series and is set aside, as a
    /// quarter is; a region (X01, the world) is no country.
    @Test func ilostatFilesGiveTheirAnnualTotals() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let label = "SDG indicator 1.3.1 - Proportion of population covered by at least one social protection benefit (%)"
        let head = "ref_area,ref_area.label,source,source.label,indicator,indicator.label,sex,sex.label,classif1,classif1.label,"
            + "time,obs_value,obs_status,obs_status.label,note_classif,note_indicator,note_source\n"
        func row(_ area: String, _ sex: String, _ contingency: String, _ time: String, _ value: String) -> String {
            "\(area),Area,XA:2,ILO - WSPR,SDG_0131_SEX_SOC_RT,\"\(label)\",\(sex),Sex,\(contingency),Contingency,\(time),\(value),,,,,\n"
        }
        let text = head + row("SEN", "SEX_T", "SOC_CONTIG_TOTAL", "2020", "19.9") + row("SEN", "SEX_T", "SOC_CONTIG_OLD", "2020", "24.1")
            + row("SEN", "SEX_F", "SOC_CONTIG_TOTAL", "2020", "18") + row("SEN", "SEX_T", "SOC_CONTIG_TOTAL", "2016", "17.5")
            + row("SEN", "SEX_T", "SOC_CONTIG_TOTAL", "2021Q1", "20") + row("X01", "SEX_T", "SOC_CONTIG_TOTAL", "2020", "46.9")
        let path = try Fixtures.write(text, to: "ilostat.csv", in: folder)
        var series = ContextSeries()
        var log = DiagnosticLog()
        #expect(ContextReader().read(InputFile(path: path, displayPath: "ilostat.csv"), into: &series, diagnostics: &log))
        let coverage = try #require(series.points["SEN"]?["SDG_0131_SEX_SOC_RT"])
        #expect(coverage.map(\.year) == [2016, 2020])
        #expect(coverage.map(\.value) == [17.5, 19.9])
        #expect(coverage.allSatisfy { $0.name == label && $0.source == "ilostat.csv" })
        #expect(!series.isCountry("X01"))
        #expect(log.entries.map(\.formatted) == [
            "ilostat.csv:3: note: [CTX-009] 3 rows of a breakdown (by sex, age or another classification) or of a quarter or month set aside: only annual totals are read",
        ])
    }

    /// An ILOSTAT bulk file (codes only, `classif2` empty): the indicator's code is its name; the total of a
    /// classification is the row whose code ends in `_TOTAL`; only the series named are read.
    @Test func ilostatBulkFilesAreReadByCode() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = """
            ref_area,source,indicator,sex,classif1,classif2,time,obs_value,obs_status,note_classif,note_indicator,note_source
            PER,BA:123,UNE_DEAP_SEX_AGE_RT,SEX_T,AGE_AGGREGATE_TOTAL,,2019,3.9,,,,
            PER,BA:123,UNE_DEAP_SEX_AGE_RT,SEX_T,AGE_YTHADULT_Y15-24,,2019,8.1,,,,
            PER,BA:123,EMP_DWAP_SEX_AGE_RT,SEX_T,AGE_AGGREGATE_TOTAL,,2019,72.1,,,,
            PER,BA:123,UNE_DEAP_SEX_AGE_RT,SEX_T,AGE_AGGREGATE_TOTAL,,2020,7.4,,,

            """
        let path = try Fixtures.write(text, to: "une.csv", in: folder)
        var series = ContextSeries()
        var log = DiagnosticLog()
        #expect(ContextReader().read(
            InputFile(path: path, displayPath: "une.csv"), into: &series, keeping: ["UNE_DEAP_SEX_AGE_RT"], diagnostics: &log))
        #expect(series.points["PER"]?["UNE_DEAP_SEX_AGE_RT"]?.map(\.value) == [3.9])
        #expect(series.points["PER"]?["UNE_DEAP_SEX_AGE_RT"]?.first?.name == "UNE_DEAP_SEX_AGE_RT")
        #expect(series.points["PER"]?["EMP_DWAP_SEX_AGE_RT"] == nil)
        #expect(log.entries.map(\.code) == ["CSV-001", "CTX-009"])
        #expect(log.entries.map { $0.location?.line } == [5, 3])
    }

    /// A World Bank or ILOSTAT download left compressed among the context files is refused, saying to extract
    /// it there (it said "among the inputs").
    @Test func anArchiveAmongTheContextFilesSaysWhereItsFilesBelong() {
        var file = InputFile(path: "/nonexistent/SDG_0131_SEX_SOC_RT_A.csv.gz", displayPath: "context/SDG_0131_SEX_SOC_RT_A.csv.gz")
        file.refusal = .archive
        var series = ContextSeries()
        var log = DiagnosticLog()
        #expect(!ContextReader().read(file, into: &series, diagnostics: &log))
        #expect(log.entries.map(\.formatted) == [
            "context/SDG_0131_SEX_SOC_RT_A.csv.gz: error: [INP-005] an archive, which kdpipe does not read: extract the files it holds among the context files to have them read, or move it out of the context files",
        ])
    }
}
