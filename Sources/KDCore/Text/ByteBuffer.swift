/// Bytes being written (a CSV table, a number's spelling), grown geometrically and written through a pointer.
///
/// An `[UInt8]` checks its uniqueness and capacity on every `append` and appends a buffer through a generic
/// path; a CSV field written here costs one check (`write(upTo:_:)`) and a copy. A value type like an array:
/// a copy shares the bytes until one of the two writes.
public struct ByteBuffer: @unchecked Sendable {
    // Sendable like an array: the storage is shared only between copies, and copied before either writes.
    // Only `count` changes; it is touched one access at a time by the buffer that owns the storage alone, so
    // Swift's run-time exclusivity bookkeeping (a call per access) is switched off for it.
    @usableFromInline
    final class Storage {
        @usableFromInline let base: UnsafeMutablePointer<UInt8>
        @usableFromInline @exclusivity(unchecked) var count = 0
        @usableFromInline let capacity: Int

        @usableFromInline
        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 64)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }
    }

    @usableFromInline var storage: Storage

    /// An empty buffer with room for `capacity` bytes.
    public init(capacity: Int = 0) {
        storage = Storage(capacity: capacity)
    }

    /// Bytes written.
    @inlinable
    public var count: Int { storage.count }

    /// Whether nothing is written.
    @inlinable
    public var isEmpty: Bool { storage.count == 0 }

    /// Lets `body` write at most `maximum` bytes at the end, through a pointer; `body` returns how many it wrote.
    @inlinable @inline(__always)
    public mutating func write(upTo maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        prepare(maximum)
        let written = body(storage.base + storage.count)
        assert(written <= maximum)
        storage.count += written
    }

    /// Appends one byte.
    @inlinable @inline(__always)
    public mutating func append(_ byte: UInt8) {
        prepare(1)
        storage.base[storage.count] = byte
        storage.count += 1
    }

    /// Appends a run of bytes.
    @inlinable @inline(__always)
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        prepare(bytes.count)
        (storage.base + storage.count).initialize(from: source, count: bytes.count)
        storage.count += bytes.count
    }

    /// Appends again the bytes at `range` of those written before.
    @inlinable @inline(__always)
    public mutating func appendAgain(_ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= storage.count, "appendAgain: range beyond the bytes written")
        prepare(range.count)
        (storage.base + storage.count).initialize(from: storage.base + range.lowerBound, count: range.count)
        storage.count += range.count
    }

    /// Appends a text's UTF-8 bytes.
    public mutating func append(_ text: String) {
        text.withUTF8Bytes { append($0) }
    }

    /// Empties the buffer, keeping its capacity.
    public mutating func removeAll() {
        if isKnownUniquelyReferenced(&storage) {
            storage.count = 0
        } else {
            storage = Storage(capacity: storage.capacity)
        }
    }

    /// Makes room for `capacity` bytes in all.
    public mutating func reserveCapacity(_ capacity: Int) {
        prepare(Swift.max(0, capacity - storage.count))
    }

    /// Calls `body` with the bytes written (valid during the call only).
    public func withUnsafeBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// `withUnsafeBytes` reached in place, through exclusive access: for a buffer stored in a class, which
    /// `withUnsafeBytes` first copies (a reference counted each time), since the class's buffer could change
    /// during the call.
    @inlinable
    public mutating func withUnsafeBytesInPlace<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    /// The bytes written, as an array.
    public var array: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The bytes written, decoded as UTF-8 (invalid sequences repaired).
    public var text: String { withUnsafeBytes { String(decoding: $0, as: UTF8.self) } }

    /// Ensures the storage is this buffer's own and has room for `extra` more bytes.
    @inlinable @inline(__always)
    mutating func prepare(_ extra: Int) {
        if _slowPath(!isKnownUniquelyReferenced(&storage) || storage.capacity - storage.count < extra) { grow(extra) }
    }

    @usableFromInline @inline(never)
    mutating func grow(_ extra: Int) {
        let needed = storage.count + extra
        let capacity = storage.capacity >= needed ? storage.capacity : Swift.max(storage.capacity * 2, needed)
        let copy = Storage(capacity: capacity)
        copy.base.initialize(from: storage.base, count: storage.count)
        copy.count = storage.count
        storage = copy
    }
}
