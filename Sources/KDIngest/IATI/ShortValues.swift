import KDCore

/// Short attribute values already read (languages, codes, vocabularies, types, dates), each kept folded as a
/// String, so that one read again is found rather than made anew. IATI repeats them on almost every element;
/// making a String from bytes (UTF-8 check, white space fold) costs about 250 instructions where finding it
/// again costs about 20.
///
/// A value of up to 16 bytes is its own key: its bytes, read in two words, and its length. The table is
/// direct-mapped (256 slots, the newest value wins its slot), so it never grows, and a value only ever
/// returns what folding its bytes returns. Longer values are folded every time.
final class ShortValues {
    private typealias Key = (low: UInt64, high: UInt64, count: Int)
    private static let slots = 256
    private let keys = UnsafeMutablePointer<Key>.allocate(capacity: ShortValues.slots)
    private let values = UnsafeMutablePointer<String?>.allocate(capacity: ShortValues.slots)

    init() {
        // A count of 0 is no value's key: empty values are not kept.
        keys.initialize(repeating: (0, 0, 0), count: Self.slots)
        values.initialize(repeating: nil, count: Self.slots)
    }

    deinit {
        keys.deallocate()
        values.deinitialize(count: Self.slots)
        values.deallocate()
    }

    /// `bytes` with white space folded, or nil when blank (as `WhiteSpace.folded`).
    func folded(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let key = Self.key(bytes) else { return WhiteSpace.folded(bytes) }
        let slot = Int(truncatingIfNeeded: ((key.low ^ (key.high &+ UInt64(key.count))) &* 0x9E37_79B9_7F4A_7C15) >> 56)
        if keys[slot] == key { return values[slot] }
        let value = WhiteSpace.folded(bytes)
        keys[slot] = key
        values[slot] = value
        return value
    }

    /// The key of 1 to 16 bytes: every byte is in one word or the other (the two loads overlap when there are
    /// fewer than 16, or 8, or 4), so that, with the count, different values never share a key.
    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key? {
        let count = bytes.count
        guard count > 0, count <= 16, let start = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(start)
        if count >= 8 {
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self), count)
        }
        if count >= 4 {
            let first = UInt64(raw.loadUnaligned(as: UInt32.self))
            return (first | UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32, 0, count)
        }
        return (UInt64(start[0]) | UInt64(start[count >> 1]) << 8 | UInt64(start[count - 1]) << 16, 0, count)
    }
}
