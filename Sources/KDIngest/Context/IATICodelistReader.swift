import KDCore

/// Reads an IATI codelist as the IATI Standard publishes it (`<codelist name="Sector" xml:lang="en">` …
/// `<codelist-item><code>16010</code><name><narrative>Social protection</narrative>…`; the codelists of
/// IATI 1.0x give the name as the text of `<name>`) for the names of its codes, in English where the
/// codelist gives several languages. Only the codelists that name what activities give without a name are
/// kept (`IATICodeNames.usedLists`: Sector, SectorCategory, Region); another is said to be unused.
public struct IATICodelistReader: Sendable {
    /// Creates a reader.
    public init() {}

    /// Reads one codelist file into `names`; returns false (with a diagnostic) when none of it is used.
    @discardableResult
    public func read(_ file: InputFile, into names: inout IATICodeNames, diagnostics: inout DiagnosticLog) -> Bool {
        let place = SourceLocation(file: file.displayPath)
        guard let xml = XMLStreamReader(path: file.path) else {
            diagnostics.report(.error, "CTX-001", "cannot open the file for reading", at: place)
            return false
        }
        var list: String?
        var read = IATICodeNames()
        var entities: [(String, Int)] = []
        var repeated = 0
        while xml.read() {
            guard xml.kind == .element else { continue }
            if xml.depth == 0 {
                guard xml.hasLocalName("codelist") else {
                    diagnostics.report(.error, "CTX-001", "root element is <\(xml.localName)>; expected an IATI <codelist>", at: place.at(line: xml.line))
                    return false
                }
                list = xml.attribute("name") ?? ""
                guard let list, IATICodeNames.usedLists.contains(list) else {
                    let used = IATICodeNames.usedLists.sorted().joined(separator: ", ")
                    diagnostics.report(
                        .note, "CTX-007",
                        "the IATI codelist '\(list ?? "")' is not used: kdpipe names the sectors and regions activities give without a name, from \(used)",
                        at: place.at(line: xml.line))
                    return false
                }
                continue
            }
            guard xml.hasLocalName("codelist-item"), let list else { continue }
            if xml.passesOver() { break }
            guard let item = xml.readElement(children: Self.kept, onEntity: { entities.append(($0, $1)) }) else { break }
            guard let code = item.text(of: "code"), let name = item.child("name").flatMap(Self.name) else { continue }
            if !read.add(name, code: code, list: list) { repeated += 1 }
        }
        let broken = xml.reportProblems(at: place, entities: entities, consequence: "the codelist was not used", diagnostics: &diagnostics)
        if xml.passedOver {
            diagnostics.report(
                .warning, "CTX-008",
                "the codelist holds more than the \(Format.thousands(SAXStreamReader.maximumRecordElements)) elements kdpipe reads of one file; the codes past them were passed over",
                at: place)
        }
        if repeated > 0 {
            diagnostics.report(.note, "CTX-003", "\(Format.counted(repeated, "code")) given more than once kept the first name", at: place)
        }
        guard !broken else { return false }
        guard read.count > 0 else {
            diagnostics.report(.error, "CTX-001", "the codelist '\(list ?? "")' names no code (expected <codelist-item> elements with <code> and <name>)", at: place)
            return false
        }
        for (list, codes) in read.lists {
            for (code, name) in codes.sorted(by: { $0.key < $1.key }) { names.add(name, code: code, list: list) }
        }
        return true
    }

    /// The elements read of a codelist item: its code and name, and the name's narratives.
    private static func kept(_ element: String) -> Set<String>? {
        switch element {
        case "codelist-item": ["code", "name"]
        case "name": ["narrative"]
        default: []
        }
    }

    /// A name's English narrative (one without `xml:lang` is in the codelist's language, English by default),
    /// else its first; the text of `<name>` itself in a codelist without narratives.
    private static func name(_ node: XMLNode) -> String? {
        let narratives = node.children("narrative").filter { $0.trimmedText != nil }
        guard !narratives.isEmpty else { return node.trimmedText }
        let english = narratives.first { ($0.language ?? "en").lowercased().hasPrefix("en") }
        return (english ?? narratives[0]).trimmedText
    }
}
