import KDCore
import Testing

/// Work spread over the cores comes back in the order of its input, whatever the scheduling.
@Suite struct ConcurrentMapTests {
    @Test func resultsKeepTheElementsOrder() {
        let numbers = Array(0..<1_001)
        for chunk in [1, 7, 256, 1_000, 5_000] {
            #expect(numbers.concurrentMap(chunk: chunk) { $0 * $0 } == numbers.map { $0 * $0 }, "chunk \(chunk)")
        }
        #expect([Int]().concurrentMap(chunk: 4) { $0 }.isEmpty)
    }

    @Test func eachSlotHoldsWhatItsWorkerWrote() {
        let slots = ResultSlots<String>(count: 3)
        slots[2] = "c"
        slots[0] = "a"
        #expect(slots.values == ["a", nil, "c"])
    }
}
