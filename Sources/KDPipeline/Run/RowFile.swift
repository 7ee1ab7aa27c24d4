import Foundation
import KDReports

/// A CSV part file that rows are streamed to: rows are written as UTF-8 bytes into a 1 MiB buffer (no
/// String is built per row), which is written out when full.
final class RowFile {
    let path: String
    private let handle: UnsafeMutablePointer<FILE>
    private var csv = CSVBuffer()
    private var failed = false
    private static let flushSize = 1 << 20

    init(path: String) throws(PipelineError) {
        guard let handle = fopen(path, "wb") else {
            throw PipelineError(path: path, reason: .io("cannot create a working file: \(String(cString: strerror(errno)))"))
        }
        self.path = path
        self.handle = handle
        csv.reserveCapacity(Self.flushSize + 64 << 10)
    }

    /// Appends the rows `body` writes (with `TableWriters`).
    func write(_ body: (inout CSVBuffer) -> Void) {
        body(&csv)
        if csv.bytes.count >= Self.flushSize { flush() }
    }

    private func flush() {
        // Written in place: a second reference to the bytes would make `removeAll` allocate a new buffer.
        let written = csv.bytes.withUnsafeBytes { $0.isEmpty ? 0 : fwrite($0.baseAddress, 1, $0.count, handle) }
        if written != csv.bytes.count { failed = true }
        csv.removeAll()
    }

    /// Flushes and closes the file; false when the data could not all be written (disk full).
    func close() -> Bool {
        flush()
        let flushed = fflush(handle) == 0 && ferror(handle) == 0 && !failed
        return fclose(handle) == 0 && flushed
    }
}
