import Foundation

/// Locates the repository, the shared real data and test fixtures.
public enum Fixtures {
    /// The repository root (the folder holding Package.swift).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `../shared/data` beside the repository: the real IATI and World Bank files.
    public static var sharedData: URL {
        repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// `Tests/<target>/Fixtures`.
    public static func folder(_ target: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/\(target)/Fixtures")
    }

    /// A fresh temporary folder, removed by the caller when done.
    public static func temporaryFolder(_ name: String = "kdpipe-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `content` to `name` inside `folder` and returns its path.
    @discardableResult
    public static func write(_ content: String, to name: String, in folder: URL) throws -> String {
        try write(bytes: Array(content.utf8), to: name, in: folder)
    }

    /// Writes raw bytes to `name` inside `folder` and returns its path.
    @discardableResult
    public static func write(bytes: [UInt8], to name: String, in folder: URL) throws -> String {
        // Written with stdio: Foundation's Data.write overflows the small stacks of test tasks on large files.
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard let handle = fopen(url.path, "wb") else { throw CocoaError(.fileWriteUnknown) }
        defer { fclose(handle) }
        guard fwrite(bytes, 1, bytes.count, handle) == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        return url.path
    }
}
