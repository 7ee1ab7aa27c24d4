import KDCore

/// Streams an IATI activity file (`<iati-activities>`, versions 1.01-2.03), one `<iati-activity>` at a time.
///
/// Each activity is built as it streams, without an element tree (`IATIActivityParser`); what kdpipe does
/// not map (transactions, budgets, locations, contact details…) is skipped inside libxml2. A file that breaks
/// halfway keeps every activity read before the fault; the fault is reported with its line and column.
public struct IATIReader: Sendable {
    /// Creates a reader.
    public init() {}

    /// Reads `file`, handing each activity to `body` as soon as it is read, with the diagnostics about that
    /// activity; findings about the file itself (parser faults) go to `diagnostics` at the end.
    /// Returns the number of activities.
    @discardableResult
    public func read(
        _ file: InputFile, diagnostics: inout DiagnosticLog, _ body: (Intervention, DiagnosticLog) -> Void
    ) -> Int {
        let place = SourceLocation(file: file.displayPath)
        guard let xml = XMLStreamReader(path: file.path) else {
            diagnostics.report(.error, "XML-005", "cannot open the file for reading", at: place)
            return 0
        }
        var entities: [(String, Int)] = []
        var parser = IATIActivityParser(file: place, fileVersion: nil)
        var count = 0
        var more = xml.read()
        while more {
            guard xml.kind == .element else {
                more = xml.read()
                continue
            }
            if xml.depth == 0 {
                guard xml.hasLocalName("iati-activities") else {
                    diagnostics.report(
                        .error, "XML-004", "root element is <\(xml.localName)>; expected <iati-activities>",
                        at: place.at(line: xml.line))
                    return 0
                }
                parser = IATIActivityParser(file: place, fileVersion: xml.attribute("version"))
                more = xml.read()
                continue
            }
            guard xml.depth == 1, xml.hasLocalName("iati-activity") else {
                more = xml.skipSubtree()
                continue
            }
            var activityLog = DiagnosticLog()
            guard let activity = parser.parse(xml, ordinal: count + 1, diagnostics: &activityLog, onEntity: { entities.append(($0, $1)) })
            else { break }
            count += 1
            body(activity, activityLog)
            more = xml.read()
        }
        xml.reportProblems(
            at: place, entities: entities,
            consequence: "the \(count) activities read before it were kept", diagnostics: &diagnostics)
        return count
    }
}
