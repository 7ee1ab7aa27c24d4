import Foundation

/// The XSD of the native intervention-report format, shipped with kdpipe.
public enum NativeReportSchema {
    /// The schema file's name.
    public static let fileName = "socieux-report-1.xsd"

    /// The bundled schema: in the resource folder beside the running executable
    /// (`kdpipe_KDIngest.resources/`, installed with the binary), else in the source tree kdpipe was built
    /// from; nil when neither is there (the caller then asks for `--schema`).
    public static var path: String? {
        var candidates: [String] = []
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
            candidates.append(folder.appendingPathComponent("kdpipe_KDIngest.resources/\(fileName)").path)
        }
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(sources.appendingPathComponent("Resources/\(fileName)").path)
        return candidates.first { FileManager.default.isReadableFile(atPath: $0) }
    }
}
