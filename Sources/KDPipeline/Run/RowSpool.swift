import Foundation
import KDCore
import KDReports

/// The rows one file or piece of the IATI lane streams to one CSV table, held until they can be appended to
/// the table in input order. Rows are written as UTF-8 bytes into memory (no String is built per row); past
/// `spillBytes` they go on to a working file, so that a large file read in one stream holds little. A piece
/// (a few MB of input) stays in memory, and its rows are written once, to the table itself.
final class RowSpool: @unchecked Sendable {
    /// The working file rows spill to.
    let path: String
    private var handle: UnsafeMutablePointer<FILE>?
    /// Whether rows were written to the working file.
    private var spilled = false
    private var csv = CSVBuffer()
    private var failed = false
    /// The bytes held in memory before they are written to the working file.
    private let spillBytes: Int
    /// The default `spillBytes`: more than the rows of a piece of `IATIPieces.defaultPieceBytes`.
    static let defaultSpillBytes = 4 << 20

    init(path: String, spillBytes: Int = RowSpool.defaultSpillBytes) {
        self.path = path
        self.spillBytes = spillBytes
    }

    /// Appends the rows `body` writes (with `TableWriters`).
    func write(_ body: (inout CSVBuffer) -> Void) {
        body(&csv)
        if csv.bytes.count >= spillBytes { spill() }
    }

    /// The bytes of rows held in memory.
    var heldBytes: Int { csv.bytes.count }

    /// Writes the rows held in memory to the working file; with `releasing`, frees the memory too (rather
    /// than keep it for the rows to come).
    func spill(releasing: Bool = false) {
        guard heldBytes > 0 else { return }
        if handle == nil {
            handle = fopen(path, spilled ? "ab" : "wb")
            spilled = true
            if handle == nil { failed = true }
        }
        if let handle, !Self.write(csv.bytes, to: handle) { failed = true }
        if releasing { csv = CSVBuffer() } else { csv.removeAll() }
    }

    /// Closes the working file, if rows spilled to it; false when they could not all be written (disk full).
    func finish() -> Bool {
        guard let handle else { return !failed }
        self.handle = nil
        let flushed = fflush(handle) == 0 && ferror(handle) == 0
        if fclose(handle) != 0 || !flushed { failed = true }
        return !failed
    }

    /// Appends every row, in order, to `output`, and removes the working file; false when a byte could not be
    /// read or written.
    func drain(into output: UnsafeMutablePointer<FILE>) -> Bool {
        var ok = finish()
        if ok, spilled {
            ok = Self.copy(path, to: output)
        }
        ok = ok && Self.write(csv.bytes, to: output)
        discard()
        return ok
    }

    /// Drops the rows and removes the working file.
    func discard() {
        _ = finish()
        if spilled { unlink(path) }
        spilled = false
        csv = CSVBuffer()
    }

    /// Writes `bytes` to `handle`; false when they could not all be written.
    static func write(_ bytes: ByteBuffer, to handle: UnsafeMutablePointer<FILE>) -> Bool {
        // Written in place: a second reference to the bytes would make a later `removeAll` allocate anew.
        bytes.withUnsafeBytes { $0.isEmpty || fwrite($0.baseAddress, 1, $0.count, handle) == $0.count }
    }

    /// Appends the file at `path` to `output`.
    static func copy(_ path: String, to output: UnsafeMutablePointer<FILE>) -> Bool {
        guard let source = fopen(path, "rb") else { return false }
        defer { fclose(source) }
        let block = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { block.deallocate() }
        while true {
            let count = fread(block, 1, 1 << 20, source)
            if count == 0 { return ferror(source) == 0 }
            guard fwrite(block, 1, count, output) == count else { return false }
        }
    }
}
