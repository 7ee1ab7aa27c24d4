/// What a `SAXStreamReader` hands what it parses to, as it parses it; each call is ignored unless a subclass
/// overrides it. (A class rather than a protocol: the reader reaches it on every callback, unretained, and
/// only a class can be held so.)
class SAXConsumer {
    /// An element the filter keeps starts, with the filter's mark; its name, attributes and line are asked
    /// of `reader` during the call.
    func start(_ mark: Int, in reader: SAXStreamReader) {}
    /// The element last started and not yet ended ends.
    func end(_ mark: Int) {}
    /// A text: adjacent character data, CDATA sections and character references, joined (valid during the
    /// call only).
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
    /// An entity reference left unexpanded, with its file line.
    func reference(_ name: String, line: Int) {}
}
