import KDCore
import KDTransforms
import Testing

@Suite struct SynthesisStageTests {
    static func lesson(_ id: String, _ intervention: String, _ country: String, _ text: String, theme: String? = nil) -> Lesson {
        var lesson = Lesson(
            id: id, interventionID: intervention, actionCode: intervention, countryISO3: country, area: nil, language: nil,
            section: .lessonsLearned, heading: nil, text: text, location: SourceLocation(file: "l.csv", line: 1))
        lesson.themes = theme.map { [$0] } ?? []
        return lesson
    }

    @Test func groupsLessonsThatSayTheSameThingAndRanksThemByRecurrence() {
        var batch = Batch(inputs: [])
        batch.lessons = [
            Self.lesson("A-L01", "A", "SEN", "Remote missions need an onsite inception visit before the design work.", theme: "capacity_building"),
            Self.lesson("B-L01", "B", "KEN", "An onsite inception visit is needed before design work when missions start remote.", theme: "capacity_building"),
            Self.lesson("C-L01", "C", "PER", "Remote missions need an onsite inception visit first.", theme: "capacity_building"),
            Self.lesson("D-L01", "D", "MOZ", "La certificación de competencias requiere a los empleadores."),
            Self.lesson("E-L01", "E", "PRY", "La certificación de competencias solo vale con los empleadores."),
            Self.lesson("F-L01", "F", "TGO", "Internet access limited the use of the job-seeker file."),
        ]
        var log = DiagnosticLog()
        let result = SynthesisStage(threshold: 0.4).run(batch, diagnostics: &log)
        #expect(result.clusters.map(\.lessonIDs) == [["A-L01", "B-L01", "C-L01"], ["D-L01", "E-L01"]])
        #expect(result.clusters[0].interventions == ["A", "B", "C"])
        #expect(result.clusters[0].countries == ["KEN", "PER", "SEN"])
        #expect(result.clusters[0].theme == "capacity_building")
        #expect(result.clusters[0].representative.id == "A-L01")
        let byID = Dictionary(uniqueKeysWithValues: result.lessons.map { ($0.id, $0.clusterID) })
        #expect(byID["F-L01"]! == nil)
        #expect(byID["B-L01"]! == result.clusters[0].id)
    }

    @Test func aHigherThresholdKeepsLessonsApart() {
        var batch = Batch(inputs: [])
        batch.lessons = [
            Self.lesson("A-L01", "A", "SEN", "Remote missions need an onsite inception visit before the design work."),
            Self.lesson("B-L01", "B", "KEN", "An onsite visit helps the design of remote work."),
        ]
        var log = DiagnosticLog()
        #expect(SynthesisStage(threshold: 0.95).run(batch, diagnostics: &log).clusters.isEmpty)
    }
}
