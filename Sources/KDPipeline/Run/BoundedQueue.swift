import Foundation

/// A first-in first-out queue between one producer thread and one consumer, holding at most `capacity`
/// items so that a fast reader cannot run ahead of the writer and fill memory.
final class BoundedQueue<Item: Sendable>: @unchecked Sendable {
    /// Taken items leave a nil behind (so that nothing they hold is kept), until the slots are reclaimed.
    private var items: [Item?] = []
    private var head = 0
    private let capacity: Int
    private let condition = NSCondition()

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Adds an item, waiting while the queue is full.
    func push(_ item: consuming Item) {
        condition.lock()
        while items.count - head >= capacity { condition.wait() }
        items.append(consume item)
        condition.broadcast()
        condition.unlock()
    }

    /// Takes the oldest item, waiting while the queue is empty.
    func pop() -> Item {
        condition.lock()
        while items.count == head { condition.wait() }
        let item = items[head].take()!
        head += 1
        if head > 1024, head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        condition.unlock()
        return item
    }
}
