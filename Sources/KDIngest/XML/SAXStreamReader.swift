#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2
import KDCore

/// Parses an IATI file, or a piece of one (see `IATIPieces`), with libxml2's SAX2 push parser, and hands what
/// it meets to a consumer (`SAXConsumer`) as libxml2 meets it: element starts and ends, runs of character
/// data, entity references. Nothing is built; only a text is gathered over several callbacks until it is
/// whole.
///
/// libxml2's reader (`xmlTextReader`, what `xmllint --stream` runs) is this same parser with a tree built
/// and freed node by node underneath; without the tree, the parser reads the benchmark's IATI file in
/// 0.77 s instead of 1.41 s (`kdpipe-bench iati`), and a large file's reading is most of a run. What the
/// reader guarantees is kept:
/// - the same parser options (`XML_PARSE_NONET`, never `XML_PARSE_NOENT`), so the network is never touched
///   and external entities are never expanded, and an entity bomb stops the parser with an error;
/// - libxml2's own SAX2 handlers for the DTD, so declared entities are known; a reference in text is handed
///   over as a reference (its content, which libxml2 parses once in a context of its own, is not the
///   document's), and attribute values have every reference replaced, as the reader's values have;
/// - adjacent character data is one text (CDATA sections included), and blank text that libxml2 deems
///   ignorable is dropped;
/// - a text longer than 10,000,000 bytes, or elements nested more than 256 deep, stop the document with an
///   error, as the reader's tree does (without a tree, libxml2 itself would let the nesting grow, and its
///   stacks with it: 424 MB for a 70 MB file of nested elements).
///
/// One limit is its own: a tag, comment or processing instruction of more than 1,000,000 bytes stops the
/// document with an error, before libxml2 parses it (libxml2 2.9 checks an element's attributes for repeats
/// pairwise: a start tag of 200,000 attributes takes it 11 s, and `xmllint` 105 s).
///
/// An `ElementFilter` decides, as libxml2 starts each element, whether it is handed over: an element left
/// out is not, nor anything inside it, and its attributes and texts are never copied (libxml2 still parses
/// them, and a text in them over the limit still stops the document). Lines are the file's. The parser is
/// fed 64 KiB at a time.
public final class SAXStreamReader {
    // What the callbacks touch. (Stored properties of a class are reached on every callback: Swift's
    // run-time exclusivity bookkeeping is switched off for them; only the reading thread touches them.)
    /// The consumer, while `read(into:)` holds it; unretained, so that no reference is counted on every
    /// callback.
    @exclusivity(unchecked) private var consumer: Unmanaged<SAXConsumer>?
    @exclusivity(unchecked) private var filter: ElementFilter
    /// The filter's mark of the element open at each depth (nil above the root element), and how many are
    /// open.
    @exclusivity(unchecked) private var marks: [Int?] = [nil]
    @exclusivity(unchecked) private var openElements = 0
    /// Inside an element the filter left out: how deep (0 outside one), and the bytes of the character data
    /// met since the last element start or end there.
    @exclusivity(unchecked) private var leftOut = 0
    @exclusivity(unchecked) private var leftOutText = 0
    /// The character data met since the last element start or end or reference, handed over as one text at
    /// the next.
    @exclusivity(unchecked) private var text = ByteBuffer(capacity: 64 << 10)
    /// The element being started, while the consumer is told of it.
    @exclusivity(unchecked) private var name: UnsafePointer<xmlChar>?
    @exclusivity(unchecked) private var attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    @exclusivity(unchecked) private var attributeCount = 0
    @exclusivity(unchecked) private var parseErrors: [XMLStreamReader.ParseError] = []
    @exclusivity(unchecked) private var finished = false
    /// Whether the consumer stopped the reading (`stop()`).
    @exclusivity(unchecked) private var stopped = false
    /// Whether reading stopped on an error.
    @exclusivity(unchecked) public private(set) var failed = false

    private var parser: xmlParserCtxtPtr?
    private var handler = xmlSAXHandler()
    private let input: PieceInput
    private let block = UnsafeMutablePointer<CChar>.allocate(capacity: SAXStreamReader.blockSize)
    /// Lines of the repeated header a piece is read after, and how a piece's lines map to the file's.
    private let hiddenLines: Int
    private let lineShift: Int

    /// The bytes fed to the parser at a time (the benchmark's SAX2 floor feeds the same).
    public static let blockSize = 64 << 10
    /// The longest text kept, as libxml2's reader allows it without `XML_PARSE_HUGE`.
    static let maximumText = 10_000_000
    /// The deepest nesting read, as libxml2 allows it without `XML_PARSE_HUGE` when it builds a tree.
    static let maximumDepth = 256
    /// The longest tag, comment or processing instruction read (IATI start tags take a few hundred bytes),
    /// and what both readers report when one is longer.
    static let maximumMarkup = 1_000_000
    static let endlessMarkup = "a tag, comment or processing instruction of more than \(Format.thousands(maximumMarkup)) bytes"
    /// The most elements read of one record, an IATI activity or a native report (a large real one has a
    /// few thousand): a record is built whole before the next, so one without end would hold the file in
    /// memory.
    static let maximumRecordElements = 100_000
    /// The name `forEachAttribute` gives `xml:lang` under (the only prefixed attribute it gives).
    nonisolated(unsafe) private static let xmlLang = UnsafeRawPointer(strdup("xml:lang")!)

    /// Opens the file at `path`; only the elements `filter` keeps are handed over.
    convenience init?(path: String, filter: ElementFilter) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(
            path: path, header: [], range: 0..<Int(status.st_size), trailer: [], hiddenLines: 0, firstLine: 1, filter: filter)
    }

    /// Opens one piece of the file at `path`: the plan's header, the piece's bytes, and the plan's trailer
    /// unless the piece ends the file. Lines are reported as the file's.
    convenience init?(path: String, piece: IATIPieces.Piece, of plan: IATIPieces, filter: ElementFilter) {
        self.init(
            path: path, header: piece.offset > 0 ? plan.header : [], range: piece.offset..<(piece.offset + piece.length),
            trailer: piece.isLast ? [] : plan.trailer, hiddenLines: piece.offset > 0 ? plan.headerLines : 0,
            firstLine: piece.firstLine, filter: filter)
    }

    private init?(
        path: String, header: [UInt8], range: Range<Int>, trailer: [UInt8], hiddenLines: Int, firstLine: Int,
        filter: ElementFilter
    ) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        input = PieceInput(descriptor: descriptor, header: header, range: range, trailer: trailer)
        self.filter = filter
        self.hiddenLines = hiddenLines
        lineShift = firstLine - 1 - hiddenLines
        // libxml2's SAX2 handlers for the document and its DTD; elements, texts and references come here
        // instead of into a tree.
        xmlSAXVersion(&handler, 2)
        handler.startElementNs = { context, name, _, _, _, _, count, _, attributes in
            SAXStreamReader.owner(context)?._withUnsafeGuaranteedRef { $0.start(name, Int(count), attributes) }
        }
        handler.endElementNs = { context, _, _, _ in
            SAXStreamReader.owner(context)?._withUnsafeGuaranteedRef { $0.end() }
        }
        handler.characters = { context, bytes, count in
            SAXStreamReader.owner(context)?._withUnsafeGuaranteedRef { $0.characters(bytes, Int(count)) }
        }
        handler.cdataBlock = handler.characters
        handler.ignorableWhitespace = { _, _, _ in }
        handler.comment = { _, _ in }
        handler.processingInstruction = { _, _, _ in }
        handler.reference = { context, name in
            SAXStreamReader.owner(context)?._withUnsafeGuaranteedRef { $0.reference(name) }
        }
        handler.serror = { context, error in
            guard let error, let owner = context?.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return }
            Unmanaged<SAXStreamReader>.fromOpaque(owner).takeUnretainedValue().record(error.pointee)
        }
    }

    deinit {
        if let parser {
            if let document = parser.pointee.myDoc { xmlFreeDoc(document) }
            xmlFreeParserCtxt(parser)
        }
        block.deallocate()
    }

    // MARK: - Reading

    /// Parses the input to its end, to a fatal error or to `stop()`, handing what it meets to `consumer`.
    func read(into consumer: SAXConsumer) {
        withExtendedLifetime(consumer) {
            self.consumer = Unmanaged.passUnretained(consumer)
            defer { self.consumer = nil }
            while !finished { parseNextBlock() }
        }
    }

    /// Stops reading (called by the consumer): libxml2 calls back no more, and the stop is not an error.
    func stop() {
        stopped = true
        if let parser { xmlStopParser(parser) }
    }

    /// The local name of the element being started.
    public var localName: String { name.map { String(cString: $0) } ?? "" }

    /// Whether the local name of the element being started is `name`, compared as bytes.
    public func hasLocalName(_ name: StaticString) -> Bool {
        self.name.map { matches($0, name) } ?? false
    }

    /// The file line the parser is on (for an element being started, where its start tag ends); 0 before
    /// the parser is made.
    public var line: Int {
        let line = parserInput.map { Int($0.pointee.line) } ?? 0
        return fileLine(line) ?? line
    }

    /// The column (1-based, in characters) the parser is on: for an element being started, that of the `>`
    /// (or `/>`) ending its start tag; nil when libxml2 does not say. Pieces start at line starts, so a
    /// piece's columns are the file's.
    public var column: Int? {
        guard let column = parserInput.map({ Int($0.pointee.col) }), column > 0 else { return nil }
        return column
    }

    /// Calls `body` with each attribute of the element being started: its name (interned by libxml2;
    /// `xml:lang` under a name of its own; other prefixed attributes are left out) and its value's bytes, every
    /// reference replaced (valid during the call only).
    func forEachAttribute(_ body: (UnsafeRawPointer, UnsafeBufferPointer<UInt8>) -> Void) {
        guard let attributes else { return }
        for index in 0..<attributeCount {
            // Five pointers an attribute: local name, prefix, namespace, value, end of value.
            guard let localName = attributes[5 * index], let value = attributes[5 * index + 3],
                  let end = attributes[5 * index + 4] else { continue }
            let key: UnsafeRawPointer
            if let prefix = attributes[5 * index + 1] {
                guard matches(prefix, "xml"), matches(localName, "lang") else { continue }
                key = Self.xmlLang
            } else {
                key = UnsafeRawPointer(localName)
            }
            // A value with a reference comes with it unreplaced; libxml2 replaces it as its reader does.
            if memchr(value, 0x26, end - value) != nil, let parser,
               let replaced = xmlStringLenDecodeEntities(parser, value, Int32(end - value), Int32(XML_SUBSTITUTE_REF), 0, 0, 0) {
                body(key, UnsafeBufferPointer(start: replaced, count: strlen(replaced)))
                kd_xmlFree(replaced)
            } else {
                body(key, UnsafeBufferPointer(start: value, count: end - value))
            }
        }
    }

    /// The value of an attribute of the element being started, or nil.
    public func attribute(_ name: String) -> String? {
        var value: String?
        forEachAttribute { key, bytes in
            if value == nil, String(cString: key.assumingMemoryBound(to: CChar.self)) == name {
                value = String(decoding: bytes, as: UTF8.self)
            }
        }
        return value
    }

    // MARK: - Problems

    /// Errors and warnings reported by libxml2 so far, on the file's lines.
    public var errors: [XMLStreamReader.ParseError] { parseErrors }

    /// The parser's current line and column, for errors reported without a position.
    public var parserPosition: (line: Int, column: Int) { (line, column ?? 0) }

    private func record(_ error: xmlError) {
        var parseError = XMLStreamReader.ParseError(error)
        guard let line = fileLine(parseError.line) else { return }
        parseError.line = line
        // Some messages name a second line, where a tag was opened ("… tag mismatch: narrative line 253 and
        // …"); libxml2 gives it in `int1`. In a piece it is a line of the piece, so it is named as the file's.
        let named = Int(error.int1)
        if lineShift != 0, named > hiddenLines, let range = parseError.message.range(of: " line \(named)"),
           parseError.message[range.upperBound...].first?.isNumber != true {
            parseError.message.replaceSubrange(range, with: " line \(named + lineShift)")
        }
        parseErrors.append(parseError)
    }

    /// The file's line for a line of what libxml2 reads; nil for a line of a piece's repeated header.
    private func fileLine(_ line: Int) -> Int? {
        guard line > 0 else { return line }
        return line <= hiddenLines ? nil : line + lineShift
    }

    // MARK: - Parsing

    /// Parses the next block (on the first, after making the parser); at the end of the input, ends the
    /// document.
    private func parseNextBlock() {
        let count = Int(input.read(into: block, capacity: Self.blockSize))
        if count < 0 { failed = true }
        var offset = 0
        if parser == nil {
            // The first four bytes tell libxml2 the encoding; they are given when the parser is made.
            offset = min(max(count, 0), 4)
            startParser(first: offset)
        }
        guard let parser else {
            (failed, finished) = (true, true)
            return
        }
        var status: Int32 = 0
        if count <= 0 {
            status = xmlParseChunk(parser, nil, 0, 1)
            finished = true
            flushText()
        } else if count > offset {
            status = xmlParseChunk(parser, block + offset, Int32(count - offset), 0)
            // libxml2 holds back a tag, comment or processing instruction until it has all of it: one that
            // grows past the limit is refused before libxml2 parses it, for its check of repeated attributes
            // takes time that grows with the square of their number (100,000 attributes: 2.3 s; 200,000: 11 s).
            if let input = parser.pointee.input, let cur = input.pointee.cur, let end = input.pointee.end,
               end - cur > Self.maximumMarkup {
                stop(Self.endlessMarkup)
            }
        }
        if stopped {
            finished = true
        } else if status != 0 || failed {
            (failed, finished) = (true, true)
        }
    }

    private func startParser(first count: Int) {
        // Callbacks find this reader through the parser context, so that those for the context libxml2
        // makes to parse an entity's content are told apart (`owner`).
        guard let parser = xmlCreatePushParserCtxt(&handler, nil, block, Int32(count), nil) else { return }
        parser.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        xmlCtxtUseOptions(parser, XMLStreamReader.options)
        self.parser = parser
    }

    /// The reader whose document `context` (a parser context) is parsing; nil for the context libxml2 makes
    /// to parse an entity's content the first time it is referenced. Unmanaged: the reader outlives its
    /// parser, and a callback needs no reference of its own (two atomic operations per node, measured).
    private static func owner(_ context: UnsafeMutableRawPointer?) -> Unmanaged<SAXStreamReader>? {
        guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self), let owner = parser.pointee._private else { return nil }
        let reader = Unmanaged<SAXStreamReader>.fromOpaque(owner)
        return reader._withUnsafeGuaranteedRef { $0.parser == parser } ? reader : nil
    }

    /// What libxml2 is reading, where its line and column are kept (nil before the parser is made).
    private var parserInput: xmlParserInputPtr? { parser?.pointee.input }

    private func start(_ name: UnsafePointer<xmlChar>?, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard openElements + leftOut < Self.maximumDepth else {
            return stop("elements nested more than \(Self.maximumDepth) deep (excessive depth)")
        }
        guard leftOut == 0 else {
            leftOut += 1
            leftOutText = 0
            return
        }
        flushText()
        guard let name, let mark = filter.mark(UnsafeRawPointer(name), under: marks[openElements]) else {
            (leftOut, leftOutText) = (1, 0)
            return
        }
        openElements += 1
        if marks.count <= openElements { marks.append(mark) } else { marks[openElements] = mark }
        (self.name, self.attributes, attributeCount) = (name, attributes, attributes == nil ? 0 : count)
        consumer?._withUnsafeGuaranteedRef { $0.start(mark, in: self) }
        (self.name, self.attributes, attributeCount) = (nil, nil, 0)
    }

    private func end() {
        guard leftOut == 0 else {
            leftOut -= 1
            leftOutText = 0
            return
        }
        flushText()
        guard openElements > 0, let mark = marks[openElements] else { return }
        openElements -= 1
        consumer?._withUnsafeGuaranteedRef { $0.end(mark) }
    }

    private func characters(_ bytes: UnsafePointer<xmlChar>?, _ count: Int) {
        guard let bytes else { return }
        if leftOut > 0 {
            leftOutText += count
            if leftOutText > Self.maximumText { stop(Self.hugeText) }
            return
        }
        guard text.count + count <= Self.maximumText else {
            // The text is dropped (what was handed over before it stays as it is).
            text.removeAll()
            return stop(Self.hugeText)
        }
        text.append(UnsafeBufferPointer(start: bytes, count: count))
    }

    private static let hugeText = "a text of more than \(Format.thousands(maximumText)) bytes (huge text node)"

    /// Stops the parser on a document past a limit, with an error.
    private func stop(_ message: String) {
        let (line, column) = parserPosition
        parseErrors.append(XMLStreamReader.ParseError(line: line, column: column, message: message, isFatal: true, isValidity: false))
        failed = true
        if let parser { xmlStopParser(parser) }
    }

    private func reference(_ name: UnsafePointer<xmlChar>?) {
        guard leftOut == 0 else {
            leftOutText = 0
            return
        }
        flushText()
        guard let name else { return }
        consumer?._withUnsafeGuaranteedRef { $0.reference(String(cString: name), line: line) }
    }

    /// Hands over the character data met so far as one text.
    private func flushText() {
        guard !text.isEmpty else { return }
        text.withUnsafeBytesInPlace { bytes in consumer?._withUnsafeGuaranteedRef { $0.text(bytes) } }
        text.removeAll()
    }
}
