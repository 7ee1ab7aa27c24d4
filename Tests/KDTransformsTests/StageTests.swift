import KDCore
import KDTransforms
import Testing

/// Small builders for stage inputs.
enum Make {
    static let place = SourceLocation(file: "t.xml", line: 1)

    static func intervention(_ code: String, origin: Intervention.Origin = .report, country: String? = nil, line: Int = 1) -> Intervention {
        var result = Intervention(id: ActionCode(code)?.key ?? code, actionCode: code, source: place.at(line: line), origin: origin)
        result.country.raw = country
        return result
    }

    static func indicator(
        _ title: String, baseline: String?, target: String?, actual: String?, direction: String? = nil,
        style: NumberStyle = .decimalPoint
    ) -> Indicator {
        var indicator = Indicator(title: title, location: place)
        indicator.baseline = baseline.map { Reported(raw: $0) }
        indicator.declaredDirection = direction
        indicator.numberStyle = style
        indicator.periods = [IndicatorPeriod(target: target.map { Reported(raw: $0) }, actual: actual.map { Reported(raw: $0) })]
        return indicator
    }

    /// Runs normalize then indicators over one intervention with the given indicators.
    static func measured(_ indicators: [Indicator]) -> (Intervention, [Diagnostic]) {
        var item = intervention("2020-01", country: "Togo")
        item.indicators = indicators
        var log = DiagnosticLog()
        var batch = Batch(inputs: [])
        batch.interventions = [item]
        batch = NormalizeStage().run(batch, diagnostics: &log)
        batch = IndicatorsStage().run(batch, diagnostics: &log)
        return (batch.interventions[0], log.entries)
    }
}

@Suite struct IndicatorsStageTests {
    @Test func progressFromBaselineIsNotClamped() throws {
        let (item, _) = Make.measured([
            Make.indicator("over", baseline: "0", target: "120", actual: "134", direction: "higher"),
            Make.indicator("regression", baseline: "3,9", target: "3,5", actual: "4,1", direction: "lower", style: .decimalComma),
            Make.indicator("partly", baseline: "46,7", target: "42", actual: "43,5", style: .decimalComma),
        ])
        let achievements = item.indicators.map { $0.periods[0].achievement! }
        #expect(achievements.map { $0.percent.map { ($0 * 10).rounded() / 10 } } == [111.7, -50, 68.1])
        #expect(achievements.map(\.status) == [.achieved, .notAchieved, .partlyAchieved])
        #expect(achievements.map(\.method) == [.progress, .progress, .progress])
        #expect(abs(achievements[1].change! - 0.2) < 1e-9)
        #expect(item.indicators.map(\.directionSource) == ["declared", "declared", "inferred"])
        #expect(item.indicators[2].ascending == false)
    }

    /// A period split by dimension on one side only (a target for the whole, actuals by sex) cannot be
    /// assessed, and each row says why, rather than "no actual value" beside actuals that were reported.
    @Test func periodsSplitOnOneSideOnlySayWhyTheyAreNotAssessed() {
        var indicator = Make.indicator("registered", baseline: "10", target: nil, actual: nil)
        func row(_ target: String?, _ actual: String?, _ dimensions: String?, line: Int) -> IndicatorPeriod {
            var period = IndicatorPeriod(
                start: Reported(raw: "2020-01-01"), end: Reported(raw: "2020-12-31"), target: target.map { Reported(raw: $0) },
                actual: actual.map { Reported(raw: $0) }, line: line)
            (period.dimensions, period.column) = (dimensions, 7)
            return period
        }
        indicator.periods = [
            row("100", nil, nil, line: 20), row(nil, "40", "sex=female", line: 20), row(nil, "50", "sex=male", line: 20),
            row(nil, "90", nil, line: 30), row("60", nil, "sex=female", line: 30),
            // Rows of another period element, and a period of its own: the usual reasons.
            row("100", nil, nil, line: 40), row(nil, "5", "sex=male", line: 41),
        ]
        let (item, _) = Make.measured([indicator])
        #expect(item.indicators[0].periods.map { $0.achievement?.reason } == [
            "no actual value for the whole period; its actuals are given by dimension only (2 of them)",
            "no target for this dimension; the period's target is given for the whole period only",
            "no target for this dimension; the period's target is given for the whole period only",
            "no target for the whole period; its targets are given by dimension only (1 of them)",
            "no actual value for this dimension; the period's actual is given for the whole period only",
            "no actual value", "no target",
        ])
        // A qualitative indicator split the same way stays qualitative.
        indicator.measure = "5"
        #expect(Make.measured([indicator]).0.indicators[0].periods.allSatisfy { $0.achievement?.cause == .qualitative })
    }

    @Test func decimalInputsLandOnTheBandTheyMean() {
        let (item, _) = Make.measured([Make.indicator("coverage", baseline: "19.6", target: "30", actual: "27.4")])
        let achievement = item.indicators[0].periods[0].achievement!
        #expect(achievement.percent == 75)
        #expect(achievement.status == .largelyAchieved)
    }

    @Test func undefinedAchievementSaysWhy() {
        let (item, diagnostics) = Make.measured([
            Make.indicator("flat", baseline: "60", target: "60", actual: "72"),
            Make.indicator("missing", baseline: "1", target: "3", actual: nil),
            Make.indicator("text", baseline: "1", target: "3", actual: "Not available"),
        ])
        let achievements = item.indicators.map { $0.periods[0].achievement! }
        #expect(achievements.allSatisfy { $0.status == .notAssessable && $0.percent == nil })
        #expect(achievements.map(\.reason) == ["target equals baseline", "no actual value", "actual 'Not available' is not a number"])
        #expect(diagnostics.map(\.code).sorted() == ["IND-001", "NRM-003"])
    }

    @Test func withoutBaselineTheRatioMethodIsLabelled() {
        let (item, diagnostics) = Make.measured([
            Make.indicator("poverty", baseline: nil, target: "20", actual: "22", direction: "lower"),
            Make.indicator("satisfaction", baseline: nil, target: "80 %", actual: "92 %", direction: "higher"),
        ])
        let achievements = item.indicators.map { $0.periods[0].achievement! }
        #expect(achievements.map(\.method) == [.ratio, .ratio])
        #expect(achievements.map { ($0.percent! * 10).rounded() / 10 } == [90.9, 115])
        #expect(diagnostics.map(\.code) == ["IND-003", "IND-003"])
    }

    @Test func aTargetAgainstTheDeclaredDirectionIsReported() {
        let (_, diagnostics) = Make.measured([Make.indicator("odd", baseline: "10", target: "12", actual: "11", direction: "lower")])
        #expect(diagnostics.map(\.code) == ["IND-002"])
    }

    @Test func bandsComeFromThePipeline() {
        var item = Make.intervention("2020-01")
        item.indicators = [Make.indicator("x", baseline: "0", target: "100", actual: "80")]
        var batch = Batch(inputs: [])
        batch.interventions = [item]
        var log = DiagnosticLog()
        batch = NormalizeStage().run(batch, diagnostics: &log)
        let strict = AchievementBands(achieved: 100, largelyAchieved: 90, partlyAchieved: 60)
        let measured = IndicatorsStage(bands: strict).run(batch, diagnostics: &log)
        #expect(measured.interventions[0].indicators[0].periods[0].achievement?.status == .partlyAchieved)
    }
}

@Suite struct NormalizeStageTests {
    @Test func resolvesCountriesAndReportsWhatItCannot() {
        var batch = Batch(inputs: [])
        var coded = Make.intervention("2020-01", country: "Sénégal")
        coded.country.declaredCode = "SEN"
        var clash = Make.intervention("2020-02", country: "Pérou")
        clash.country.declaredCode = "ECU"
        batch.interventions = [coded, clash, Make.intervention("2020-03", country: "Atlantis"), Make.intervention("2020-04", country: "Moçambique")]
        var log = DiagnosticLog()
        let normalized = NormalizeStage().run(batch, diagnostics: &log)
        #expect(normalized.interventions.map(\.country.iso3) == ["SEN", "ECU", nil, "MOZ"])
        #expect(log.entries.map(\.code) == ["NRM-006", "NRM-001"])
        #expect(log.entries.map(\.recordID) == ["2020-02", "2020-03"])
    }

    /// An IATI recipient country given a number (a DAC region's code, as some publishers write 998 in both
    /// recipient-country and recipient-region) is said to be a region; a native report's number is only unknown.
    @Test func aRegionCodeGivenAsAnIATICountryIsSaidToBeARegion() {
        var iati = Make.intervention("XM-1", origin: .iati)
        iati.country.declaredCode = "998"
        iati.iati = IATIDetails()
        var native = Make.intervention("2020-01")
        native.country.declaredCode = "998"
        var batch = Batch(inputs: [])
        batch.interventions = [iati, native]
        var log = DiagnosticLog()
        _ = NormalizeStage().run(batch, diagnostics: &log)
        #expect(log.entries.map(\.message) == [
            "country code '998' is not an ISO 3166-1 code: a number is an IATI region code (recipient-region), given here as a recipient country",
            "country code '998' is not an ISO 3166-1 code",
        ])
    }

    @Test func readsDatesAreasAndStatusesKeepingTheRawText() {
        var item = Make.intervention("2020-01", country: "Togo")
        item.start = Reported(raw: "1er octobre 2020")
        item.end = Reported(raw: "someday")
        item.area = Reported(raw: "Protection sociale")
        item.status = Reported(raw: "Terminée")
        let (result, log) = Self.normalized(item)
        #expect(result.start?.value == PartialDate(year: 2020, month: 10, day: 1))
        #expect(result.end?.value == nil)
        #expect(result.end?.raw == "someday")
        #expect(result.area?.value == "social_protection")
        #expect(result.status?.value == "completed")
        #expect(log.entries.map(\.code) == ["NRM-002"])
        #expect(log.entries[0].message.contains("'someday' is not readable (expected e.g. 2020-10-01"))
    }

    @Test func saysWhyADatesPlaceholderIsNotUsed() {
        var item = Make.intervention("2020-01", country: "Togo")
        item.start = Reported(raw: "2020-10-01")
        item.end = Reported(raw: "9999-12-31")
        let (result, log) = Self.normalized(item)
        #expect(result.end?.value == nil)
        #expect(log.entries.map(\.code) == ["NRM-002"])
        #expect(log.entries[0].message == "end date '9999-12-31' was not used: the year 9999 lies outside 1900–2100")
    }

    /// `item` normalized alone, with what the stage reported.
    static func normalized(_ item: Intervention) -> (Intervention, DiagnosticLog) {
        var batch = Batch(inputs: [])
        batch.interventions = [item]
        var log = DiagnosticLog()
        return (NormalizeStage().run(batch, diagnostics: &log).interventions[0], log)
    }
}

@Suite struct MergeStageTests {
    @Test func joinsReportsRegisterRowsAndIndicatorRowsByActionKey() {
        var report = Make.intervention("SOCIEUX+ 2019-07 SENEGAL", country: "Sénégal")
        report.country.iso3 = "SEN"
        var row = Make.intervention("2019-07", origin: .register, country: "Senegal", line: 3)
        row.country.iso3 = "SEN"
        row.title = "From the register"
        row.assistanceTypes = ["Capacity building"]
        var duplicate = Make.intervention("SOCIEUX 2019-07", country: "Sénégal", line: 9)
        duplicate.source.file = "copy.xml"
        let registerOnly = Make.intervention("2021-18", origin: .register, country: "Colombia")
        var batch = Batch(inputs: [])
        batch.interventions = [report, row, duplicate, registerOnly]
        var indicator = Indicator(title: "t", location: SourceLocation(file: "ind.csv", line: 2))
        indicator.periods = [IndicatorPeriod()]
        batch.observations = [
            IndicatorObservation(actionCode: "2019-07", interventionID: "2019-07", indicator: indicator),
            IndicatorObservation(actionCode: "2099-01", interventionID: "2099-01", indicator: indicator),
        ]
        var log = DiagnosticLog()
        let merged = MergeStage().run(batch, diagnostics: &log)
        #expect(merged.interventions.map(\.id) == ["2019-07", "2021-18"])
        #expect(merged.interventions[0].title == "From the register")
        #expect(merged.interventions[0].assistanceTypes == ["Capacity building"])
        #expect(merged.interventions[0].origin == .report)
        #expect(merged.interventions[0].indicators.count == 1)
        #expect(merged.observations.isEmpty)
        #expect(log.entries.map(\.code) == ["MRG-001", "MRG-003"])
    }

    @Test func countryDisagreementIsReportedAndTheReportWins() {
        var report = Make.intervention("2019-07")
        report.country.iso3 = "SEN"
        var row = Make.intervention("2019-07", origin: .register)
        row.country.iso3 = "GMB"
        var batch = Batch(inputs: [])
        batch.interventions = [row, report]
        var log = DiagnosticLog()
        let merged = MergeStage().run(batch, diagnostics: &log)
        #expect(merged.interventions.map(\.country.iso3) == ["SEN"])
        #expect(log.entries.map(\.code) == ["MRG-002"])
    }
}
