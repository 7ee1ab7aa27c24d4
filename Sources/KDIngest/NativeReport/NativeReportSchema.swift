import Foundation

/// The XSD of the native intervention-report format, shipped with kdpipe.
public enum NativeReportSchema {
    /// The schema file's name.
    public static let fileName = "socieux-report-1.xsd"

    /// The path of the bundled schema, or nil when the resource bundle is not beside the executable.
    public static var path: String? {
        Bundle.module.path(forResource: "socieux-report-1", ofType: "xsd")
    }
}
