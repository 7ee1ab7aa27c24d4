import KDCore

/// Reads a native SOCIEUX+ intervention report (`<intervention-report version="1.0">`, see the XSD).
///
/// The document is streamed: each top-level part (identification, activities, indicators, narrative)
/// is read into a small tree and mapped, then dropped. A report that is not well-formed is not used:
/// the fault is reported with its line and column.
public struct NativeReportReader: Sendable {
    /// The versions of the format this reader understands.
    public static let supportedVersions: Set<String> = ["1.0"]

    /// Creates a reader.
    public init() {}

    /// Reads one report file.
    public func read(_ file: InputFile, diagnostics: inout DiagnosticLog) -> Intervention? {
        let place = SourceLocation(file: file.displayPath)
        guard let xml = XMLStreamReader(path: file.path) else {
            diagnostics.report(.error, "XML-005", "cannot open the file for reading", at: place)
            return nil
        }
        var mapper: ReportMapper?
        var entityLines: [(String, Int)] = []
        let onEntity: (String, Int) -> Void = { entityLines.append(($0, $1)) }
        var complete = false

        while xml.read() {
            if xml.kind == .endElement, xml.depth == 0 { complete = true }
            guard xml.kind == .element else { continue }
            if xml.depth == 0 {
                guard xml.hasLocalName("intervention-report") else {
                    diagnostics.report(
                        .error, "XML-004",
                        "root element is <\(xml.localName)>; expected <intervention-report>",
                        at: place.at(line: xml.line))
                    return nil
                }
                let version = xml.attribute("version") ?? ""
                if !Self.supportedVersions.contains(version) {
                    diagnostics.report(
                        .warning, "RPT-005",
                        "report format version '\(version)' is not one this reader knows (1.0); read as 1.0",
                        at: place.at(line: xml.line))
                }
                mapper = ReportMapper(file: place, language: xml.language)
                if xml.isEmptyElement { complete = true }
                continue
            }
            // Past the budget, read on node by node to the end of the document (whose faults still count),
            // building nothing.
            if xml.passesOver() { continue }
            guard let part = xml.readElement(onEntity: onEntity) else { break }
            mapper?.map(part, diagnostics: &diagnostics)
        }
        if xml.passedOver {
            let budget = Format.thousands(SAXStreamReader.maximumRecordElements)
            diagnostics.report(
                .warning, "RPT-006",
                "the report holds more than the \(budget) elements kdpipe reads of one report; the first \(budget) were read, the rest passed over",
                at: place)
        }

        let broken = xml.reportProblems(
            at: place, entities: entityLines, consequence: "the report was not used", diagnostics: &diagnostics)
        if broken { return nil }
        guard complete, let mapper else {
            diagnostics.report(.error, "XML-001", "the document ends before <intervention-report> is closed; the report was not used", at: place)
            return nil
        }
        return mapper.finish(diagnostics: &diagnostics)
    }
}
