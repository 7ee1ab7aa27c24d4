import KDCore
import KDTestSupport
import Testing

@testable import KDReports

@Suite struct SummaryHTMLTests {
    /// The body of the page rendered from `markdown` (what is between `<main>` and `</main>`).
    static func body(_ markdown: String) -> String {
        let page = SummaryHTML.page(markdown)
        let start = page.range(of: "<main>\n")!.upperBound
        let end = page.range(of: "</main>")!.lowerBound
        return String(page[start..<end])
    }

    @Test func rendersEveryBlockTheSummaryWrites() {
        let markdown = """
            # Title *of* it

            Pipeline `sample` · 3 files

            ## First part

            - **18 interventions** in *2* countries
              - nested, with \\*stars\\* and a \\\\ backslash
              - second
            - back
            paragraph after

            ### By area

            | Area | Count |
            | --- | ---: |
            | a \\| b | 12 |
            | \\<b> | 3 |

            ## Data quality

            ````text
            f.xml:1: error: <x> & "y" ```
            ````

            """
        #expect(Self.body(markdown) == """
            <h1 id="title-of-it">Title <em>of</em> it</h1>
            <p>Pipeline <code>sample</code> · 3 files</p>
            <nav>
            <h2>Contents</h2>
            <ul>
            <li><a href="#first-part">First part</a></li>
            <li><a href="#data-quality">Data quality</a></li>
            </ul>
            </nav>
            <h2 id="first-part">First part</h2>
            <ul>
            <li><strong>18 interventions</strong> in <em>2</em> countries
            <ul>
            <li>nested, with *stars* and a \\ backslash</li>
            <li>second</li>
            </ul>
            </li>
            <li>back</li>
            </ul>
            <p>paragraph after</p>
            <h3 id="by-area">By area</h3>
            <div class="table"><table>
            <thead>
            <tr><th>Area</th><th class="number">Count</th></tr>
            </thead>
            <tbody>
            <tr><td>a | b</td><td class="number">12</td></tr>
            <tr><td>&lt;b&gt;</td><td class="number">3</td></tr>
            </tbody>
            </table></div>
            <h2 id="data-quality">Data quality</h2>
            <pre><code>f.xml:1: error: &lt;x&gt; &amp; &quot;y&quot; ```
            </code></pre>

            """)
        #expect(SummaryHTML.page(markdown).contains("<title>Title of it</title>"))
    }

    @Test func repeatedHeadingsGetIDsOfTheirOwnAndStrayDelimitersStayText() {
        let body = Self.body("## By country\n\n## By country\n\n### By country 2\n\n## 100 %\n\na **b* c `d\n")
        #expect(body.contains("<h2 id=\"by-country\">By country</h2>\n<h2 id=\"by-country-2\">By country</h2>"))
        #expect(body.contains("<h3 id=\"by-country-2-2\">By country 2</h3>"))
        #expect(body.contains("<h2 id=\"100\">100 %</h2>"))
        #expect(body.contains("<p>a **b* c `d</p>"))
    }

    /// An achievement table gets a bar in each row (each status's share, its counts in the tooltip) and a key
    /// in each status's heading; a row without periods, or whose counts do not add up, gets an empty cell; other
    /// tables get no bar.
    @Test func achievementTablesGetABarInEachRow() {
        let markdown = """
            | Theme | Achieved | Largely achieved | Partly achieved | Not achieved | N/a | Total |
            | --- | ---: | ---: | ---: | ---: | ---: | ---: |
            | Coverage | 3 | 2 | 3 | 3 | 1 | 12 |
            | Poverty | 0 | 0 | 0 | 0 | 0 | 0 |
            | Capacity | 1 | 1 | 1 | 1 | 1 | 4 |

            | Theme | Achieved | Total |
            | --- | ---: | ---: |
            | Coverage | 3 | 12 |

            """
        let body = Self.body(markdown)
        #expect(body.contains("""
            <tr><th>Theme</th><th class="number"><span class="a0"></span>Achieved</th>\
            <th class="number"><span class="a1"></span>Largely achieved</th><th class="number"><span class="a2"></span>Partly achieved</th>\
            <th class="number"><span class="a3"></span>Not achieved</th><th class="number"><span class="a4"></span>N/a</th>\
            <th class="number">Total</th><th>Share</th></tr>
            """))
        #expect(body.contains("""
            <td class="number">12</td><td title="3 achieved, 2 largely achieved, 3 partly achieved, 3 not achieved, 1 n/a">\
            <span class="bar"><span class="a0" style="width:25%"></span><span class="a1" style="width:16.7%"></span>\
            <span class="a2" style="width:25%"></span><span class="a3" style="width:25%"></span>\
            <span class="a4" style="width:8.3%"></span></span></td></tr>
            """))
        #expect(body.contains("<td class=\"number\">0</td><td></td></tr>\n"))
        #expect(body.contains("<td class=\"number\">4</td><td></td></tr>\n"))
        #expect(body.components(separatedBy: "<th>Share</th>").count == 2)
        #expect(body.hasSuffix("<tr><td>Coverage</td><td class=\"number\">3</td><td class=\"number\">12</td></tr>\n</tbody>\n</table></div>\n"))
        #expect(Self.check(SummaryHTML.page(markdown)).problems.isEmpty)
    }

    /// A lesson's text is marked with its language (not its source, nor the English note that it was cut);
    /// a line whose language is not a language tag is written as it is.
    @Test func lessonsAreMarkedWithTheirLanguage() {
        let long = String(repeating: "Le registre social unifié ", count: 30)
        let body = Self.body("""
            - Les agents communautaires formés sont devenus des relais. *[SOCIEUX+ 2019-07 SENEGAL (SEN), fr; reports/sen.xml:70]*
            - \(SummaryWriter.excerpt(long)) *[2021-12 (SUR), pt-br; lessons.csv:9]*
            - Lesson. *[2021-12 (SUR), fr" onclick="x; lessons.csv:9]*
            - Lesson. *[2021-12 (SUR); lessons.csv:9]*

            """)
        #expect(body.contains("""
            <li><span lang="fr">Les agents communautaires formés sont devenus des relais.</span> \
            <em>[SOCIEUX+ 2019-07 SENEGAL (SEN), fr; reports/sen.xml:70]</em></li>
            """))
        #expect(body.contains("<li><span lang=\"pt-br\">Le registre social unifié Le registre"))
        #expect(body.contains("unifié</span> … (780 characters; full text in lessons.csv) <em>[2021-12 (SUR), pt-br; lessons.csv:9]</em></li>"))
        #expect(body.contains("<li>Lesson. <em>[2021-12 (SUR), fr&quot; onclick=&quot;x; lessons.csv:9]</em></li>"))
        #expect(body.contains("<li>Lesson. <em>[2021-12 (SUR); lessons.csv:9]</em></li>"))
        #expect(body.components(separatedBy: "lang=").count == 3)
    }

    /// A group of recurring lessons leads with its count, in English: only its bold lesson is marked, and the
    /// note that a lesson was cut stays out of the mark.
    @Test func recurringLessonsAreMarkedWithTheirLanguage() {
        let long = String(repeating: "O registo social único ", count: 30)
        let (text, cut) = SummaryWriter.excerptParts(long)
        let body = Self.body("""
            - 2 interventions (Cabo Verde, Mozambique): **\(text)**\(cut) *[2019-15 (CPV), pt; lessons.csv:16]*
              - Os pagamentos por carteira móvel. *[2020-09 (MOZ), pt; reports/moz.xml:68]*

            """)
        #expect(body.contains("<li>2 interventions (Cabo Verde, Mozambique): <span lang=\"pt\"><strong>O registo social único O registo"))
        #expect(body.contains("O</strong></span> … (690 characters; full text in lessons.csv) <em>[2019-15 (CPV), pt; lessons.csv:16]</em>"))
        #expect(body.contains("<li><span lang=\"pt\">Os pagamentos por carteira móvel.</span> <em>[2020-09 (MOZ), pt; reports/moz.xml:68]</em></li>"))
    }

    /// Whatever the inputs hold, the page holds only the tags and attributes the renderer writes: none of a
    /// script, an image, a link out or an event handler. (`&<img/src=x/onerror=…>;` is what Ink lets through.)
    @Test func textFromTheInputsCannotBecomeMarkupInThePage() {
        var (batch, portfolio, _) = WriterTests.batch()
        let hostile = [
            "<script>alert(1)</script> [site](javascript:alert(1)) ![](http://tracker.example/p.png)",
            "&<img/src=x/onerror=alert(1)>; <p onclick=alert(2)>x</p> `<b>` **<i>** \\<svg onload=alert(3)>",
            "| cell | <style>body{display:none}</style> &#60;script&#62; \u{1B}]0;title\u{07}",
        ].joined(separator: "\n")
        batch.interventions[0].indicators[0].title = hostile
        batch.interventions[0].actionCode = "<a href=\"http://x\">2019-07</a>"
        batch.lessons[0].text = hostile
        let diagnostics = [Diagnostic(.warning, "NRM-003", "'````' \(hostile)", at: nil, record: "2019-07")]
        let summary = SummaryWriter(pipelineName: "<b>test</b>", version: "9.9.9").render(batch, portfolio, diagnostics: diagnostics)
        let page = SummaryHTML.render(summary).content

        let (tags, problems) = Self.check(page)
        #expect(problems.isEmpty, "\(problems)")
        #expect(tags > 50)
        // The hostile text is there, as text.
        #expect(page.contains("&amp;&lt;img/src=x/onerror=alert(1)&gt;;"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&amp;#60;script&amp;#62;"))
        #expect(page.contains("<title>SOCIEUX+ Knowledge Development: intervention summary</title>"))
        #expect(!page.contains("\u{1B}") && !page.contains("\u{07}"))
    }

    /// Whatever the Markdown, the page is made of the renderer's own tags, properly nested.
    @Test func anyMarkdownGivesAPageOfTheRenderersOwnTags() {
        var generator = SplitMix(seed: 2026)
        let pieces = ["#", "## ", "- ", "  - ", "    - ", "|", " | ", "\\|", "---", ":", "`", "``", "```", "*", "**", "\\", "\n", "\n\n",
                      "<", ">", "&", "\"", "a", "é", " ", "x y", "<b>", "&amp;", "[x](y)"]
        for _ in 0..<2_000 {
            let markdown = (0..<Int.random(in: 1...60, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let (_, problems) = Self.check(SummaryHTML.page(markdown))
            #expect(problems.isEmpty, "\(problems) for \(markdown.debugDescription)")
            if !problems.isEmpty { break }
        }
    }

    /// The tags of `page`, and what is wrong with them: a tag or attribute the renderer does not write, a
    /// `<` that opens no tag, an element closed out of order or never.
    static func check(_ page: String) -> (tags: Int, problems: [String]) {
        let allowed: Set<String> = [
            "html", "head", "meta", "title", "style", "body", "main", "nav", "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul",
            "li", "a", "div", "table", "thead", "tbody", "tr", "th", "td", "pre", "code", "strong", "em", "span",
        ]
        // The achievement bars: a cell with the counts in its tooltip, a bar, its parts and the headings' keys.
        let bars = [
            #/ title="[0-9a-z/, ]+"/#, #/ class="bar"/#, #/ class="a[0-4]"/#, #/ class="a[0-4]" style="width:[0-9.]+%"/#,
        ]
        // A lesson's language, or a quoted title's.
        let language = #/ lang="[a-z]{2,3}(-[a-z0-9]{1,8})*"/#
        var (tags, problems, open) = (0, [String](), [String]())
        var rest = page[...]
        while let start = rest.firstIndex(of: "<") {
            guard let end = rest[start...].firstIndex(of: ">") else {
                problems.append("a '<' without '>'")
                break
            }
            let tag = rest[rest.index(after: start)..<end]
            rest = rest[rest.index(after: end)...]
            tags += 1
            if tag == "!DOCTYPE html" { continue }
            if tag.hasPrefix("/") {
                let name = String(tag.dropFirst())
                if open.last == name { open.removeLast() } else { problems.append("</\(name)> closes <\(open.last ?? "nothing")>") }
                continue
            }
            let name = String(tag.prefix { $0 != " " })
            guard allowed.contains(name) else {
                problems.append("unexpected tag <\(tag)>")
                continue
            }
            if name != "meta" { open.append(name) }
            let attributes = tag.dropFirst(name.count)
            if name == "meta" || name == "html" { continue }
            // Only ids, the in-page links of the contents and the renderer's own classes.
            let fine = attributes.isEmpty || attributes.hasPrefix(" id=\"") || attributes.hasPrefix(" href=\"#")
                || attributes == " class=\"number\"" || attributes == " class=\"table\""
            let bar = (name == "td" || name == "span") && bars.contains { attributes.wholeMatch(of: $0) != nil }
            let marked = (name == "span" || name == "td") && attributes.wholeMatch(of: language) != nil
            if !bar, !marked, !fine || attributes.dropFirst().contains(" ") { problems.append("unexpected attributes in <\(tag)>") }
            // A style element is the page's own, and comes once.
            if name == "style", page.components(separatedBy: "<style>").count != 2 { problems.append("a second <style>") }
        }
        if !open.isEmpty { problems.append("never closed: \(open)") }
        return (tags, problems)
    }

    /// The byte scan that finds a lesson's language tag finds what the pattern
    /// `, ([a-z]{2,3}(?:-[a-z0-9]{1,8})*); ` finds first, on texts made at random of the bytes that matter.
    @Test func theLanguageTagScanFindsWhatThePatternFinds() {
        var random = SplitMix(seed: 7)
        let noise = [", ", "; ", "-", "fr", "e", ",", ";", " ", "É", "A", "SOCIEUX+ 2017-04"]
        let tagPieces = ["fr", "pt", "e", "br", "x1", "abcd", "-", "123456789", "A", "É", "-"]
        func some(_ pieces: [String], _ counts: ClosedRange<Int>) -> String {
            (0..<Int.random(in: counts, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
        var matched = 0
        for _ in 0..<3_000 {
            // Noise around `, ` + something tag-like + something like `; `.
            let separator = ["; ", ";", " ;", "; ", ", "].randomElement(using: &random)!
            let text = some(noise, 0...3) + ", " + some(tagPieces, 1...4) + separator + some(noise, 0...3)
            let bytes = Array(text.utf8)
            let expected = text.firstMatch(of: #/, ([a-z]{2,3}(?:-[a-z0-9]{1,8})*); /#).map { String($0.1) }
            let found = SummaryHTML.LessonLine.languageTag(in: bytes, bytes.indices).map { String(decoding: bytes[$0], as: UTF8.self) }
            #expect(found == expected, "\(text)")
            if expected != nil { matched += 1 }
        }
        #expect(matched > 80)  // 107 of the 3,000 texts hold a tag
    }

    /// Indicator titles the summary's tables quote are marked with their report's language on the page, as
    /// lessons are: a title read from its report, in a BCP 47-shaped language other than English; not a title
    /// from a table (whose language is not known), nor one two reports give in different languages.
    @Test func indicatorTitlesAreMarkedWithTheirReportsLanguage() {
        func report(_ id: String, _ language: String?, _ titles: [String], tableTitles: [String] = []) -> Intervention {
            let source = SourceLocation(file: "reports/\(id).xml", line: 2)
            var item = Intervention(id: id, actionCode: id, source: source, origin: .report)
            item.language = language
            item.indicators = titles.map { Indicator(title: $0, location: SourceLocation(file: source.file, line: 30)) }
                + tableTitles.map { Indicator(title: $0, location: SourceLocation(file: "tables/indicators.csv", line: 4)) }
            return item
        }
        var batch = Batch(inputs: [])
        batch.interventions = [
            report("2017-04", "FR", ["Taux de chômage", "Taux | brut", "Cobertura"], tableTitles: ["Population couverte (%)"]),
            report("2019-15", "pt", ["Cobertura"]),
            report("2019-21", "en", ["Workers covered"]),
            report("2021-03", "Español", ["Tasa de informalidad"]),
            report("2021-05", "es", ["Tasa de pobreza"]),
        ]
        let languages = SummaryHTML.titleLanguages(batch)
        #expect(languages == ["Taux de chômage": "fr", "Taux \\| brut": "fr", "Tasa de pobreza": "es"])
        var table = MarkdownTable(["Indicator", "Periods"], rightAligned: [1])
        for title in ["Taux de chômage", "Taux | brut", "Cobertura", "Workers covered", "Population couverte (%)", "Tasa de informalidad", "Tasa de pobreza"] {
            table.append([title, "1"])
        }
        let page = SummaryHTML.page("# Summary\n\n" + table.text, languages: languages)
        #expect(page.contains("<td lang=\"fr\">Taux de chômage</td><td class=\"number\">1</td>"))
        #expect(page.contains("<td lang=\"fr\">Taux | brut</td>"))
        #expect(page.contains("<td lang=\"es\">Tasa de pobreza</td>"))
        #expect(page.components(separatedBy: "<td lang=").count == 4)
        #expect(Self.check(page).problems.isEmpty)
        // Without languages, the page is the Markdown's alone.
        #expect(!SummaryHTML.page("# Summary\n\n" + table.text).contains("<td lang="))
    }
}
