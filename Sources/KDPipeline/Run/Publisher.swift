import Foundation
import KDReports

/// Publishes a report without ever showing a half-written file: everything is written into a staging
/// folder inside the output folder (created when the run starts, so streamed rows land there too), then
/// each file is moved into place with an atomic rename. A failed run leaves the previous report as it was.
final class Publisher {
    let output: String
    /// The staging folder, `<output>/.staging-<pid>`.
    let staging: String

    init(output: String) throws(PipelineError) {
        self.output = output
        self.staging = (output as NSString).appendingPathComponent(".staging-\(getpid())")
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: output, withIntermediateDirectories: true)
            for name in try manager.contentsOfDirectory(atPath: output) where name.hasPrefix(".staging-") {
                try? manager.removeItem(atPath: (output as NSString).appendingPathComponent(name))
            }
            try manager.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(path: output, reason: .io("cannot create the output folder: \(error.localizedDescription)"))
        }
    }

    deinit {
        discard()
    }

    /// Removes the staging folder and whatever is left in it.
    func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// Writes each file (its content, then its parts in order) into staging, then renames them all into place.
    func publish(_ files: [ReportFile]) throws(PipelineError) {
        for file in files {
            let path = (staging as NSString).appendingPathComponent(file.name)
            try write(file, to: path)
        }
        for file in files {
            let from = (staging as NSString).appendingPathComponent(file.name)
            let to = (output as NSString).appendingPathComponent(file.name)
            guard rename(from, to) == 0 else {
                throw PipelineError(path: to, reason: .io("cannot move the report file into place: \(String(cString: strerror(errno)))"))
            }
        }
        discard()
    }

    private func write(_ file: ReportFile, to path: String) throws(PipelineError) {
        guard let handle = fopen(path, "wb") else {
            throw PipelineError(path: path, reason: .io("cannot write the report file: \(String(cString: strerror(errno)))"))
        }
        var ok = true
        var content = file.content
        content.withUTF8 { bytes in ok = fwrite(bytes.baseAddress, 1, bytes.count, handle) == bytes.count }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        for part in file.parts where ok {
            guard let source = fopen(part, "rb") else {
                ok = false
                break
            }
            while ok {
                let count = fread(&buffer, 1, buffer.count, source)
                if count == 0 { break }
                ok = fwrite(buffer, 1, count, handle) == count
            }
            fclose(source)
            unlink(part)
        }
        ok = fflush(handle) == 0 && ok
        fclose(handle)
        guard ok else { throw PipelineError(path: path, reason: .io("cannot write the report file (disk full?)")) }
    }
}
