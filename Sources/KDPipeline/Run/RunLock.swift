import Foundation

/// An exclusive lock (flock on a file beside the output) so that two runs never write the same report; the
/// holder writes its pid and start time into the file, so that the second run can say who holds it.
final class RunLock {
    let path: String
    private let descriptor: Int32

    /// Takes the lock at once or throws `.locked` naming the holder.
    init(path: String, startedAt: String) throws(PipelineError) {
        self.path = path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw PipelineError(path: path, reason: .io("cannot open the lock file: \(String(cString: strerror(errno)))"))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw PipelineError(path: path, reason: .locked(holder?.isEmpty == false ? holder! : "another run"))
        }
        self.descriptor = descriptor
        let line = "pid \(getpid()), started \(startedAt)\n"
        ftruncate(descriptor, 0)
        _ = line.withCString { write(descriptor, $0, strlen($0)) }
    }

    deinit {
        ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// The lock file of an output folder: `.<name>.lock` beside it.
    static func path(for output: String) -> String {
        let url = URL(fileURLWithPath: output)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).lock").path
    }
}
