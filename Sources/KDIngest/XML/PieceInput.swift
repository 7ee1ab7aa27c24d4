#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A piece of a file between a header and a trailer (a whole file: no header or trailer), read with `pread`
/// straight into the block the parser is fed.
final class PieceInput {
    private let descriptor: Int32
    private var header: ArraySlice<UInt8>
    private var range: Range<Int>
    private var trailer: ArraySlice<UInt8>

    init(descriptor: Int32, header: [UInt8], range: Range<Int>, trailer: [UInt8]) {
        self.descriptor = descriptor
        self.header = header[...]
        self.range = range
        self.trailer = trailer[...]
    }

    deinit { close(descriptor) }

    /// Fills `buffer` with up to `capacity` bytes; 0 at the end, -1 when the file cannot be read (or shrank).
    func read(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int32 {
        if !header.isEmpty { return copy(&header, into: buffer, capacity: capacity) }
        while !range.isEmpty {
            let count = pread(descriptor, buffer, min(capacity, range.count), off_t(range.lowerBound))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return -1 }
            range = (range.lowerBound + count)..<range.upperBound
            return Int32(count)
        }
        return copy(&trailer, into: buffer, capacity: capacity)
    }

    private func copy(_ bytes: inout ArraySlice<UInt8>, into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int32 {
        let count = min(capacity, bytes.count)
        guard count > 0 else { return 0 }
        bytes.prefix(count).withUnsafeBytes { UnsafeMutableRawPointer(buffer).copyMemory(from: $0.baseAddress!, byteCount: count) }
        bytes = bytes.dropFirst(count)
        return Int32(count)
    }
}
