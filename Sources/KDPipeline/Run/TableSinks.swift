import Foundation
import KDReports

/// The CSV tables the IATI lane streams into, open in the staging folder for the whole lane: each starts with
/// what the native lane rendered (the header and its sorted rows), and the lane appends each file's or
/// piece's rows as soon as those before it are in, so the rows are written once, in input order, while the
/// rest is still being read.
///
/// The lessons table is the exception: its first rows, the lessons of the reports and tables and those of the
/// IATI activities kept to be grouped with them, are known only once the lane is done and the lessons grouped;
/// the rows streamed meanwhile (lessons past what is kept) wait in a file of their own, and `finish(lessons:)`
/// writes the table whole.
final class TableSinks: @unchecked Sendable {
    /// The tables, by file name, in the order the lane's spools are given.
    static let names = RenderStage.tableNames
    /// The table whose streamed rows come after rows rendered once the lane is done.
    static let lessons = "lessons.csv"

    private var handles: [UnsafeMutablePointer<FILE>]
    private let paths: [String]
    private let staging: String
    private var failed: String?

    /// Opens the tables in `staging`, each but the lessons table with the content of the file of the same name
    /// in `tables`.
    init(staging: String, tables: [ReportFile]) throws(PipelineError) {
        precondition(tables.map(\.name) == Self.names.filter { $0 != Self.lessons }, "the tables come in the order of their names")
        self.staging = staging
        paths = Self.names.map { (staging as NSString).appendingPathComponent($0 == Self.lessons ? "\($0).rest" : $0) }
        handles = []
        var contents = tables.makeIterator()
        for (name, path) in zip(Self.names, paths) {
            // (The tables opened so far are closed by `deinit` when one cannot be.)
            let handle = try Self.open(path)
            handles.append(handle)
            guard name != Self.lessons, let content = contents.next()?.content else { continue }
            if !Self.write(content, to: handle) { failed = failed ?? path }
        }
    }

    /// Opens `path` for writing, or says why it cannot be.
    private static func open(_ path: String) throws(PipelineError) -> UnsafeMutablePointer<FILE> {
        guard let handle = fopen(path, "wb") else {
            throw PipelineError(path: path, reason: .io("cannot write the report file: \(String(cString: strerror(errno)))"))
        }
        return handle
    }

    /// Writes `text` to `handle`; false when it could not all be written.
    private static func write(_ text: String, to handle: UnsafeMutablePointer<FILE>) -> Bool {
        var text = text
        return text.withUTF8 { bytes in bytes.isEmpty || fwrite(bytes.baseAddress, 1, bytes.count, handle) == bytes.count }
    }

    deinit {
        for handle in handles { fclose(handle) }
    }

    /// Appends one spool to each table, in the order of `names` (called in input order, one caller at a time).
    func append(_ spools: [RowSpool]) {
        for (index, spool) in spools.enumerated() where !spool.drain(into: handles[index]) {
            failed = failed ?? paths[index]
        }
    }

    /// Appends rows to the table `name` (called in input order, one caller at a time, between the spools).
    func write(_ rows: CSVBuffer, to name: String) {
        guard let index = Self.names.firstIndex(of: name) else { return }
        if !RowSpool.write(rows.bytes, to: handles[index]) { failed = failed ?? paths[index] }
    }

    /// Writes the lessons table (once `close()` is done): `table`, then the rows streamed into it.
    func finish(lessons table: ReportFile) throws(PipelineError) {
        let rest = paths[Self.names.firstIndex(of: Self.lessons)!]
        let path = (staging as NSString).appendingPathComponent(Self.lessons)
        let output = try Self.open(path)
        var written = Self.write(table.content, to: output)
        written = RowSpool.copy(rest, to: output) && written
        written = fflush(output) == 0 && ferror(output) == 0 && written
        written = fclose(output) == 0 && written
        unlink(rest)
        if !written { throw PipelineError(path: path, reason: .io("cannot write the report file (disk full?)")) }
    }

    /// Closes the tables; throws when a byte could not be written (disk full).
    func close() throws(PipelineError) {
        for (handle, path) in zip(handles, paths) {
            if fflush(handle) != 0 || ferror(handle) != 0 { failed = failed ?? path }
            if fclose(handle) != 0 { failed = failed ?? path }
        }
        handles = []
        if let failed { throw PipelineError(path: failed, reason: .io("cannot write the report file (disk full?)")) }
    }
}
