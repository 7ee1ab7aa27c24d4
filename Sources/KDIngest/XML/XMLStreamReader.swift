#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2
import KDCore

/// A small, safe wrapper over libxml2's streaming `xmlTextReader`.
///
/// The reader never loads the whole document, never touches the network and never expands external
/// entities; parser errors are captured with their line and column instead of being printed.
public final class XMLStreamReader {
    /// A parser error or warning with its position.
    public struct ParseError: Sendable, Hashable {
        /// 1-based line.
        public var line: Int
        /// 1-based column, when libxml2 knows it.
        public var column: Int?
        /// libxml2's message, trimmed.
        public var message: String
        /// Whether the parser gave up at this point (or, for validity errors, the document is invalid).
        public var isFatal: Bool
        /// Whether this is a schema-validity error rather than a well-formedness one.
        public var isValidity: Bool
    }

    /// The kinds of node the reader stops on.
    public enum NodeKind: Sendable {
        case element, endElement, text, entityReference, other
    }

    private let reader: xmlTextReaderPtr
    private let errorBox: ErrorBox
    private var validationContext: xmlSchemaValidCtxtPtr?

    /// For a piece of a file: what feeds it to libxml2, and how its lines map to the file's.
    private let piece: PieceInput?
    private let hiddenLines: Int
    private let lineShift: Int

    /// Errors and warnings reported by libxml2 so far (for a piece: on the file's lines, without those of
    /// the repeated header).
    public var errors: [ParseError] {
        errorBox.errors.compactMap { error in
            var error = error
            guard let line = fileLine(error.line) else { return nil }
            error.line = line
            return error
        }
    }

    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOBLANKS.rawValue)

    /// Opens `path` for streaming.
    public init?(path: String) {
        guard let reader = xmlReaderForFile(path, nil, Self.options) else { return nil }
        self.reader = reader
        self.errorBox = ErrorBox()
        piece = nil
        hiddenLines = 0
        lineShift = 0
        installErrorHandler()
    }

    /// Opens one piece of the file at `path` (see `IATIPieces`): the plan's header, the piece's bytes, and the
    /// plan's trailer unless the piece ends the file. Lines are reported as the file's.
    public init?(path: String, piece: IATIPieces.Piece, of plan: IATIPieces) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        let input = PieceInput(
            descriptor: descriptor, header: piece.offset > 0 ? plan.header : [], range: piece.offset..<(piece.offset + piece.length),
            trailer: piece.isLast ? [] : plan.trailer)
        let context = Unmanaged.passUnretained(input).toOpaque()
        let read: xmlInputReadCallback = { context, buffer, capacity in
            guard let context, let buffer else { return -1 }
            return Unmanaged<PieceInput>.fromOpaque(context).takeUnretainedValue().read(into: buffer, capacity: Int(capacity))
        }
        guard let reader = xmlReaderForIO(read, nil, context, path, nil, Self.options) else { return nil }
        self.reader = reader
        self.errorBox = ErrorBox()
        self.piece = input
        hiddenLines = piece.offset > 0 ? plan.headerLines : 0
        lineShift = piece.firstLine - 1 - hiddenLines
        installErrorHandler()
    }

    /// The file's line for a line of what libxml2 reads; nil for a line of a piece's repeated header.
    private func fileLine(_ line: Int) -> Int? {
        guard line > 0 else { return line }
        return line <= hiddenLines ? nil : line + lineShift
    }

    private func installErrorHandler() {
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            Unmanaged<ErrorBox>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }, Unmanaged.passUnretained(errorBox).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
        if let validationContext { xmlSchemaFreeValidCtxt(validationContext) }
    }

    /// Validates the document against `schema` while it streams; violations arrive in `errors`
    /// with `isValidity` set. The validation context lives as long as the reader.
    func validate(against schema: xmlSchemaPtr) {
        guard let validation = xmlSchemaNewValidCtxt(schema) else { return }
        xmlTextReaderSchemaValidateCtxt(reader, validation, 0)
        validationContext = validation
    }

    /// Moves to the next node; false at the end of the document or after a fatal error.
    public func read() -> Bool {
        let status = xmlTextReaderRead(reader)
        if status < 0 { failed = true }
        return status == 1
    }

    /// Whether reading stopped on an error (libxml2 does not always report parse errors to the handler
    /// while a schema is plugged in, so this is the reliable signal).
    public private(set) var failed = false

    /// The parser's current line and column, for errors reported without a position.
    public var parserPosition: (line: Int, column: Int) {
        let line = Int(xmlTextReaderGetParserLineNumber(reader))
        return (fileLine(line) ?? line, Int(xmlTextReaderGetParserColumnNumber(reader)))
    }

    /// The kind of the current node.
    public var kind: NodeKind {
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_ELEMENT.rawValue): .element
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue): .endElement
        case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
             Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue): .text
        case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue): .entityReference
        default: .other
        }
    }

    /// Depth of the current node (the root element is 0).
    public var depth: Int { Int(xmlTextReaderDepth(reader)) }

    /// Whether the current element is written `<x/>`.
    public var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// The local name of the current node. Names are interned by libxml2, so each distinct name becomes
    /// a Swift String once per reader.
    public var localName: String { interned(xmlTextReaderConstLocalName(reader)) ?? "" }

    /// A String for a string libxml2 keeps in its dictionary (names, `xml:lang` values), made once.
    private func interned(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        guard let pointer else { return nil }
        let key = UnsafeRawPointer(pointer)
        if let known = names[key] { return known }
        let name = String(cString: pointer)
        names[key] = name
        return name
    }

    private var names: [UnsafeRawPointer: String] = [:]

    /// Moves past the current element and everything inside it, to its next sibling (or its parent's end);
    /// false at the end of the document or after a fatal error.
    public func skipSubtree() -> Bool {
        let status = xmlTextReaderNext(reader)
        if status < 0 { failed = true }
        return status == 1
    }

    /// Whether the current node's local name is `name`, compared as bytes without making a String.
    public func hasLocalName(_ name: StaticString) -> Bool {
        guard let current = xmlTextReaderConstLocalName(reader) else { return false }
        return Self.equals(current, name)
    }

    /// The value of a text or entity node.
    public var value: String { string(xmlTextReaderConstValue(reader)) ?? "" }

    /// Whether the current node's value is empty or ASCII white space only, checked on libxml2's bytes.
    public var valueIsBlank: Bool {
        guard var byte = xmlTextReaderConstValue(reader) else { return true }
        while byte.pointee != 0 {
            let c = byte.pointee
            guard c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D else { return false }
            byte += 1
        }
        return true
    }

    /// The `xml:lang` in scope on the current node (interned by libxml2, so made a String once per value).
    public var language: String? { interned(xmlTextReaderConstXmlLang(reader)) }

    /// The line of the current node (1-based), or the parser's line when the node has none.
    public var line: Int {
        var line = 0
        if let node = xmlTextReaderCurrentNode(reader) { line = Int(xmlGetLineNo(node)) }
        if line <= 0 { line = Int(xmlTextReaderGetParserLineNumber(reader)) }
        return fileLine(line) ?? line
    }

    /// The value of an attribute of the current element, or nil.
    public func attribute(_ name: String) -> String? {
        guard let value = xmlTextReaderGetAttribute(reader, name) else { return nil }
        defer { kd_xmlFree(value) }
        return String(cString: value)
    }

    /// All attributes of the current element, in document order, as (qualified name, value).
    public func attributes() -> [(name: String, value: String)] {
        var result: [(String, String)] = []
        guard xmlTextReaderHasAttributes(reader) == 1 else { return result }
        while xmlTextReaderMoveToNextAttribute(reader) == 1 {
            result.append((interned(xmlTextReaderConstName(reader)) ?? "", string(xmlTextReaderConstValue(reader)) ?? ""))
        }
        xmlTextReaderMoveToElement(reader)
        return result
    }

    /// The current node's local name as libxml2 interned it: equal names give equal pointers within a document.
    var localNamePointer: UnsafeRawPointer? { xmlTextReaderConstLocalName(reader).map(UnsafeRawPointer.init) }

    /// Calls `body` with each attribute's interned name and its value's bytes (valid during the call only).
    /// Attributes without a prefix are named as written; of those with one, only `xml:lang` is given (under
    /// the interned `xml:lang`). Namespace declarations are not attributes here.
    ///
    /// The attributes are read from the element node the reader holds, as `xmlTextReaderConstValue` reads
    /// them (a single text child is the value; anything else is joined by libxml2), without moving the
    /// reader from one attribute to the next: a fifth of the cost of reading an IATI activity was there.
    func forEachAttribute(_ body: (UnsafeRawPointer, UnsafeBufferPointer<UInt8>) -> Void) {
        guard let node = xmlTextReaderCurrentNode(reader), node.pointee.type == XML_ELEMENT_NODE else { return }
        var next = node.pointee.properties
        while let attribute = next {
            next = attribute.pointee.next
            guard let localName = attribute.pointee.name else { continue }
            let name: UnsafeRawPointer
            if let namespace = attribute.pointee.ns {
                guard Self.isXML(namespace.pointee.prefix), Self.equals(localName, "lang"), let xmlLang = xmlLangName else { continue }
                name = xmlLang
            } else {
                name = UnsafeRawPointer(localName)
            }
            if let text = attribute.pointee.children, text.pointee.type == XML_TEXT_NODE, text.pointee.next == nil {
                guard let content = text.pointee.content else { continue }
                body(name, UnsafeBufferPointer(start: content, count: strlen(content)))
            } else {
                guard let value = xmlNodeGetContent(UnsafeMutableRawPointer(attribute).assumingMemoryBound(to: xmlNode.self)) else { continue }
                defer { kd_xmlFree(value) }
                body(name, UnsafeBufferPointer(start: value, count: strlen(value)))
            }
        }
    }

    /// `xml:lang` as the reader interns it.
    private lazy var xmlLangName: UnsafeRawPointer? = xmlTextReaderConstString(reader, "xml:lang").map(UnsafeRawPointer.init)

    private static func isXML(_ prefix: UnsafePointer<xmlChar>?) -> Bool {
        prefix.map { equals($0, "xml") } ?? false
    }

    /// Whether the NUL-terminated `bytes` are `text` (ASCII).
    private static func equals(_ bytes: UnsafePointer<xmlChar>, _ text: StaticString) -> Bool {
        text.withUTF8Buffer { expected in
            for index in 0..<expected.count where bytes[index] != expected[index] { return false }
            return bytes[expected.count] == 0
        }
    }

    /// Appends the value of the current text node to `buffer`, as UTF-8 bytes.
    func appendValue(to buffer: inout ByteBuffer) {
        guard let value = xmlTextReaderConstValue(reader) else { return }
        buffer.append(UnsafeBufferPointer(start: value, count: Int(xmlStrlen(value))))
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

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

/// Feeds libxml2 a piece of a file between a header and a trailer. libxml2 asks for 4,000 bytes at a time;
/// the piece is read with `pread` a block of 256 KiB at a time and handed out from memory (one system call
/// where there were 64).
private final class PieceInput {
    private let descriptor: Int32
    private var header: ArraySlice<UInt8>
    private var range: Range<Int>
    private var trailer: ArraySlice<UInt8>
    /// Bytes of the piece read ahead of libxml2: `block[start..<end]` is still to hand out.
    private let block = UnsafeMutableRawPointer.allocate(byteCount: PieceInput.blockSize, alignment: 16)
    private var start = 0
    private var end = 0
    private static let blockSize = 256 << 10

    init(descriptor: Int32, header: [UInt8], range: Range<Int>, trailer: [UInt8]) {
        self.descriptor = descriptor
        self.header = header[...]
        self.range = range
        self.trailer = trailer[...]
    }

    deinit {
        close(descriptor)
        block.deallocate()
    }

    /// Fills `buffer` with up to `capacity` bytes; 0 at the end, -1 when the file cannot be read (or shrank).
    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int32 {
        if !header.isEmpty { return copy(&header, into: buffer, capacity: capacity) }
        while start == end, !range.isEmpty {
            let count = pread(descriptor, block, min(Self.blockSize, range.count), off_t(range.lowerBound))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return -1 }
            range = (range.lowerBound + count)..<range.upperBound
            (start, end) = (0, count)
        }
        if start < end {
            let count = min(capacity, end - start)
            UnsafeMutableRawPointer(buffer).copyMemory(from: block + start, byteCount: count)
            start += count
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

/// Receives libxml2's structured errors; kept alive by the reader that owns it.
private final class ErrorBox {
    var errors: [XMLStreamReader.ParseError] = []

    func record(_ error: xmlError) {
        let message = error.message.map { String(cString: $0) } ?? "unknown XML error"
        errors.append(XMLStreamReader.ParseError(
            line: Int(error.line),
            column: error.int2 > 0 ? Int(error.int2) : nil,
            message: message.collapsingWhitespace,
            isFatal: error.level == XML_ERR_FATAL || error.level == XML_ERR_ERROR,
            isValidity: error.domain == Int32(XML_FROM_SCHEMASV.rawValue) || error.domain == Int32(XML_FROM_VALID.rawValue)
        ))
    }
}
