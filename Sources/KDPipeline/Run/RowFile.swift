import Foundation
import KDReports

/// A CSV part file that rows are streamed to, through a 1 MiB stdio buffer.
final class RowFile {
    let path: String
    private let handle: UnsafeMutablePointer<FILE>

    init(path: String) throws(PipelineError) {
        guard let handle = fopen(path, "wb") else {
            throw PipelineError(path: path, reason: .io("cannot create a working file: \(String(cString: strerror(errno)))"))
        }
        setvbuf(handle, nil, _IOFBF, 1 << 20)
        self.path = path
        self.handle = handle
    }

    func append(_ row: [String]) {
        var line = CSVTable.line(row)
        line.withUTF8 { bytes in _ = fwrite(bytes.baseAddress, 1, bytes.count, handle) }
    }

    /// Flushes and closes the file; false when the data could not all be written (disk full).
    func close() -> Bool {
        let flushed = fflush(handle) == 0 && ferror(handle) == 0
        return fclose(handle) == 0 && flushed
    }
}
