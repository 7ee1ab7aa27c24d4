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
