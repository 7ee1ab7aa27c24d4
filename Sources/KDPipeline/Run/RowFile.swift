import Foundation
import KDReports

/// A CSV part file that rows are streamed to: fields are quoted and copied as UTF-8 bytes into a 1 MiB
/// buffer (no String is built per row), which is written out when full.
final class RowFile {
    let path: String
    private let handle: UnsafeMutablePointer<FILE>
    private var buffer: [UInt8] = []
    private var failed = false
    private static let flushSize = 1 << 20

    init(path: String) throws(PipelineError) {
        guard let handle = fopen(path, "wb") else {
            throw PipelineError(path: path, reason: .io("cannot create a working file: \(String(cString: strerror(errno)))"))
        }
        self.path = path
        self.handle = handle
        buffer.reserveCapacity(Self.flushSize + 4096)
    }

    /// Appends one row (quoted by `CSVTable`, RFC 4180).
    func append(_ row: [String]) {
        CSVTable.append(row, to: &buffer)
        if buffer.count >= Self.flushSize { flush() }
    }

    private func flush() {
        if !buffer.isEmpty, fwrite(buffer, 1, buffer.count, handle) != buffer.count { failed = true }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes the file; false when the data could not all be written (disk full).
    func close() -> Bool {
        flush()
        let flushed = fflush(handle) == 0 && ferror(handle) == 0 && !failed
        return fclose(handle) == 0 && flushed
    }
}
