import Foundation
import KDCore
import KDPipeline
import KDTestSupport
import Testing

@Suite struct SampleReportTests {
    static let root = Fixtures.repositoryRoot

    /// Reports/sample is what `kdpipe run Pipelines/sample.yml` writes; it must be regenerated when outputs change.
    @Test func committedSampleReportIsUpToDate() throws {
        let config = try PipelineConfig.load(path: Self.root.appendingPathComponent("Pipelines/sample.yml").path)
        let (result, output) = try runPipeline(config)
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(result.exitStatus == .dataErrors)
        let committed = Self.root.appendingPathComponent("Reports/sample")
        for file in reportFiles + ["summary.html"] {
            let fresh = try contents(of: file, in: output)
            let stored = try? contents(of: file, in: committed)
            #expect(stored == fresh, "Reports/sample/\(file) is out of date: run `swift run kdpipe run Pipelines/sample.yml`")
        }
    }

    /// Every valid action and indicator period of SampleData reaches the outputs; the broken inputs are diagnosed.
    @Test func everyValidRecordIsInTheOutputs() throws {
        let data = Self.root.appendingPathComponent("SampleData")
        let config = try PipelineConfig.load(path: Self.root.appendingPathComponent("Pipelines/sample.yml").path)
        let (result, output) = try runPipeline(config)
        defer { try? FileManager.default.removeItem(at: output) }

        // Count what the inputs hold, independently of the readers.
        let reports = data.appendingPathComponent("reports")
        var actions = Set<String>()
        var periods = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: reports.path) where name != "socieux-2020-40-ghana.xml" {
            let text = try String(contentsOf: reports.appendingPathComponent(name), encoding: .utf8)
            periods += text.components(separatedBy: "<period ").count - 1
            actions.insert(String(name.dropFirst("socieux-".count).prefix(7)))
        }
        let register = try String(contentsOf: data.appendingPathComponent("tables/intervention-register.csv"), encoding: .windowsCP1252)
        for line in register.split(separator: "\r\n").dropFirst() {
            actions.insert(ActionCode(String(line.split(separator: ";")[0]))!.key)
        }
        // IATI: one row per actual (the sample's periods all report actuals; one is split by sex into two).
        let iati = try String(contentsOf: data.appendingPathComponent("iati/enabel-social-protection-2.03.xml"), encoding: .utf8)
        periods += iati.components(separatedBy: "<actual ").count - 1
        for identifier in iati.components(separatedBy: "<iati-identifier>").dropFirst() {
            actions.insert(String(identifier.prefix { $0 != "<" }))
        }
        for table in ["indicator-observations.csv", "indicator-update-2022.csv"] {
            let text = try String(contentsOf: data.appendingPathComponent("tables/\(table)"), encoding: .utf8)
            let lines = text.split(whereSeparator: \.isNewline)
            let width = lines[0].split(separator: ";", omittingEmptySubsequences: false).count
            periods += lines.dropFirst().count { $0.split(separator: ";", omittingEmptySubsequences: false).count == width }
        }

        let interventions = try String(contentsOf: output.appendingPathComponent("interventions.csv"), encoding: .utf8)
        let ids = Set(interventions.split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) })
        #expect(ids == actions)
        #expect(ids.count >= 16 + 3)
        #expect(result.iati.activities == 3)
        let indicators = try String(contentsOf: output.appendingPathComponent("indicators.csv"), encoding: .utf8)
        #expect(indicators.split(separator: "\n").count - 1 == periods)

        let countries = Set(result.batch.interventions.compactMap(\.country.iso3))
        #expect(countries.count >= 10)
        let languages = Set(result.batch.interventions.compactMap(\.language))
        #expect(languages.isSuperset(of: ["en", "fr", "es", "pt"]))
        #expect(Set(result.batch.interventions.compactMap(\.area?.value)) == ["social_protection", "labour", "employment"])

        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code) == ["XML-001", "CSV-001", "CSV-001"])
        #expect(errors.map { $0.location?.description ?? "" } == [
            "SampleData/reports/socieux-2020-40-ghana.xml:10:37",
            "SampleData/tables/indicator-update-2022.csv:3",
            "SampleData/tables/indicator-update-2022.csv:5",
        ])
        let summary = try String(contentsOf: output.appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("| SampleData/reports/socieux-2020-40-ghana.xml | XML-001 | not well-formed XML"))
        #expect(summary.contains("SampleData/tables/indicator-update-2022.csv:3: error: [CSV-001]"))
        // The sector the IATI file gives without a name is named from the IATI codelist among the context files.
        #expect(summary.contains("| 1:12220 \\[Basic health care] | 1 |"))
        #expect(summary.contains("| 1:16010 Social protection | 2 |"))
        // Every lesson, of the reports and tables and of the IATI activities, is counted under one theme.
        let themeRows = summary.components(separatedBy: "| Theme | Lessons |")[1].components(separatedBy: "\n\n")[0]
            .split(separator: "\n").dropFirst(2)
        let counted = themeRows.compactMap { Int($0.split(separator: "|")[1].trimmingCharacters(in: .whitespaces)) }.reduce(0, +)
        #expect(counted == result.batch.lessons.count + result.iati.lessons && result.iati.lessons == 2)
        // National context from the sample series: before the start and latest up to the end, aggregates left out.
        let context = try String(contentsOf: output.appendingPathComponent("context.csv"), encoding: .utf8)
        #expect(context.contains(",SEN,SI.POV.GINI,Gini index (sample values),before,"))
        #expect(!context.contains(",WLD,"))
        #expect(summary.contains("## National context"))
    }
}
