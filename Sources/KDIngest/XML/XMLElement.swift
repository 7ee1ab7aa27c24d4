import KDCore

/// A small element tree built from the stream for one record (a report section, an activity).
///
/// Only the record currently being read is held in memory, never the whole document.
public struct XMLNode: Sendable {
    /// Local name.
    public var name: String
    /// Attributes as (qualified name, value) in document order (`xml:lang` keeps its prefix); elements
    /// carry few, so a list searched in order beats a dictionary.
    public var attributes: [(name: String, value: String)]
    /// Child elements in document order.
    public var children: [XMLNode]
    /// The element's own text (its text nodes joined, children's text excluded).
    public var text: String
    /// The `xml:lang` in scope.
    public var language: String?
    /// 1-based line of the start tag.
    public var line: Int

    /// The element's text with white space folded, or nil when empty.
    public var trimmedText: String? {
        text.collapsedOrNil
    }

    /// The first child with the given name.
    public func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// All children with the given name.
    public func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// An attribute's value with white space folded, or nil when absent or empty.
    public func attribute(_ name: String) -> String? {
        attributes.first(where: { $0.name == name })?.value.collapsedOrNil
    }

    /// The folded text of the named child, or nil.
    public func text(of childName: String) -> String? { child(childName)?.trimmedText }
}

extension XMLStreamReader {
    /// Reads the element the reader is on, and everything inside it, into a tree.
    ///
    /// `children` says, for an element name, which child elements to keep; the others are skipped
    /// without being turned into nodes (nil keeps everything). Entity references left unexpanded are
    /// reported through `onEntity` with their line. Returns nil when the document ends (or breaks)
    /// before the element is closed; the reader is then past the fault.
    public func readElement(
        children keep: ((String) -> Set<String>?)? = nil, onEntity: (String, Int) -> Void = { _, _ in }
    ) -> XMLNode? {
        readElement(children: keep, inheriting: language, onEntity: onEntity)
    }

    /// The recursion of `readElement`: `xml:lang` is inherited from the parent node here, rather than asked
    /// of libxml2 (which walks up the tree) for every element.
    private func readElement(
        children keep: ((String) -> Set<String>?)?, inheriting inherited: String?, onEntity: (String, Int) -> Void
    ) -> XMLNode? {
        elementsRead += 1
        let attributes = attributes()
        let language = attributes.first { $0.name == "xml:lang" }?.value ?? inherited
        var node = XMLNode(name: localName, attributes: attributes, children: [], text: "", language: language, line: line)
        if isEmptyElement { return node }
        let allowed = keep?(node.name)
        let ownDepth = depth
        var more = read()
        while more {
            switch kind {
            case .element:
                if let allowed, !allowed.contains(localName) {
                    more = skipSubtree()
                    continue
                }
                if passesOver() {
                    more = skipSubtree()
                    continue
                }
                guard let child = readElement(children: keep, inheriting: language, onEntity: onEntity) else { return nil }
                node.children.append(child)
            case .text:
                // Indentation between elements is only white space: no String is made for it.
                if valueIsBlank {
                    if !node.text.isEmpty { node.text += " " }
                } else {
                    node.text += value
                }
            case .entityReference:
                onEntity(localName, line)
            case .endElement where depth == ownDepth:
                return node
            default:
                break
            }
            more = read()
        }
        return nil
    }
}

/// What both of kdpipe's XML readers tell of the problems libxml2 met.
protocol ParseProblems {
    /// Errors and warnings, on the file's lines.
    var errors: [XMLStreamReader.ParseError] { get }
    /// Whether reading stopped on an error.
    var failed: Bool { get }
    /// The parser's current line and column, for errors reported without a position.
    var parserPosition: (line: Int, column: Int) { get }
}

extension XMLStreamReader: ParseProblems {}
extension SAXStreamReader: ParseProblems {}

extension ParseProblems {
    /// Reports what libxml2 found while reading: unexpanded entities (`XML-003`), recoverable errors
    /// (`XML-002`) and the first fatal error (`XML-001`, with `consequence` saying what was kept).
    /// Returns whether a fatal error occurred.
    @discardableResult
    public func reportProblems(
        at place: SourceLocation, entities: [(String, Int)], consequence: String, diagnostics: inout DiagnosticLog
    ) -> Bool {
        for (name, line) in entities {
            diagnostics.report(
                .warning, "XML-003", "entity reference &\(name); was left unexpanded (kdpipe never expands entities)",
                at: place.at(line: line))
        }
        for error in errors where !error.isFatal {
            diagnostics.report(.warning, "XML-002", error.message, at: place.at(line: error.line, column: error.column))
        }
        if let fatal = errors.first(where: \.isFatal) {
            diagnostics.report(
                .error, "XML-001", "not well-formed XML: \(fatal.message); \(consequence)",
                at: place.at(line: fatal.line, column: fatal.column))
            return true
        }
        if failed {
            let (line, column) = parserPosition
            diagnostics.report(
                .error, "XML-001", "not well-formed XML: the parser stopped here; \(consequence)",
                at: place.at(line: line, column: column))
            return true
        }
        return false
    }
}
