import CLibXML2

/// Facts about the libxml2 kdpipe was built against, and the one setting kdpipe makes for the whole library.
public enum XMLLibrary {
    /// libxml2's version, e.g. `2.9.14`.
    public static var version: String { String(cString: kd_libxml_dotted_version()) }

    /// Makes libxml2 load no document over the network, whoever asks. Its schema parser reads an XSD's
    /// imports and includes with options of its own (entities substituted, network allowed), and would
    /// otherwise fetch an `xs:import` of `http://…`; `SchemaValidator` evaluates this before it reads a
    /// schema. Files on disk still load. The readers of inputs load nothing from elsewhere in any case
    /// (`XML_PARSE_NONET`, no DTD loaded). Set once for the process; evaluating it again does nothing.
    static let offline: Void = {
        xmlSetExternalEntityLoader(xmlNoNetExternalEntityLoader)
    }()
}
