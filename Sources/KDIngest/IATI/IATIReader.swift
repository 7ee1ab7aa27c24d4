import KDCore

/// Streams an IATI activity file (`<iati-activities>`, versions 1.01-2.03), one `<iati-activity>` at a time.
///
/// Each activity is built as it streams, without an element tree (`IATIActivityParser`); what kdpipe does
/// not map (transactions, budgets, locations, contact details…) is left out as libxml2 parses it. A file that breaks
/// halfway keeps every activity read before the fault; the fault is reported with its line and column.
public struct IATIReader: Sendable {
    /// Creates a reader.
    public init() {}

    /// What reading a file, or a piece of one, came to.
    public struct Reading: Sendable, Hashable {
        /// Activities handed over.
        public var activities: Int
        /// Whether the document was read to its end without a fatal error.
        public var complete: Bool
    }

    /// Reads `file`, handing each activity to `body` as soon as it is read, with the diagnostics about that
    /// activity; findings about the file itself (parser faults) go to `diagnostics` at the end.
    @discardableResult
    public func read(
        _ file: InputFile, diagnostics: inout DiagnosticLog, _ body: (consuming Intervention, DiagnosticLog) -> Void
    ) -> Reading {
        read(file, SAXStreamReader(path: file.path, filter: IATIActivityParser.filter), activitiesBefore: 0, diagnostics: &diagnostics, body)
    }

    /// Reads `piece` of `plan`, a plan of `file`'s pieces, as `read(_:diagnostics:_:)` reads a whole file:
    /// activities are numbered and placed by their ordinal and line in the file.
    @discardableResult
    public func read(
        _ file: InputFile, piece: IATIPieces.Piece, of plan: IATIPieces, diagnostics: inout DiagnosticLog,
        _ body: (consuming Intervention, DiagnosticLog) -> Void
    ) -> Reading {
        read(
            file, SAXStreamReader(path: file.path, piece: piece, of: plan, filter: IATIActivityParser.filter), activitiesBefore: piece.firstOrdinal,
            diagnostics: &diagnostics, body)
    }

    private func read(
        _ file: InputFile, _ reader: SAXStreamReader?, activitiesBefore: Int, diagnostics: inout DiagnosticLog,
        _ body: (consuming Intervention, DiagnosticLog) -> Void
    ) -> Reading {
        let place = SourceLocation(file: file.displayPath)
        guard let xml = reader else {
            diagnostics.report(.error, "XML-005", "cannot open the file for reading", at: place)
            return Reading(activities: 0, complete: false)
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
                    return Reading(activities: 0, complete: false)
                }
                parser = IATIActivityParser(file: place, fileVersion: xml.attribute("version"))
                more = xml.read()
                continue
            }
            // Below the root, the reader's filter hands out the activities only.
            var activityLog = DiagnosticLog()
            let ordinal = activitiesBefore + count + 1
            guard let activity = parser.parse(xml, ordinal: ordinal, diagnostics: &activityLog, onEntity: { entities.append(($0, $1)) })
            else { break }
            count += 1
            body(consume activity, activityLog)
            more = xml.read()
        }
        let broken = xml.reportProblems(
            at: place, entities: entities,
            consequence: "the \(activitiesBefore + count) activities read before it were kept", diagnostics: &diagnostics)
        return Reading(activities: count, complete: !broken)
    }
}
