import Foundation
import KDReports

/// Writes the report files into a staging folder inside the output folder, then moves each into place
/// with an atomic rename: a reader never sees a half-written file, and a failed run leaves the previous
/// report as it was.
struct Publisher {
    let output: String

    func publish(_ files: [ReportFile]) throws(PipelineError) {
        let manager = FileManager.default
        let staging = (output as NSString).appendingPathComponent(".staging-\(getpid())")
        do {
            try manager.createDirectory(atPath: output, withIntermediateDirectories: true)
            try removeStaleStaging()
            try manager.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(path: output, reason: .io("cannot create the output folder: \(error.localizedDescription)"))
        }
        defer { try? manager.removeItem(atPath: staging) }
        for file in files {
            let path = (staging as NSString).appendingPathComponent(file.name)
            guard manager.createFile(atPath: path, contents: Data(file.content.utf8)) else {
                throw PipelineError(path: path, reason: .io("cannot write the report file"))
            }
        }
        for file in files {
            let from = (staging as NSString).appendingPathComponent(file.name)
            let to = (output as NSString).appendingPathComponent(file.name)
            guard rename(from, to) == 0 else {
                throw PipelineError(path: to, reason: .io("cannot move the report file into place: \(String(cString: strerror(errno)))"))
            }
        }
    }

    private func removeStaleStaging() throws {
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: output) where name.hasPrefix(".staging-") {
            try? manager.removeItem(atPath: (output as NSString).appendingPathComponent(name))
        }
    }
}
