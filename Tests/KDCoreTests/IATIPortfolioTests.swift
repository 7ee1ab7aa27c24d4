import KDCore
import Testing

@Suite struct IATIPortfolioTests {
    private func period(_ status: AchievementStatus?) -> IndicatorPeriod {
        var period = IndicatorPeriod()
        period.achievement = status.map { Achievement(percent: nil, method: nil, status: $0) }
        return period
    }

    private func indicator(_ title: String, theme: String?, resultType: String?, _ statuses: [AchievementStatus?]) -> Indicator {
        var indicator = Indicator(title: title, location: SourceLocation(file: "a.xml"))
        indicator.theme = theme
        indicator.catalogueCode = theme.map { "\($0).1" }
        indicator.resultType = resultType
        indicator.periods = statuses.map(period)
        return indicator
    }

    @Test func countsEveryPeriodByStatusAndTheme() {
        var activity = Intervention(id: "XM-1", actionCode: "XM-1", source: SourceLocation(file: "a.xml"), origin: .iati)
        activity.indicators = [
            indicator("Coverage", theme: "coverage", resultType: "outcome", [.achieved, .partlyAchieved, nil]),
            indicator("Poverty", theme: "poverty", resultType: "impact", [.achieved]),
            // Without periods, an indicator still makes one row, not assessable.
            indicator("Staff trained", theme: nil, resultType: nil, []),
        ]
        var portfolio = IATIPortfolio()
        portfolio.add(activity)
        #expect(portfolio.indicatorPeriods == 5)
        #expect(portfolio.achievement == [.achieved: 2, .partlyAchieved: 1, .notAssessable: 2])
        #expect(portfolio.achievementByTheme == [
            "coverage": [.achieved: 1, .partlyAchieved: 1, .notAssessable: 1],
            "poverty": [.achieved: 1],
            "unmatched": [.notAssessable: 1],
        ])
        #expect(portfolio.byResultType == ["outcome": 3, "impact": 1, "unspecified": 1])
        #expect(portfolio.unmatchedIndicators == 1)
    }

    /// Recipient regions are counted once per activity and region (vocabulary 1 when none is given), each named
    /// by the first name published beside it, in one stream or merged from pieces alike.
    @Test func countsRegionsOncePerActivity() {
        func activity(_ id: String, _ regions: [IATIDetails.Share]) -> Intervention {
            var activity = Intervention(id: id, actionCode: id, source: SourceLocation(file: "a.xml"), origin: .iati)
            var details = IATIDetails()
            details.recipientRegions = regions
            activity.iati = details
            return activity
        }
        let first = activity("XM-1", [
            .init(code: "289", vocabulary: nil, name: nil), .init(code: "289", vocabulary: "1", name: "South of Sahara, regional"),
            .init(code: "202", vocabulary: "2", name: "Sub-Saharan Africa"),
        ])
        let second = activity("XM-2", [.init(code: "289", vocabulary: "1", name: "Sud du Sahara, régional")])
        var stream = IATIPortfolio()
        stream.add(first)
        stream.add(second)
        #expect(stream.byRegion == ["1:289": 2, "2:202": 1])
        #expect(stream.regionNames == ["1:289": "South of Sahara, regional", "2:202": "Sub-Saharan Africa"])
        var (one, two) = (IATIPortfolio(), IATIPortfolio())
        one.add(first)
        two.add(second)
        one.merge(two)
        #expect(one.byRegion == stream.byRegion && one.regionNames == stream.regionNames)
    }

    /// A name is kept whole up to `keptCharacters` characters, however many bytes they take, and cut past them.
    @Test func namesAreCutByCharactersNotBytes() {
        let accented = String(repeating: "é", count: 150)
        let long = String(repeating: "é", count: 250)
        var activity = Intervention(id: "XM-1", actionCode: "XM-1", source: SourceLocation(file: "a.xml"), origin: .iati)
        var details = IATIDetails()
        details.sectors = [.init(code: "1", name: accented), .init(code: "2", name: long)]
        activity.iati = details
        var portfolio = IATIPortfolio()
        portfolio.add(activity)
        #expect(portfolio.sectorNames["1:1"] == accented)
        #expect(portfolio.sectorNames["1:2"] == String(repeating: "é", count: IATIPortfolio.keptCharacters) + "…")
    }

    /// A table keeps its first `keptKeys` distinct keys and counts what comes past them under `others`,
    /// whether the activities arrive in one stream or in pieces merged in order: endless distinct values
    /// cannot grow the totals without bound.
    @Test func endlessDistinctValuesAreCountedUnderOthers() {
        func activity(_ index: Int) -> Intervention {
            var activity = Intervention(id: "XM-\(index)", actionCode: "XM-\(index)", source: SourceLocation(file: "a.xml"), origin: .iati)
            var details = IATIDetails()
            details.reportingOrg = IATIDetails.Organisation(ref: "O\(index)")
            details.version = index.isMultiple(of: 2) ? "2.03" : "v\(index)"
            activity.iati = details
            return activity
        }
        let total = IATIPortfolio.keptKeys + 25
        var stream = IATIPortfolio()
        for index in 0..<total { stream.add(activity(index)) }
        #expect(stream.byReportingOrg.count == IATIPortfolio.keptKeys + 1)
        #expect(stream.byReportingOrg[IATIPortfolio.others] == 25)
        #expect(stream.byReportingOrg.values.reduce(0, +) == total)
        #expect(stream.byReportingOrg["O0"] == 1 && stream.byReportingOrg["O\(total - 1)"] == nil)
        #expect(stream.byVersion["2.03"] == (total + 1) / 2)
        #expect(stream.byVersion.values.reduce(0, +) == total)
        // Pieces of 4,000 activities merged in order: the same number of keys, every activity counted.
        var joined = IATIPortfolio()
        for start in stride(from: 0, to: total, by: 4_000) {
            var piece = IATIPortfolio()
            for index in start..<min(start + 4_000, total) { piece.add(activity(index)) }
            joined.merge(piece)
        }
        #expect(joined.byReportingOrg.count == IATIPortfolio.keptKeys + 1)
        #expect(joined.byReportingOrg.values.reduce(0, +) == total)
        #expect(joined.activities == total)
    }

    @Test func countsUnmatchedTitlesAsWrittenAndJoinsThemWhenRead() {
        func activity(_ titles: [String]) -> Intervention {
            var activity = Intervention(id: "XM-1", actionCode: "XM-1", source: SourceLocation(file: "a.xml"), origin: .iati)
            activity.indicators = titles.map { indicator($0, theme: nil, resultType: nil, [.achieved]) }
            return activity
        }
        let composed = "Taux de couverture — \u{E9}valu\u{E9}"
        let decomposed = "Taux de couverture — e\u{301}value\u{301}"
        var portfolio = IATIPortfolio()
        portfolio.add(activity([composed, decomposed, "Staff trained"]))
        var piece = IATIPortfolio()
        piece.add(activity([composed] + (0..<600).map { "Indicator \($0)" }))
        portfolio.merge(piece)
        // 500 titles as written are kept (a piece keeps its first 500; a merge takes the piece's in title
        // order); the two spellings of one title take two places, and are one title once read as Strings.
        let titles = portfolio.unmatchedTitles
        #expect(titles[composed] == 3)
        #expect(titles["Staff trained"] == 1)
        #expect(titles.count == 499)
        #expect(titles["Indicator 0"] == 1 && titles["Indicator 1"] == 1 && titles["Indicator 499"] == nil)
        #expect(portfolio.unmatchedIndicators == 604)
        #expect(portfolio.achievement == [.achieved: 604])
        #expect(portfolio.achievementByTheme == ["unmatched": [.achieved: 604]])
    }

    @Test func statusIndexIsThePlaceInAllCases() {
        #expect(AchievementStatus.allCases.map(\.index) == Array(AchievementStatus.allCases.indices))
    }

    /// A sector is named by the first name published beside it, whether the activities arrive in one stream or
    /// in pieces merged in order; a code of a vocabulary a reporting organisation defines (98, 99) is its own:
    /// two publishers' `99:1` are two sectors.
    @Test func sectorsAreNamedAsPublishedAndOwnVocabulariesKeptApart() {
        func activity(_ publisher: String, _ sectors: [IATIDetails.Share]) -> Intervention {
            var activity = Intervention(id: publisher, actionCode: publisher, source: SourceLocation(file: "a.xml"), origin: .iati)
            var details = IATIDetails()
            details.reportingOrg = IATIDetails.Organisation(ref: publisher)
            details.sectors = sectors
            activity.iati = details
            return activity
        }
        let activities = [
            activity("XM-DAC-47066", [
                .init(code: "1", vocabulary: "99", name: "Livelihoods"), .init(code: "72010", vocabulary: "1"),
            ]),
            activity("XM-DAC-41122", [
                .init(code: "1", vocabulary: "99", name: "Child protection"), .init(code: "72010", name: "Material relief"),
            ]),
            activity("XM-DAC-47066", [.init(code: "1", vocabulary: "99", name: "Renamed"), .init(code: "72010", name: "Other name")]),
        ]
        var stream = IATIPortfolio()
        for activity in activities { stream.add(activity) }
        #expect(stream.bySector == ["99:1 XM-DAC-47066": 2, "99:1 XM-DAC-41122": 1, "1:72010": 3])
        #expect(stream.sectorNames == ["99:1 XM-DAC-47066": "Livelihoods", "99:1 XM-DAC-41122": "Child protection", "1:72010": "Material relief"])
        var pieces = [IATIPortfolio(), IATIPortfolio(), IATIPortfolio()]
        for (index, activity) in activities.enumerated() { pieces[index].add(activity) }
        var merged = IATIPortfolio()
        for piece in pieces { merged.merge(piece) }
        #expect(merged.bySector == stream.bySector)
        #expect(merged.sectorNames == stream.sectorNames)
    }

    /// The totals keep at most `keptCharacters` of a key, a sector's name or an unmatched title, so that a
    /// file of thousands of long ones cannot hold them all to the end of the run; what they count is kept.
    @Test func longTextsAreKeptCut() {
        let long = String(repeating: "é", count: 150) + String(repeating: "x", count: 1_000)
        var activity = Intervention(id: "XM-1", actionCode: "XM-1", source: SourceLocation(file: "a.xml"), origin: .iati)
        var details = IATIDetails()
        details.reportingOrg = IATIDetails.Organisation(ref: "XM-1", name: long)
        details.sectors = [.init(code: long, vocabulary: "1", name: long), .init(code: long + "y", vocabulary: "1")]
        activity.iati = details
        activity.indicators = [Indicator(title: long, location: SourceLocation(file: "a.xml"))]
        var portfolio = IATIPortfolio()
        portfolio.add(activity)
        portfolio.add(activity)
        let cut = String(("XM-1 " + long).prefix(IATIPortfolio.keptCharacters)) + "…"
        #expect(portfolio.byReportingOrg == [cut: 2])
        // Two codes alike in their first 200 characters are counted as one, once per activity.
        let sector = String(("1:" + long).prefix(IATIPortfolio.keptCharacters)) + "…"
        #expect(portfolio.bySector == [sector: 2])
        #expect(portfolio.sectorNames == [sector: String(long.prefix(IATIPortfolio.keptCharacters)) + "…"])
        #expect(portfolio.unmatchedTitles == [String(long.prefix(IATIPortfolio.keptCharacters)) + "…": 2])
    }
}

@Suite struct StatusIndexTests {
    /// The counts kept per status and per cause are indexed by a written-out `index` (a switch, on every period
    /// of a large IATI file); it must be each case's place in `allCases`, or counts would land under another.
    @Test func indicesAreThePlacesInAllCases() {
        #expect(AchievementStatus.allCases.enumerated().allSatisfy { $0.offset == $0.element.index })
        #expect(Achievement.Cause.allCases.enumerated().allSatisfy { $0.offset == $0.element.index })
    }
}
