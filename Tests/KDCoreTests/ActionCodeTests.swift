import KDCore
import Testing

@Suite struct ActionCodeTests {
    @Test(arguments: [
        ("SOCIEUX 2020-22 NIGERIA", "2020-22", "NIGERIA"),
        ("SOCIEUX+ 2019-03 PERU", "2019-03", "PERU"),
        ("2014-05", "2014-05", nil),
        ("SOCIEUX+ 2021-7 Cabo Verde", "2021-07", "Cabo Verde"),
        ("SOCIEUX 2020/22", "2020-22", nil),
    ] as [(String, String, String?)])
    func readsBothForms(text: String, key: String, country: String?) throws {
        let code = try #require(ActionCode(text))
        #expect(code.key == key)
        #expect(code.countryPart == country)
    }

    @Test(arguments: ["SOCIEUX NIGERIA", "12014-05", "2014-", "Action 7", ""])
    func rejectsCodesWithoutYearAndSequence(text: String) {
        #expect(ActionCode(text) == nil)
    }
}
