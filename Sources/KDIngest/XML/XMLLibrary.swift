import CLibXML2

/// Facts about the libxml2 kdpipe was built against, and the one setting kdpipe makes for the whole library.
public enum XMLLibrary {
    /// libxml2's version, e.g. `2.9.14`.
    public static var version: String { String(cString: kd_libxml_dotted_version()) }

    /// Makes libxml2 load no document over the network, whoever asks: its schema parser, which reads an
    /// XSD's imports and includes with options of its own (entities substituted, network allowed), would
    /// otherwise fetch an `xs:import` of `http://…`. Files on disk still load. The readers of inputs need
    /// none of this (`XML_PARSE_NONET`, no DTD loaded), but they go through it too. Done once, before the
    /// first parse; evaluating it again does nothing.
    static let offline: Void = {
        xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader)
    }()
}
