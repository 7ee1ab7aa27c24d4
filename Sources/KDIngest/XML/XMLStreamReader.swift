#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2
import KDCore

/// A small, safe wrapper over libxml2's streaming `xmlTextReader`, for native reports and schema validation
/// (IATI files are read with `SAXStreamReader`).
///
/// The reader never loads the whole document, never touches the network and never expands external
/// entities; parser errors are captured with their line and column instead of being printed. It reads the
/// file itself, for libxml2, so that a tag, comment or processing instruction of more than
/// `SAXStreamReader.maximumMarkup` bytes is refused before libxml2 parses it, as the IATI lane refuses it
/// (libxml2 2.9 checks an element's attributes for repeats pairwise: 200,000 attributes take it 95 s).
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

        /// An error as libxml2 reports it (errors and fatal errors alike stop the document).
        init(_ error: xmlError) {
            line = Int(error.line)
            column = error.int2 > 0 ? Int(error.int2) : nil
            message = (error.message.map { String(cString: $0) } ?? "unknown XML error").collapsingWhitespace
            if let explanation = Self.explanation(code: error.code, message: message) { message += " (\(explanation))" }
            isFatal = error.level == XML_ERR_FATAL || error.level == XML_ERR_ERROR
            isValidity = error.domain == Int32(XML_FROM_SCHEMASV.rawValue) || error.domain == Int32(XML_FROM_VALID.rawValue)
        }

        /// What libxml2's words for the faults hand-edited and pasted files most often have mean, and how they
        /// are mended: its message is kept (it is what one searches for), and this follows it.
        static func explanation(code: Int32, message: String) -> String? {
            func `is`(_ error: xmlParserErrors) -> Bool { code == Int32(error.rawValue) }
            if (`is`(XML_ERR_NAME_REQUIRED) && message.hasPrefix("xmlParseEntityRef")) || `is`(XML_ERR_ENTITYREF_SEMICOL_MISSING) {
                return "an '&' that starts no entity reference: an ampersand in text is written &amp;"
            }
            if `is`(XML_ERR_NAME_REQUIRED), message.hasPrefix("StartTag") {
                return "a '<' that starts no element: a less-than sign in text is written &lt;"
            }
            if `is`(XML_ERR_LT_IN_ATTRIBUTE) { return "a less-than sign in an attribute's value is written &lt;" }
            if `is`(XML_ERR_UNDECLARED_ENTITY) {
                return "an entity of HTML that XML does not know, such as &nbsp; or &eacute;: write the character itself or its number, &#160;"
            }
            if `is`(XML_ERR_INVALID_ENCODING) || message.hasPrefix("Input is not proper UTF-8") {
                return "the bytes are not UTF-8 and the file declares no other encoding: save it as UTF-8, or declare its encoding: <?xml version=\"1.0\" encoding=\"windows-1252\"?>"
            }
            if `is`(XML_ERR_INVALID_CHAR) { return "a character XML does not allow, such as a control character pasted from another program" }
            if `is`(XML_ERR_DOCUMENT_END) {
                return "the document does not end where its root element does: something follows it, or the file was cut short"
            }
            if `is`(XML_ERR_TAG_NOT_FINISHED) { return "the file ends before the element is closed: was it cut short?" }
            return nil
        }

        init(line: Int, column: Int?, message: String, isFatal: Bool, isValidity: Bool) {
            self.line = line
            self.column = column
            self.message = message
            self.isFatal = isFatal
            self.isValidity = isValidity
        }
    }

    /// The kinds of node the reader stops on.
    public enum NodeKind: Sendable {
        case element, endElement, text, entityReference, other
    }

    private let reader: xmlTextReaderPtr
    private let errorBox: ErrorBox
    private let source: Source
    private var validationContext: xmlSchemaValidCtxtPtr?

    /// Errors and warnings reported by libxml2 so far.
    public var errors: [ParseError] { errorBox.errors }

    /// libxml2's options for every document kdpipe reads (this reader, `SAXStreamReader`, the benchmark):
    /// never the network, line numbers past 65,535, small texts stored compactly, blank text between elements
    /// dropped (by this reader; SAX2 callbacks get it all the same, libxml2 telling it apart only when it
    /// builds a tree); never `XML_PARSE_NOENT`, `XML_PARSE_DTDLOAD` or `XML_PARSE_HUGE`.
    public static let options = Int32(
        XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOBLANKS.rawValue)

    /// Opens `path` for streaming.
    public init?(path: String) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        let errorBox = ErrorBox()
        let source = Source(descriptor: descriptor, errors: errorBox)
        // libxml2 reads through `Source.fill` and closes nothing: the source closes its file when the reader
        // is freed.
        guard let reader = xmlReaderForIO(
            { context, buffer, length in
                guard let context, let buffer else { return -1 }
                return Unmanaged<Source>.fromOpaque(context).takeUnretainedValue().fill(buffer, length: Int(length))
            },
            nil, Unmanaged.passUnretained(source).toOpaque(), path, nil, Self.options)
        else { return nil }
        source.reader = reader
        self.reader = reader
        self.errorBox = errorBox
        self.source = source
        installErrorHandler()
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
        kd_drop_generic_errors_on_this_thread()
        xmlTextReaderSchemaValidateCtxt(reader, validation, 0)
        validationContext = validation
    }

    /// Moves to the next node; false at the end of the document or after a fatal error.
    public func read() -> Bool {
        let status = xmlTextReaderRead(reader)
        if status < 0 { failed = true }
        return status == 1
    }

    /// The elements `readElement` has read, and whether some were passed over since (past
    /// `SAXStreamReader.maximumRecordElements`: see `passesOver()`).
    var elementsRead = 0
    private(set) var passedOver = false

    /// Whether the document's elements from here on are to be passed over, the record's element budget
    /// being spent; says so in `passedOver`.
    func passesOver() -> Bool {
        guard elementsRead >= SAXStreamReader.maximumRecordElements else { return false }
        passedOver = true
        return true
    }

    /// Whether reading stopped on an error (libxml2 does not always report parse errors to the handler
    /// while a schema is plugged in, so this is the reliable signal).
    public private(set) var failed = false

    /// The parser's current line and column, for errors reported without a position.
    public var parserPosition: (line: Int, column: Int) {
        (Int(xmlTextReaderGetParserLineNumber(reader)), Int(xmlTextReaderGetParserColumnNumber(reader)))
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
        return matches(current, name)
    }

    /// The value of a text or entity node.
    public var value: String { string(xmlTextReaderConstValue(reader)) ?? "" }

    /// Whether the current node's value is empty or white space only, checked on libxml2's bytes (the white
    /// space XML allows in text is among `WhiteSpace.isSpace`'s).
    public var valueIsBlank: Bool {
        guard var byte = xmlTextReaderConstValue(reader) else { return true }
        while byte.pointee != 0 {
            guard WhiteSpace.isSpace(byte.pointee) else { return false }
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
        return line
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

    private func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

/// The file libxml2's reader reads, a block at a time, through `fill(_:length:)`; kept alive by the
/// `XMLStreamReader` that owns it.
private final class Source {
    let descriptor: Int32
    let errors: ErrorBox
    /// The reader, once made (its parser's progress is what `fill` watches).
    var reader: xmlTextReaderPtr?
    /// The bytes handed to libxml2 so far, and when its parser last moved (its line and column then).
    private var delivered = 0
    private var deliveredWhenMoved = 0
    private var parserPlace = (line: Int32(0), column: Int32(0))

    init(descriptor: Int32, errors: ErrorBox) {
        self.descriptor = descriptor
        self.errors = errors
    }

    deinit {
        close(descriptor)
    }

    /// Reads the next block; refuses it (-1, with an error) when libxml2's parser has not moved while more
    /// than the markup limit was handed to it: it is waiting for the end of a tag, comment or processing
    /// instruction that long. (Its line and column are the measure: `xmlTextReaderByteConsumed` counts what
    /// was decoded, not what was parsed, when the file is not UTF-8.)
    func fill(_ buffer: UnsafeMutablePointer<CChar>, length: Int) -> Int32 {
        if let reader {
            let place = (xmlTextReaderGetParserLineNumber(reader), xmlTextReaderGetParserColumnNumber(reader))
            if place != parserPlace {
                (parserPlace, deliveredWhenMoved) = (place, delivered)
            } else if delivered - deliveredWhenMoved > SAXStreamReader.maximumMarkup {
                errors.errors.append(XMLStreamReader.ParseError(
                    line: Int(place.0), column: Int(place.1),
                    message: SAXStreamReader.endlessMarkup, isFatal: true, isValidity: false))
                return -1
            }
        }
        let count = read(descriptor, buffer, length)
        if count > 0 { delivered += count }
        return Int32(count)
    }
}

/// Receives libxml2's structured errors; kept alive by the reader that owns it.
private final class ErrorBox {
    var errors: [XMLStreamReader.ParseError] = []

    func record(_ error: xmlError) {
        errors.append(XMLStreamReader.ParseError(error))
    }
}

/// Whether the NUL-terminated `bytes` (a name libxml2 gives) are `name`, compared as bytes.
func matches(_ bytes: UnsafePointer<xmlChar>, _ name: StaticString) -> Bool {
    name.withUTF8Buffer { expected in
        for index in 0..<expected.count where bytes[index] != expected[index] { return false }
        return bytes[expected.count] == 0
    }
}
