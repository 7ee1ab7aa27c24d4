import KDCore
import KDTransforms
import Testing

@Suite struct ContextStageTests {
    @Test func attachesTheValueBeforeTheStartAndTheLatestUpToTheEnd() {
        var series = ContextSeries()
        for (year, value) in [(2011, 40.3), (2015, 39.0), (2018, 38.1), (2021, 36.5)] {
            series.add(country: "SEN", code: "SI.POV.GINI", .init(year: year, value: value, name: "Gini index", source: "g.csv"))
        }
        series.add(country: "WLD", code: "SI.POV.GINI", .init(year: 2018, value: 38, name: "Gini index", source: "g.csv"))
        series.aggregates = ["WLD"]
        var action = Make.intervention("SOCIEUX+ 2016-01 SENEGAL")
        action.country.iso3 = "SEN"
        action.start = Reported(raw: "", value: PartialDate(year: 2016, month: 3))
        action.end = Reported(raw: "", value: PartialDate(year: 2019, month: 6))
        var world = Make.intervention("2016-02")
        world.country.iso3 = "WLD"
        var batch = Batch(inputs: [])
        batch.interventions = [action, world]
        var log = DiagnosticLog()
        let rows = ContextStage().run(.init(batch: batch, series: series), diagnostics: &log).context
        #expect(rows.map(\.role) == [.before, .after])
        #expect(rows.map(\.year) == [2015, 2018])
        #expect(rows.map(\.value) == [39.0, 38.1])
        #expect(abs(rows[1].change! - -0.9) < 1e-9)
        #expect(rows.allSatisfy { $0.interventionID == "2016-01" && $0.name == "Gini index" })
    }
}
