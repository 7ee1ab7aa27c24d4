import KDCore

/// Streams an IATI activity file (`<iati-activities>`, versions 1.01-2.03), one `<iati-activity>` at a time.
///
/// Each activity is built as it streams, without an element tree (`IATIActivityParser`); what kdpipe does
/// not map (transactions, budgets, locations, contact details…) is left out as libxml2 parses it. A file
/// that breaks halfway keeps every activity read before the fault; the fault is reported with its line and
/// column.
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
        read(
            file, SAXStreamReader(path: file.path, filter: IATIActivityParser.filter), activitiesBefore: 0,
            diagnostics: &diagnostics, body)
    }

    /// Reads `piece` of `plan`, a plan of `file`'s pieces, as `read(_:diagnostics:_:)` reads a whole file:
    /// activities are numbered and placed by their ordinal and line in the file.
    @discardableResult
    public func read(
        _ file: InputFile, piece: IATIPieces.Piece, of plan: IATIPieces, diagnostics: inout DiagnosticLog,
        _ body: (consuming Intervention, DiagnosticLog) -> Void
    ) -> Reading {
        read(
            file, SAXStreamReader(path: file.path, piece: piece, of: plan, filter: IATIActivityParser.filter),
            activitiesBefore: piece.firstOrdinal, diagnostics: &diagnostics, body)
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
        return withoutActuallyEscaping(body) { body in
            let stream = ActivityStream(file: place, activitiesBefore: activitiesBefore, body: body)
            xml.read(into: stream)
            if let root = stream.wrongRoot {
                diagnostics.report(
                    .error, "XML-004", "root element is <\(root.name)>; expected <iati-activities>", at: place.at(line: root.line))
                return Reading(activities: 0, complete: false)
            }
            let broken = xml.reportProblems(
                at: place, entities: stream.entities,
                consequence: "the \(activitiesBefore + stream.count) activities read before it were kept", diagnostics: &diagnostics)
            return Reading(activities: stream.count, complete: !broken)
        }
    }
}

/// Takes what the reader parses: checks the root element, hands every element of an activity to the
/// activity parser, and each activity, as it ends, to `body` with its diagnostics.
private final class ActivityStream: SAXConsumer {
    private let activitiesBefore: Int
    private let body: (consuming Intervention, DiagnosticLog) -> Void
    // (Touched on every call from the reader, on its thread only: Swift's run-time exclusivity bookkeeping
    // is switched off for them.)
    @exclusivity(unchecked) private var parser: IATIActivityParser
    @exclusivity(unchecked) private var rootLanguage: String?
    @exclusivity(unchecked) private var log = DiagnosticLog()
    /// Activities handed to `body`, the entity references met inside activities (name and line), and the
    /// root element when it is not `<iati-activities>` (reading stopped there).
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private(set) var entities: [(String, Int)] = []
    @exclusivity(unchecked) private(set) var wrongRoot: (name: String, line: Int)?

    init(file: SourceLocation, activitiesBefore: Int, body: @escaping (consuming Intervention, DiagnosticLog) -> Void) {
        self.activitiesBefore = activitiesBefore
        self.body = body
        parser = IATIActivityParser(file: file, fileVersion: nil)
    }

    override func start(_ mark: Int, in xml: SAXStreamReader) {
        // The filter marks every element it keeps with its tag's raw value.
        let tag = IATIActivityParser.Tag(rawValue: mark)!
        switch tag {
        case .activities:
            guard xml.hasLocalName("iati-activities") else {
                wrongRoot = (xml.localName, xml.line)
                return xml.stop()
            }
            parser.fileVersion = xml.attribute("version")
            rootLanguage = xml.attribute("xml:lang")
        case .activity:
            log = DiagnosticLog()
            parser.begin(xml, inheriting: rootLanguage)
        default:
            parser.start(tag, xml)
        }
    }

    override func end(_ mark: Int) {
        // The root element's end comes with no activity open.
        guard parser.isReading, let activity = parser.end(ordinal: activitiesBefore + count + 1, diagnostics: &log)
        else { return }
        count += 1
        body(activity, log)
    }

    override func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if parser.isReading { parser.text(bytes) }
    }

    override func reference(_ name: String, line: Int) {
        if parser.isReading { entities.append((name, line)) }
    }
}
