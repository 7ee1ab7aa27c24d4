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

    /// Only the starts of lines are looked at for headings: one after a long line, one with numbering and
    /// markers, one after a colon-less paragraph of many words, and lines ending at CR, U+2028 or NEL.
    @Test func headingsAreFoundAtTheStartsOfLinesOnly() {
        let long = Array(repeating: "Les bénéficiaires — 45,5 % de femmes — ont été formés", count: 4).joined(separator: " ; ")
        #expect(finder.sections(in: long + " ; leçons apprises : rien.").isEmpty)
        #expect(finder.sections(in: long + "\n**6.2 — Leçons apprises** : le registre doit être mis à jour.").map(\.keys) == [[.lessonsLearned]])
        #expect(finder.sections(in: long + "\rLessons learned\rPay on time.").map(\.body) == ["Pay on time."])
        for separator in ["\u{2028}", "\u{85}"] {
            #expect(finder.sections(in: long + separator + "Lecciones aprendidas: pagar a tiempo.").map(\.keys) == [[.lessonsLearned]], "\(separator.unicodeScalars.first!.value)")
        }
        // CR LF ends one line, as a Character does; VT and FF end lines too.
        let crlf = finder.sections(in: "Intro\r\n\r\nLessons learned\r\nPay on time.\u{0B}Inspect.\u{0C}")
        #expect(crlf.map(\.lineOffset) == [2])
        #expect(crlf.map(\.body) == ["Pay on time.\nInspect.\n"])
        // A start of more than eight words is no heading, whatever words it holds.
        #expect(finder.sections(in: "The report lists the lessons learned by the team in each region: none.").isEmpty)
    }
}
