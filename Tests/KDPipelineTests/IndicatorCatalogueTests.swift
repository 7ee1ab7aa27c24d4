import Foundation
import KDCore
import KDPipeline
import KDTestSupport
import KDTransforms
import Testing

@Suite struct IndicatorCatalogueTests {
    static let catalogue: IndicatorCatalogue = {
        (try? IndicatorCatalogue.load(path: Fixtures.repositoryRoot.appendingPathComponent("Pipelines/indicators.yml").path)) ?? .empty
    }()

    /// Every entry's examples: (example title, the entry it must match).
    static let examples: [(String, String)] = catalogue.entries.flatMap { entry in entry.examples.map { ($0, entry.code) } }

    @Test func theShippedCatalogueCoversTheThemesAndLanguages() {
        #expect(Self.catalogue.entries.count >= 14)
        #expect(Set(Self.catalogue.entries.map(\.theme)) == ["poverty", "inequality", "coverage", "employment", "capacity"])
        for entry in Self.catalogue.entries {
            #expect(Set(entry.names.keys) == ["en", "fr", "es", "pt", "nl"], "\(entry.code) lacks a language")
            #expect(!entry.examples.isEmpty, "\(entry.code) has no example")
        }
    }

    /// The catalogue's own examples, in five languages, run in one generic test.
    @Test(arguments: examples)
    func exampleTitlesMatchTheirEntry(title: String, code: String) {
        let match = Self.catalogue.match(code: nil, title: title)
        #expect(match?.entry.code == code, "'\(title)' matched \(match?.entry.code ?? "nothing")")
        #expect(match?.method != .code)
    }

    @Test func codesWinOverNamesAndMatchesSayHow() throws {
        let byCode = try #require(Self.catalogue.match(code: "si.pov.gini", title: "Taux de pauvreté"))
        #expect(byCode.entry.code == "SI.POV.GINI")
        #expect(byCode.method == .code)
        #expect(Self.catalogue.match(code: "SDG_0131_SEX_SOC_RT", title: "x")?.entry.code == "SDG 1.3.1")
        let exact = try #require(Self.catalogue.match(code: nil, title: "ÍNDICE DE GINI"))
        #expect(exact.method == .exactName)
        let synonym = try #require(Self.catalogue.match(code: nil, title: "% of population covered by at least one social protection benefit"))
        #expect(synonym.method == .synonym)
        #expect(synonym.entry.code == "SDG 1.3.1")
        #expect(Self.catalogue.match(code: nil, title: "Complaints resolved within 30 days") == nil)
        #expect(Self.catalogue.match(code: "XX.UNKNOWN", title: "Budget execution rate") == nil)
    }

    @Test func matchingTakesDirectionsAndConvertsShares() throws {
        var gini = Indicator(title: "Índice de Gini", location: SourceLocation(file: "r.xml", line: 4))
        gini.unit = "índice"
        gini.baseline = Reported(raw: "0.455", value: 0.455)
        gini.periods = [IndicatorPeriod(target: Reported(raw: "0.43", value: 0.43), actual: Reported(raw: "0.44", value: 0.44))]
        var poverty = Indicator(title: "Taux de pauvreté", location: SourceLocation(file: "r.xml", line: 9))
        poverty.ascending = true
        var item = Intervention(id: "2020-01", actionCode: "2020-01", source: SourceLocation(file: "r.xml"), origin: .report)
        item.indicators = [gini, poverty]
        var log = DiagnosticLog()
        var matched = item
        CatalogueStage(catalogue: Self.catalogue).apply(to: &matched, diagnostics: &log)
        #expect(matched.indicators.map(\.catalogueCode) == ["SI.POV.GINI", "SI.POV.NAHC"])
        #expect(matched.indicators.map(\.matchMethod) == ["exact_name", "exact_name"])
        #expect(matched.indicators[0].ascending == false)
        #expect(matched.indicators[0].directionSource == "catalogue")
        #expect(matched.indicators[0].baseline?.value == 45.5)
        #expect(matched.indicators[0].baseline?.raw == "0.455")
        #expect(matched.indicators[0].periods[0].actual?.value == 44)
        #expect(matched.indicators[1].ascending == true)
        #expect(log.entries.map(\.code) == ["IND-005", "IND-004"])
    }

    @Test func catalogueErrorsNameTheLine() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Fixtures.write("indicators:\n  - code: X\n    theme: wealth\n", to: "c.yml", in: folder)
        #expect(throws: PipelineError.self) { try IndicatorCatalogue.load(path: path) }
        do { _ = try IndicatorCatalogue.load(path: path) } catch {
            #expect(error.path.hasSuffix("c.yml:3"))
            #expect(error.description.contains("'theme' must be one of"))
        }
    }
}
