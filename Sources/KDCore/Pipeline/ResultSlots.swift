import Dispatch

/// Fixed slots that concurrent workers fill, one slot each, read after they have all finished (the end of
/// `DispatchQueue.concurrentPerform` orders every write before the reads). A slot is written by one worker
/// only, so no two threads ever touch the same memory and no lock is taken.
public final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Value?>

    public init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    public subscript(index: Int) -> Value? {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    /// The slots, in order.
    public var values: [Value?] { Array(storage) }
}

extension Array where Element: Sendable {
    /// `transform` applied to every element on every core, `chunk` elements to a task; the results in the
    /// elements' order, whatever the scheduling.
    public func concurrentMap<T: Sendable>(chunk: Int, _ transform: @Sendable (Element) -> T) -> [T] {
        let chunks = (count + chunk - 1) / chunk
        guard chunks > 1 else { return map(transform) }
        let slots = ResultSlots<[T]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            slots[index] = self[(index * chunk)..<Swift.min(count, (index + 1) * chunk)].map(transform)
        }
        return slots.values.flatMap { $0 ?? [] }
    }
}
