import Foundation
import KDReports

/// The CSV tables the IATI lane streams into, open in the staging folder for the whole lane: each starts with
/// what the native lane rendered (the header and its sorted rows), and the lane appends each file's or
/// piece's rows as soon as those before it are in, so the rows are written once, in input order, while the
/// rest is still being read.
final class TableSinks: @unchecked Sendable {
    /// The tables, by file name, in the order the lane's spools are given.
    static let names = RenderStage.tableNames

    private var handles: [UnsafeMutablePointer<FILE>]
    private let paths: [String]
    private var failed: String?

    /// Opens the tables in `staging`, each with the content of the file of the same name in `tables`.
    init(staging: String, tables: [ReportFile]) throws(PipelineError) {
        precondition(tables.map(\.name) == Self.names, "the tables come in the order of their names")
        paths = Self.names.map { (staging as NSString).appendingPathComponent($0) }
        handles = []
        for (path, table) in zip(paths, tables) {
            guard let handle = fopen(path, "wb") else {
                // (The tables opened so far are closed by `deinit`.)
                throw PipelineError(path: path, reason: .io("cannot write the report file: \(String(cString: strerror(errno)))"))
            }
            handles.append(handle)
            var content = table.content
            content.withUTF8 { bytes in
                if fwrite(bytes.baseAddress, 1, bytes.count, handle) != bytes.count { failed = failed ?? path }
            }
        }
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
