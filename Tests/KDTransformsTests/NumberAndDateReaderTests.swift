import KDCore
import KDTestSupport
import KDTransforms
import Testing

@Suite struct NumberReaderTests {
    let reader = NumberReader()

    @Test(arguments: [
        ("45,5 %", NumberStyle.decimalComma, 45.5, true),
        ("45,5", .unknown, 45.5, false),
        ("12.5%", .decimalPoint, 12.5, true),
        ("1 004 106", .decimalComma, 1_004_106, false),
        ("1\u{00A0}004\u{00A0}106", .decimalPoint, 1_004_106, false),
        ("1.004.106", .decimalComma, 1_004_106, false),
        ("1,004,106", .decimalPoint, 1_004_106, false),
        ("1.234,5", .unknown, 1234.5, false),
        ("1,234.5", .unknown, 1234.5, false),
        ("0.455", .decimalComma, 0.455, false),
        ("-3,2", .decimalComma, -3.2, false),
        ("−5.4", .decimalPoint, -5.4, false),
        ("1,005", .pointDialect, 1005, false),
        ("1,005", .commaDialect, 1.005, false),
        ("1.005", .commaDialect, 1005, false),
        ("40", .unknown, 40, false),
    ])
    func readsNumbersAsPeopleWriteThem(text: String, style: NumberStyle, value: Double, percent: Bool) throws {
        let result = try #require(reader.read(text, style: style))
        #expect(abs(result.value - value) < 1e-9)
        #expect(result.isPercent == percent)
        #expect(!result.ambiguous)
    }

    /// `1,005` in an English report is read 1005, in a French one 1.005; both are flagged, as is any style
    /// presumed from a language (a table's delimiter makes it certain).
    @Test(arguments: [
        ("1,005", NumberStyle.decimalPoint, 1005.0), ("1,005", .decimalComma, 1.005), ("1.005", .decimalComma, 1005),
        ("1.005", .decimalPoint, 1.005), ("1,005", .unknown, 1.005),
    ])
    func flagsSeparatorsThatCouldBeEither(text: String, style: NumberStyle, value: Double) throws {
        let result = try #require(reader.read(text, style: style))
        #expect(abs(result.value - value) < 1e-9)
        #expect(result.ambiguous)
    }

    /// Plain digits with at most one point are read from their bytes: the value is exactly the one the
    /// standard library's `Double(_:)` reads, for every length to 16 and every place of the point, with
    /// leading and trailing zeros; `1.005`-like text is still flagged as either.
    @Test func readsPlainDecimalsExactlyAsTheStandardLibrary() throws {
        var random = SplitMix(seed: 42)
        for _ in 0..<20_000 {
            let length = 1 + Int(random.next() % 16)
            var bytes = (0..<length).map { _ in UInt8(0x30 + random.next() % 10) }
            if random.next() % 4 == 0 { bytes[0] = 0x30 }
            if length > 2, random.next() % 3 != 0 { bytes[1 + Int(random.next() % UInt64(length - 2))] = 0x2E }
            let text = String(decoding: bytes, as: UTF8.self)
            let point = bytes.firstIndex(of: 0x2E)
            let result = reader.read(text, style: .decimalPoint)
            let couldGroup = point.map { point in
                length - point - 1 == 3 && (1...3).contains(point) && !(point == 1 && bytes[0] == 0x30)
            } ?? false
            #expect(result != nil && result?.value == Double(text), "\(text)")
            #expect(result?.ambiguous ?? false == couldGroup, "\(text)")
        }
    }

    @Test(arguments: ["Not available", "2015:1004106", "1584728 (158%)", "n/a", "", "1,2,3.4.5", "12 345 6", "abc"])
    func leavesNonNumbersUnread(text: String) {
        #expect(reader.read(text, style: .decimalComma) == nil)
    }
}

@Suite struct DateReaderTests {
    let reader = DateReader()

    @Test(arguments: [
        ("2020-10-01", PartialDate(year: 2020, month: 10, day: 1)),
        ("01/10/2020", PartialDate(year: 2020, month: 10, day: 1)),
        ("1.10.2020", PartialDate(year: 2020, month: 10, day: 1)),
        ("1 October 2020", PartialDate(year: 2020, month: 10, day: 1)),
        ("October 1, 2020", PartialDate(year: 2020, month: 10, day: 1)),
        ("1er octobre 2019", PartialDate(year: 2019, month: 10, day: 1)),
        ("1 de junho de 2020", PartialDate(year: 2020, month: 6, day: 1)),
        ("31 de marzo de 2021", PartialDate(year: 2021, month: 3, day: 31)),
        ("octobre 2020", PartialDate(year: 2020, month: 10)),
        ("Décembre 2020", PartialDate(year: 2020, month: 12)),
        ("maart 2022", PartialDate(year: 2022, month: 3)),
        ("2020-10", PartialDate(year: 2020, month: 10)),
        ("10/2020", PartialDate(year: 2020, month: 10)),
        ("2020", PartialDate(year: 2020)),
        ("29/02/2020", PartialDate(year: 2020, month: 2, day: 29)),
    ])
    func readsDatesInFiveLanguages(text: String, date: PartialDate) {
        #expect(reader.read(text) == date)
    }

    @Test(arguments: [
        "31/02/2021", "29/02/2021", "13/13/2020", "next spring", "2020-13", "soon 2020", "1 2 3", "",
        "1/2/3/2020", "01//2020", "2020-", "/2020", "\u{FF11}\u{FF10}/2020", "99999999999999999999/2020", "10/2020x",
    ])
    func rejectsImpossibleOrUnreadableDates(text: String) {
        #expect(reader.read(text) == nil)
    }

    @Test(arguments: [
        ("9999-12-31", "the year 9999 lies outside 1900–2100"),
        ("1899", "the year 1899 lies outside 1900–2100"),
        ("31/02/2021", "February 2021 has 28 days"),
        ("29 février 2021", "February 2021 has 28 days"),
        ("2021-04-31", "April 2021 has 30 days"),
        ("12/13/2020", "there is no month 13 (such dates are read day first: 31/12/2020)"),
        ("2020-13", "there is no month 13"),
    ])
    func saysWhyADateOfTheRightShapeIsNone(text: String, why: String) {
        #expect(reader.reading(text) == .impossible(why))
    }

    @Test(arguments: ["next spring", "2020-", "1 2 3", ""])
    func tellsTextsOfNoDatesShapeApart(text: String) {
        #expect(reader.reading(text) == .unreadable)
    }
}

@Suite struct VocabularyTests {
    @Test(arguments: [
        ("Social protection", "social_protection"), ("Protection sociale", "social_protection"),
        ("Protección social", "social_protection"), ("Proteção social", "social_protection"),
        ("Sociale bescherming", "social_protection"), ("Trabajo", "labour"), ("Labor", "labour"),
        ("Emploi", "employment"), ("Werkgelegenheid", "employment"), ("Labour and employment", "labour"),
        ("Emploi et travail", "employment"), ("Politiques de l'emploi / sécurité sociale", "employment"),
    ])
    func namesAreasInFiveLanguages(text: String, key: String) {
        #expect(Vocabulary.area(text) == key)
    }

    @Test(arguments: [
        ("Completed", "completed"), ("Completada", "completed"), ("Terminée", "completed"), ("Concluída", "completed"),
        ("Afgerond", "completed"), ("Completed with changes", "completed_with_changes"),
        ("Concluída com alterações", "completed_with_changes"), ("Partially completed", "partially_completed"),
        ("Incomplete", "partially_completed"), ("Annulée", "cancelled"), ("Cancelled", "cancelled"),
    ])
    func namesStatuses(text: String, key: String) {
        #expect(Vocabulary.status(text) == key)
    }

    @Test func readsDirections() {
        #expect(Vocabulary.ascending("higher") == true)
        #expect(Vocabulary.ascending("Lower") == false)
        #expect(Vocabulary.ascending("false") == false)
        #expect(Vocabulary.ascending("sideways") == nil)
    }
}
