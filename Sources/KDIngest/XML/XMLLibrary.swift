import CLibXML2

/// Facts about the libxml2 kdpipe was built against.
public enum XMLLibrary {
    /// libxml2's version, e.g. `2.9.14`.
    public static var version: String { String(cString: kd_libxml_dotted_version()) }
}
