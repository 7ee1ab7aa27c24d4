import KDCore
import Testing

@Suite struct CountryCatalogueTests {
    let catalogue = CountryCatalogue.standard

    @Test(arguments: [
        ("SEN", "SEN"), ("sn", "SEN"), ("Sénégal", "SEN"), ("senegal", "SEN"),
        ("Côte d'Ivoire", "CIV"), ("Costa de Marfil", "CIV"), ("Ivoorkust", "CIV"),
        ("Perú", "PER"), ("Pérou", "PER"), ("Moçambique", "MOZ"), ("Mozambique", "MOZ"),
        ("Kaapverdië", "CPV"), ("Cap-Vert", "CPV"), ("Cape Verde", "CPV"),
        ("Estado Plurinacional de Bolivia", "BOL"), ("Marruecos", "MAR"), ("Maroc", "MAR"),
        ("Niger", "NER"), ("Nigeria", "NGA"), ("RDC", "COD"), ("Zuid-Afrika", "ZAF"),
    ])
    func resolvesCodesAndNamesInFiveLanguages(text: String, iso3: String) {
        #expect(catalogue.resolve(text) == iso3)
    }

    @Test func unknownNamesStayUnresolved() {
        #expect(catalogue.resolve("Atlantis") == nil)
        #expect(catalogue.resolve("XX") == nil)
        #expect(catalogue.resolve("World") == nil)
    }

    @Test func namesCountriesInEachLanguage() {
        #expect(catalogue.name(of: "NLD") == "Netherlands")
        #expect(catalogue.name(of: "NLD", language: "nl") == "Nederland")
        #expect(catalogue.name(of: "QQQ") == "QQQ")
    }
}
