import KDCore
import KDTransforms
import Testing

@Suite struct FreeTextSectionsTests {
    let finder = FreeTextSections()

    @Test func findsHeadingsOnTheirOwnLineAndOpeningALine() {
        let text = """
            Project to extend health insurance to informal workers.

            5.2 Lessons learned:
            - Payments on time keep members.
            - Local authorities help enrolment.
            Recomendaciones: Publicar las estadísticas cada mes.
            """
        let sections = finder.sections(in: text)
        #expect(sections.map(\.keys) == [[.lessonsLearned], [.recommendations]])
        #expect(sections.map(\.heading) == ["5.2 Lessons learned", "Recomendaciones"])
        #expect(sections[0].lineOffset == 2)
        #expect(sections[1].body.trimmingCharacters(in: "") == "Publicar las estadísticas cada mes.")
    }

    @Test func sentencesThatMentionLessonsAreNoHeadings() {
        #expect(finder.sections(in: "The lessons learned in 2019 were shared with the ministry and the donors.").isEmpty)
        #expect(finder.sections(in: "Key lessons.").isEmpty)
        #expect(finder.sections(in: "Background\nNo lesson section here.").isEmpty)
    }
}
