#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2
import KDCore

/// Streams an IATI file, or a piece of one (see `IATIPieces`), with libxml2's SAX2 push parser, and hands
/// its nodes out one at a time, as libxml2's reader would: elements, their ends, texts and entity references.
///
/// libxml2's reader (`xmlTextReader`, what `xmllint --stream` runs) is this same parser with a tree built
/// and freed node by node underneath; without the tree, the parser reads the benchmark's IATI file in
/// 0.77 s instead of 1.41 s (`kdpipe-bench iati`), and a large file's reading is most of a run. What the
/// reader guarantees is kept:
/// - the same parser options (`XML_PARSE_NONET`, never `XML_PARSE_NOENT`), so the network is never touched
///   and external entities are never expanded, and an entity bomb stops the parser with an error;
/// - libxml2's own SAX2 handlers for the DTD, so declared entities are known; a reference in text is handed
///   out as a reference (its content, which libxml2 parses once in a context of its own, is not the
///   document's), and attribute values have every reference replaced, as the reader's values have;
/// - adjacent character data is one text (CDATA sections included), and blank text that libxml2 deems
///   ignorable is dropped;
/// - a text longer than 10,000,000 bytes stops the document with an error, as the reader's tree does.
///
/// Every element has an end node, an empty one (`<a/>`) too, and lines are the file's. The parser is fed 64 KiB
/// at a time, and what one block produces is kept (names interned by libxml2, texts and attribute values in
/// one buffer) until the last of it has been read.
///
/// With an `ElementFilter`, the elements it leaves out are dropped as libxml2 starts them: no node is made
/// for them or anything inside them, and their attributes and texts are never copied (libxml2 still parses
/// them, and a text in them over the limit still stops the document).
public final class SAXStreamReader {
    /// One node.
    private struct Node {
        var kind: XMLStreamReader.NodeKind
        var depth: Int
        /// The element's local name, interned by libxml2.
        var name: UnsafePointer<xmlChar>?
        var line: Int
        /// The text's bytes (for an entity reference: its name) in `bytes`.
        var textStart = 0
        var textCount = 0
        /// The element's attributes in `attributeList`.
        var attributeStart = 0
        var attributeCount = 0
        /// The `xml:lang` in scope, interned by libxml2.
        var language: UnsafePointer<xmlChar>?
        /// What the filter marked the element with (0 without a filter).
        var mark = 0
    }

    private struct Attribute {
        /// The name as `forEachAttribute` gives it.
        var name: UnsafeRawPointer
        var start: Int
        var count: Int
    }

    // What the last block produced, and where the reading is in it. (Stored properties of a class are
    // reached on every node: Swift's run-time exclusivity bookkeeping is switched off for them; only the
    // reading thread touches them.)
    @exclusivity(unchecked) private var nodes: [Node] = []
    @exclusivity(unchecked) private var attributeList: [Attribute] = []
    @exclusivity(unchecked) private var bytes = ByteBuffer(capacity: 128 << 10)
    @exclusivity(unchecked) private var current = -1
    /// Where character data not yet made a text node starts in `bytes` (it may continue in the next
    /// callback, and nothing else is added to `bytes` before it is made a node); nil when there is none.
    @exclusivity(unchecked) private var pendingText: Int?
    /// Open elements, and at each depth the `xml:lang` in scope and the filter's mark of the element open
    /// there (nil above the root element).
    @exclusivity(unchecked) private var openElements = 0
    @exclusivity(unchecked) private var scopes: [(language: UnsafePointer<xmlChar>?, mark: Int?)] = [(nil, nil)]
    /// Inside an element the filter left out: how deep (0 outside one), and the bytes of the character data
    /// met since the last element start or end there.
    @exclusivity(unchecked) private var leftOut = 0
    @exclusivity(unchecked) private var leftOutText = 0
    @exclusivity(unchecked) private var parseErrors: [XMLStreamReader.ParseError] = []
    @exclusivity(unchecked) private var finished = false
    /// Whether reading stopped on an error.
    @exclusivity(unchecked) public private(set) var failed = false

    private var parser: xmlParserCtxtPtr?
    private var handler = xmlSAXHandler()
    private let input: PieceInput
    @exclusivity(unchecked) private var filter: ElementFilter?
    private let block = UnsafeMutablePointer<CChar>.allocate(capacity: SAXStreamReader.blockSize)
    /// Lines of the repeated header a piece is read after, and how a piece's lines map to the file's.
    private let hiddenLines: Int
    private let lineShift: Int

    /// The bytes fed to the parser at a time (the benchmark's SAX2 floor feeds the same).
    public static let blockSize = 64 << 10
    /// The longest text kept, as libxml2's reader allows it without `XML_PARSE_HUGE`.
    static let maximumText = 10_000_000
    /// The name `forEachAttribute` gives `xml:lang` under (the only prefixed attribute it gives).
    nonisolated(unsafe) private static let xmlLang = UnsafeRawPointer(strdup("xml:lang")!)

    /// Opens the file at `path`; with `filter`, only the elements it marks are handed out.
    convenience init?(path: String, filter: ElementFilter? = nil) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.init(
            path: path, header: [], range: 0..<Int(status.st_size), trailer: [], hiddenLines: 0, firstLine: 1, filter: filter)
    }

    /// Opens one piece of the file at `path`: the plan's header, the piece's bytes, and the plan's trailer
    /// unless the piece ends the file. Lines are reported as the file's.
    convenience init?(path: String, piece: IATIPieces.Piece, of plan: IATIPieces, filter: ElementFilter? = nil) {
        self.init(
            path: path, header: piece.offset > 0 ? plan.header : [], range: piece.offset..<(piece.offset + piece.length),
            trailer: piece.isLast ? [] : plan.trailer, hiddenLines: piece.offset > 0 ? plan.headerLines : 0,
            firstLine: piece.firstLine, filter: filter)
    }

    private init?(
        path: String, header: [UInt8], range: Range<Int>, trailer: [UInt8], hiddenLines: Int, firstLine: Int,
        filter: ElementFilter?
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

    /// Moves to the next node; false at the end of the document or after a fatal error.
    public func read() -> Bool {
        current += 1
        while current >= nodes.count {
            guard !finished else { return false }
            parseNextBlock()
        }
        return true
    }

    private var node: Node { nodes[current] }

    /// The kind of the current node.
    public var kind: XMLStreamReader.NodeKind { node.kind }

    /// Depth of the current node (the root element is 0).
    public var depth: Int { node.depth }

    /// What the filter marked the current element with (0 without a filter, or for a node that is not an
    /// element).
    var mark: Int { node.mark }

    /// The local name of the current element, or the name of the current entity reference.
    public var localName: String {
        if let name = node.name { return String(cString: name) }
        return text
    }

    /// Whether the current element's local name is `name`, compared as bytes.
    public func hasLocalName(_ name: StaticString) -> Bool {
        node.name.map { matches($0, name) } ?? false
    }

    /// The current text.
    private var text: String {
        let (start, count) = (node.textStart, node.textCount)
        return bytes.withUnsafeBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<(start + count)]), as: UTF8.self) }
    }

    /// Whether the current text is empty or ASCII white space only.
    public var valueIsBlank: Bool {
        let (start, count) = (node.textStart, node.textCount)
        return bytes.withUnsafeBytes { bytes in
            bytes[start..<(start + count)].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        }
    }

    /// Appends the current text to `buffer`, as UTF-8 bytes.
    func appendValue(to buffer: inout ByteBuffer) {
        let (start, count) = (node.textStart, node.textCount)
        bytes.withUnsafeBytes { buffer.append(UnsafeBufferPointer(rebasing: $0[start..<(start + count)])) }
    }

    /// The `xml:lang` in scope on the current element.
    public var language: String? { node.language.map { String(cString: $0) } }

    /// The file line of the current node (for an element, where its start tag ends).
    public var line: Int { fileLine(node.line) ?? node.line }

    /// Calls `body` with each attribute's name (interned by libxml2; `xml:lang` under a name of its own; other
    /// prefixed attributes are left out) and its value's bytes, every reference replaced (valid during the
    /// call only).
    func forEachAttribute(_ body: (UnsafeRawPointer, UnsafeBufferPointer<UInt8>) -> Void) {
        let node = node
        guard node.kind == .element, node.attributeCount > 0 else { return }
        bytes.withUnsafeBytes { bytes in
            for attribute in attributeList[node.attributeStart..<(node.attributeStart + node.attributeCount)] {
                body(attribute.name, UnsafeBufferPointer(rebasing: bytes[attribute.start..<(attribute.start + attribute.count)]))
            }
        }
    }

    /// The value of an attribute of the current element, or nil.
    public func attribute(_ name: String) -> String? {
        var value: String?
        forEachAttribute { key, bytes in
            if value == nil, String(cString: key.assumingMemoryBound(to: CChar.self)) == name {
                value = String(decoding: bytes, as: UTF8.self)
            }
        }
        return value
    }

    /// Values looked up by the pointer libxml2 interns a name under. libxml2 keeps every element and attribute
    /// name of a document in one dictionary, so a name is compared as bytes once and then by pointer.
    struct NameTable<Value> {
        private let byName: [String: Value]
        private var keys = [UnsafeRawPointer?](repeating: nil, count: 256)
        private var values = [Value?](repeating: nil, count: 256)
        private var filled = 0

        init(_ names: [(String, Value)]) {
            byName = Dictionary(names, uniquingKeysWith: { first, _ in first })
        }

        subscript(name: UnsafeRawPointer?) -> Value? {
            mutating get {
                guard let name else { return nil }
                var slot = (Int(bitPattern: name) >> 3) & (keys.count - 1)
                while let key = keys[slot] {
                    if key == name { return values[slot] }
                    slot = (slot + 1) & (keys.count - 1)
                }
                let value = byName[String(cString: name.assumingMemoryBound(to: UInt8.self))]
                // Remembered while the table is at most half full; past that, names are compared as bytes.
                if filled < keys.count / 2 {
                    keys[slot] = name
                    values[slot] = value
                    filled += 1
                }
                return value
            }
        }
    }

    // MARK: - Problems

    /// Errors and warnings reported by libxml2 so far, on the file's lines.
    public var errors: [XMLStreamReader.ParseError] { parseErrors }

    /// The parser's current line and column, for errors reported without a position.
    public var parserPosition: (line: Int, column: Int) {
        guard let input = parser?.pointee.input else { return (0, 0) }
        let line = Int(input.pointee.line)
        return (fileLine(line) ?? line, Int(input.pointee.col))
    }

    private func record(_ error: xmlError) {
        var parseError = XMLStreamReader.ParseError(error)
        guard let line = fileLine(parseError.line) else { return }
        parseError.line = line
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
        nodes.removeAll(keepingCapacity: true)
        attributeList.removeAll(keepingCapacity: true)
        if let start = pendingText {
            // Character data that goes on in this block is kept, moved to the start.
            let kept = bytes.withUnsafeBytes { Array($0[start...]) }
            bytes.removeAll()
            kept.withUnsafeBufferPointer { bytes.append($0) }
            pendingText = 0
        } else {
            bytes.removeAll()
        }
        current = 0
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
        }
        if status != 0 || failed { (failed, finished) = (true, true) }
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

    private var parserLine: Int { parser.map { Int($0.pointee.input.pointee.line) } ?? 0 }

    private func start(_ name: UnsafePointer<xmlChar>?, _ count: Int, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if leftOut > 0 {
            leftOut += 1
            leftOutText = 0
            return
        }
        flushText()
        var (language, mark) = scopes[openElements]
        if filter != nil {
            guard let name, let marked = filter!.mark(UnsafeRawPointer(name), under: mark) else {
                (leftOut, leftOutText) = (1, 0)
                return
            }
            mark = marked
        }
        let attributeStart = attributeList.count
        for index in 0..<(attributes == nil ? 0 : count) {
            // Five pointers an attribute: local name, prefix, namespace, value, end of value.
            guard let localName = attributes![5 * index], let value = attributes![5 * index + 3],
                  let end = attributes![5 * index + 4] else { continue }
            let key: UnsafeRawPointer
            if let prefix = attributes![5 * index + 1] {
                guard matches(prefix, "xml"), matches(localName, "lang") else { continue }
                key = Self.xmlLang
            } else {
                key = UnsafeRawPointer(localName)
            }
            let start = bytes.count
            // A value with a reference comes with it unreplaced; libxml2 replaces it as its reader does.
            if memchr(value, 0x26, end - value) != nil, let parser,
               let replaced = xmlStringLenDecodeEntities(parser, value, Int32(end - value), Int32(XML_SUBSTITUTE_REF), 0, 0, 0) {
                bytes.append(UnsafeBufferPointer(start: replaced, count: strlen(replaced)))
                kd_xmlFree(replaced)
            } else {
                bytes.append(UnsafeBufferPointer(start: value, count: end - value))
            }
            attributeList.append(Attribute(name: key, start: start, count: bytes.count - start))
            if key == Self.xmlLang, let dictionary = parser?.pointee.dict {
                language = bytes.withUnsafeBytes { xmlDictLookup(dictionary, $0.baseAddress! + start, Int32($0.count - start)) }
            }
        }
        nodes.append(Node(
            kind: .element, depth: openElements, name: name, line: parserLine, attributeStart: attributeStart,
            attributeCount: attributeList.count - attributeStart, language: language, mark: mark ?? 0))
        openElements += 1
        if scopes.count <= openElements { scopes.append((language, mark)) } else { scopes[openElements] = (language, mark) }
    }

    private func end() {
        if leftOut > 0 {
            leftOut -= 1
            leftOutText = 0
            return
        }
        flushText()
        openElements -= 1
        nodes.append(Node(kind: .endElement, depth: openElements, line: parserLine))
    }

    private func characters(_ text: UnsafePointer<xmlChar>?, _ count: Int) {
        guard let text else { return }
        if leftOut > 0 {
            leftOutText += count
            if leftOutText > Self.maximumText { stopOnHugeText() }
            return
        }
        let start = pendingText ?? bytes.count
        guard bytes.count - start + count <= Self.maximumText else {
            // The text is dropped (nodes read from `bytes` before it stay as they are).
            pendingText = nil
            return stopOnHugeText()
        }
        bytes.append(UnsafeBufferPointer(start: text, count: count))
        pendingText = start
    }

    /// Stops the parser on a text over the limit, with an error.
    private func stopOnHugeText() {
        let (line, column) = parserPosition
        parseErrors.append(XMLStreamReader.ParseError(
            line: line, column: column, message: "a text of more than 10,000,000 bytes (huge text node)", isFatal: true,
            isValidity: false))
        failed = true
        if let parser { xmlStopParser(parser) }
    }

    private func reference(_ name: UnsafePointer<xmlChar>?) {
        if leftOut > 0 {
            leftOutText = 0
            return
        }
        flushText()
        let start = bytes.count
        if let name { bytes.append(UnsafeBufferPointer(start: name, count: strlen(name))) }
        nodes.append(Node(kind: .entityReference, depth: openElements, line: parserLine, textStart: start, textCount: bytes.count - start))
    }

    /// Makes the character data gathered so far one text node.
    private func flushText() {
        guard let start = pendingText else { return }
        pendingText = nil
        nodes.append(Node(kind: .text, depth: openElements, line: parserLine, textStart: start, textCount: bytes.count - start))
    }
}

/// Which elements a `SAXStreamReader` hands out, decided as libxml2 starts each one: the root element,
/// whatever its name, marked `root`; below it, an element whose name has a mark that its parent's mark keeps.
struct ElementFilter {
    /// The marks of the names kept somewhere (0 to 63).
    var names: SAXStreamReader.NameTable<Int>
    /// For each mark, the marks kept inside its element, a bit each.
    let children: [UInt64]
    let root: Int

    /// The mark of the element named `name` (interned by libxml2) inside an element marked `parent` (nil:
    /// the root element); nil to leave the element out, with everything inside it.
    mutating func mark(_ name: UnsafeRawPointer, under parent: Int?) -> Int? {
        guard let parent else { return root }
        guard let mark = names[name], children[parent] & (1 << UInt64(mark)) != 0 else { return nil }
        return mark
    }
}

/// A piece of a file between a header and a trailer (a whole file: no header or trailer), read with `pread`
/// straight into the block the parser is fed.
private final class PieceInput {
    private let descriptor: Int32
    private var header: ArraySlice<UInt8>
    private var range: Range<Int>
    private var trailer: ArraySlice<UInt8>

    init(descriptor: Int32, header: [UInt8], range: Range<Int>, trailer: [UInt8]) {
        self.descriptor = descriptor
        self.header = header[...]
        self.range = range
        self.trailer = trailer[...]
    }

    deinit { close(descriptor) }

    /// Fills `buffer` with up to `capacity` bytes; 0 at the end, -1 when the file cannot be read (or shrank).
    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int32 {
        if !header.isEmpty { return copy(&header, into: buffer, capacity: capacity) }
        while !range.isEmpty {
            let count = pread(descriptor, buffer, min(capacity, range.count), off_t(range.lowerBound))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return -1 }
            range = (range.lowerBound + count)..<range.upperBound
            return Int32(count)
        }
        return copy(&trailer, into: buffer, capacity: capacity)
    }

    private func copy(_ bytes: inout ArraySlice<UInt8>, into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int32 {
        let count = min(capacity, bytes.count)
        guard count > 0 else { return 0 }
        bytes.prefix(count).withUnsafeBytes { UnsafeMutableRawPointer(buffer).copyMemory(from: $0.baseAddress!, byteCount: count) }
        bytes = bytes.dropFirst(count)
        return Int32(count)
    }
}
