extension Array {
    /// Calls `body` with each element where it lies. A `for` loop hands out copies, and copying a model value
    /// (an indicator, a period) retains every String and array it holds, then releases them again; per
    /// activity of a large IATI file that bookkeeping is measurable.
    @inlinable
    public func forEachInPlace(_ body: (borrowing Element) throws -> Void) rethrows {
        try withUnsafeBufferPointer { elements in
            for index in elements.indices { try body(elements[index]) }
        }
    }
}
