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
            "li", "a", "div", "table", "thead", "tbody", "tr", "th", "td", "pre", "code", "strong", "em",
        ]
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
            if !fine || attributes.dropFirst().contains(" ") { problems.append("unexpected attributes in <\(tag)>") }
            // A style element is the page's own, and comes once.
            if name == "style", page.components(separatedBy: "<style>").count != 2 { problems.append("a second <style>") }
        }
        if !open.isEmpty { problems.append("never closed: \(open)") }
        return (tags, problems)
    }
}
