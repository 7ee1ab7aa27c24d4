/// A file of the report, ready to be written to the output folder.
public struct ReportFile: Sendable, Hashable {
    /// The file name inside the output folder.
    public var name: String
    /// The content (UTF-8, `\n` line ends).
    public var content: String

    /// Creates a report file.
    public init(name: String, content: String) {
        self.name = name
        self.content = content
    }
}
