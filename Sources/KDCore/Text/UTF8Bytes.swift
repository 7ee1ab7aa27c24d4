extension StringProtocol {
    /// Calls `body` with the text's UTF-8 bytes (valid during the call only): read where they lie when they
    /// are contiguous, as a native String's are (a copy made to call `withUTF8` would cost a retain), from a
    /// copy otherwise.
    @inlinable @inline(__always)
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        return try Array(utf8).withUnsafeBufferPointer(body)
    }
}

extension String {
    /// The offset, in UTF-8 bytes, of the first place where `pattern` occurs in the text, or nil.
    ///
    /// A byte search: the standard library's `firstRange(of:)` and `contains(_:)` compare Characters and build
    /// a search table on every call, about a hundred times slower on the short folded texts kdpipe matches
    /// against its vocabularies (measured on the normalize stage). Offsets keep the text's order, so the
    /// earliest of several matches is the one with the smallest offset.
    public func utf8Offset(of pattern: String) -> Int? {
        withUTF8Bytes { text in
            pattern.withUTF8Bytes { pattern in
                guard let first = pattern.first else { return 0 }
                guard text.count >= pattern.count else { return nil }
                var start = 0
                let last = text.count - pattern.count
                while start <= last {
                    if text[start] == first {
                        var matched = 1
                        while matched < pattern.count, text[start + matched] == pattern[matched] { matched += 1 }
                        if matched == pattern.count { return start }
                    }
                    start += 1
                }
                return nil
            }
        }
    }

    /// Whether `pattern` occurs in the text (a byte search, see `utf8Offset(of:)`).
    public func containsBytes(of pattern: String) -> Bool {
        utf8Offset(of: pattern) != nil
    }
}
