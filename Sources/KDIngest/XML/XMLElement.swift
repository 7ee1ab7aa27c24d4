import KDCore

/// A small element tree built from the stream for one record (a report section, an activity).
///
/// Only the record currently being read is held in memory, never the whole document.
public struct XMLNode: Sendable {
    /// Local name.
    public var name: String
    /// Attributes by qualified name (`xml:lang` keeps its prefix).
    public var attributes: [String: String]
    /// Child elements in document order.
    public var children: [XMLNode]
    /// The element's own text (its text nodes joined, children's text excluded).
    public var text: String
    /// The `xml:lang` in scope.
    public var language: String?
    /// 1-based line of the start tag.
    public var line: Int

    /// The element's text with white space folded, or nil when empty.
    public var trimmedText: String? { text.collapsingWhitespace.nonEmpty }

    /// The first child with the given name.
    public func child(_ name: String) -> XMLNode? { children.first { $0.name == name } }

    /// All children with the given name.
    public func children(_ name: String) -> [XMLNode] { children.filter { $0.name == name } }

    /// An attribute's value with white space folded, or nil when absent or empty.
    public func attribute(_ name: String) -> String? { attributes[name]?.collapsingWhitespace.nonEmpty }

    /// The folded text of the named child, or nil.
    public func text(of childName: String) -> String? { child(childName)?.trimmedText }
}

extension XMLStreamReader {
    /// Reads the element the reader is on, and everything inside it, into a tree.
    ///
    /// Entity references left unexpanded are reported through `onEntity` with their line.
    /// Returns nil when the document ends (or breaks) before the element is closed.
    public func readElement(onEntity: (String, Int) -> Void = { _, _ in }) -> XMLNode? {
        var node = XMLNode(
            name: localName, attributes: [:], children: [], text: "", language: language, line: line
        )
        for (name, value) in attributes() { node.attributes[name] = value }
        if isEmptyElement { return node }
        let ownDepth = depth
        while read() {
            switch kind {
            case .element:
                guard let child = readElement(onEntity: onEntity) else { return nil }
                node.children.append(child)
            case .text:
                node.text += value
            case .entityReference:
                onEntity(localName, line)
            case .endElement where depth == ownDepth:
                return node
            default:
                continue
            }
        }
        return nil
    }
}
