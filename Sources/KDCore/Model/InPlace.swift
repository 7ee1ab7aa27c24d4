extension Array {
    /// Calls `body` with the address of each element, where it lies.
    ///
    /// A `for` loop hands out copies, and so does a `borrowing` parameter whenever the same call also writes
    /// through an `inout` argument or a captured `self` that Swift cannot prove apart from the array. Copying
    /// a model value (an indicator, a period) retains every String and array it holds and then releases
    /// them again: per activity of a large IATI file, that bookkeeping is measurable. Through the address
    /// (`element.pointee.title`), only the fields read are touched. The address is valid during the call only.
    @inlinable
    public func forEachAddress(_ body: (UnsafePointer<Element>) throws -> Void) rethrows {
        try withUnsafeBufferPointer { elements in
            guard let first = elements.baseAddress else { return }
            for offset in 0..<elements.count { try body(first + offset) }
        }
    }
}
