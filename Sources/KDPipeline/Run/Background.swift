import Foundation

/// Work done on a thread of its own while the caller goes on; `wait()` gives its result.
final class Background<Value: Sendable>: @unchecked Sendable {
    private var result: Result<Value, PipelineError>?
    private let condition = NSCondition()

    init(_ work: @escaping @Sendable () throws(PipelineError) -> Value) {
        let thread = Thread { [self] in
            let outcome = Result<Value, PipelineError>(catching: work)
            condition.lock()
            result = outcome
            condition.broadcast()
            condition.unlock()
        }
        thread.start()
    }

    /// Waits for the work to end; its value, or what it threw.
    func wait() throws(PipelineError) -> Value {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return try result!.get()
    }
}
