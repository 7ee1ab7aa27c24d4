import Foundation
import KDCore
import KDReports

/// Publishes a report without ever showing a half-written file. Everything is written into a staging folder
/// (created when the run starts, so that streamed rows land there too). With `keepRuns` 0 the staging folder
/// is inside the output folder and each file is moved into place with an atomic rename. With `keepRuns` N,
/// each run becomes a folder of `<output>.runs/`, the output path is a symbolic link switched to it with an
/// atomic rename, and the N newest runs are kept. Either way a failed or killed run leaves the previous report
/// as it was, and readers always open the same path.
///
/// Before anything is moved into place, every file of the report and the staging folder are flushed to disk
/// (`fsync`), and each folder a rename changed is flushed after it: a crash or power cut after publishing
/// cannot leave a published name pointing at a file whose contents never reached the disk, and earlier runs
/// are removed only once the new one is there for good.
final class Publisher {
    let output: String
    let keepRuns: Int
    /// The staging folder.
    let staging: String
    private let runs: String
    private let runName: String

    init(output: String, keepRuns: Int = 0, stamp: String = "") throws(PipelineError) {
        self.output = output
        self.keepRuns = keepRuns
        self.runs = output + ".runs"
        self.runName = "run-" + stamp.replacingOccurrences(of: ":", with: "") + "-\(getpid())"
        let home = keepRuns > 0 ? runs : output
        self.staging = (home as NSString).appendingPathComponent(".staging-\(getpid())")
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: home, withIntermediateDirectories: true)
            for name in try manager.contentsOfDirectory(atPath: home) where name.hasPrefix(".staging-") {
                try? manager.removeItem(atPath: (home as NSString).appendingPathComponent(name))
            }
            try manager.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw PipelineError(path: home, reason: .io("cannot create the output folder: \(error.localizedDescription)"))
        }
        if keepRuns > 0, let type = try? manager.attributesOfItem(atPath: output)[.type] as? FileAttributeType,
           type == .typeDirectory {
            throw PipelineError(path: output, reason: .io("the output is a folder, but keep_runs publishes it as a link: move the folder away"))
        }
    }

    deinit {
        discard()
    }

    /// Stops a run whose output folder holds files named as a report's but neither a run manifest nor a
    /// summary written by kdpipe: publishing would replace files kdpipe did not write (an analyst's own
    /// `indicators.csv`, with `--output .`). A new or empty folder, one without such names, an earlier
    /// report's folder (even one whose publishing was cut short: the summary is moved into place first), and
    /// the link `keep_runs` publishes are all fine.
    static func checkReplacesOnlyAReport(in output: String) throws(PipelineError) {
        var status = stat()
        guard lstat(output, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return }
        let present = RenderStage.reportNames.filter { name in
            lstat((output as NSString).appendingPathComponent(name), &status) == 0
        }
        guard !present.isEmpty else { return }
        func read(_ name: String) -> Data? {
            FileManager.default.contents(atPath: (output as NSString).appendingPathComponent(name))
        }
        if let manifest = read(RunManifest.fileName), RunManifest.isManifest(manifest) { return }
        if let summary = read(SummaryWriter.fileName), SummaryWriter.isSummary(summary) { return }
        throw PipelineError(path: output, reason: .configuration(
            "this folder holds \(present.joined(separator: ", ")) but no report of kdpipe's (its run.json and summary.md): "
                + "publishing would replace files kdpipe did not write; name a new or empty folder, or the folder of an earlier report"))
    }

    /// Removes the staging folder and whatever is left in it.
    func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// Writes each file into staging, then publishes them with the files named in `staged` (written to
    /// staging already).
    func publish(_ files: [ReportFile], staged: [String] = []) throws(PipelineError) {
        for file in files {
            let path = (staging as NSString).appendingPathComponent(file.name)
            try write(file, to: path)
        }
        let names = files.map(\.name) + staged
        try Self.flush(names.map { (staging as NSString).appendingPathComponent($0) } + [staging])
        if keepRuns > 0 {
            try publishAsRun()
            return
        }
        // A rename cannot replace a folder: one in the way is found before any file is moved, so that the
        // report in place is not left half old, half new.
        for name in names {
            let to = (output as NSString).appendingPathComponent(name)
            var status = stat()
            if lstat(to, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                throw PipelineError(path: to, reason: .io("cannot move the report file into place: a folder is in the way"))
            }
        }
        for name in names {
            let from = (staging as NSString).appendingPathComponent(name)
            let to = (output as NSString).appendingPathComponent(name)
            guard rename(from, to) == 0 else {
                throw PipelineError(path: to, reason: .io("cannot move the report file into place: \(String(cString: strerror(errno)))"))
            }
        }
        try Self.flush([output])
        discard()
    }

    /// Flushes files or folders to disk (`fsync`), the files side by side: a report's tables can be hundreds
    /// of megabytes. A file system that cannot flush (EINVAL, ENOTSUP: some network and FUSE file systems,
    /// for folders) offers nothing more to wait for, and publishing goes on.
    private static func flush(_ paths: [String]) throws(PipelineError) {
        let failures = ResultSlots<String>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let descriptor = open(paths[index], O_RDONLY | O_CLOEXEC)
            if descriptor < 0 || (fsync(descriptor) != 0 && errno != EINVAL && errno != ENOTSUP && errno != EOPNOTSUPP) {
                failures[index] = String(cString: strerror(errno))
            }
            if descriptor >= 0 { close(descriptor) }
        }
        if let (index, reason) = failures.values.enumerated().first(where: { $0.element != nil }) {
            throw PipelineError(path: paths[index], reason: .io("cannot flush the report to disk: \(reason!)"))
        }
    }

    /// Renames staging into a run folder, switches the output link to it, and keeps the newest runs.
    private func publishAsRun() throws(PipelineError) {
        let run = (runs as NSString).appendingPathComponent(runName)
        guard rename(staging, run) == 0 else {
            throw PipelineError(path: run, reason: .io("cannot move the run into place: \(String(cString: strerror(errno)))"))
        }
        try Self.flush([runs])
        let parent = (output as NSString).deletingLastPathComponent
        let name = (output as NSString).lastPathComponent
        let link = (parent as NSString).appendingPathComponent(".\(name).link-\(getpid())")
        unlink(link)
        guard symlink("\(name).runs/\(runName)", link) == 0, rename(link, output) == 0 else {
            throw PipelineError(path: output, reason: .io("cannot switch the report link: \(String(cString: strerror(errno)))"))
        }
        try Self.flush([parent.isEmpty ? "." : parent])
        let manager = FileManager.default
        let published = ((try? manager.contentsOfDirectory(atPath: runs)) ?? []).filter { $0.hasPrefix("run-") }.sorted()
        for old in published.dropLast(keepRuns) where old != runName {
            try? manager.removeItem(atPath: (runs as NSString).appendingPathComponent(old))
        }
    }

    private func write(_ file: ReportFile, to path: String) throws(PipelineError) {
        guard let handle = fopen(path, "wb") else {
            throw PipelineError(path: path, reason: .io("cannot write the report file: \(String(cString: strerror(errno)))"))
        }
        var ok = true
        var content = file.content
        content.withUTF8 { bytes in ok = fwrite(bytes.baseAddress, 1, bytes.count, handle) == bytes.count }
        ok = fflush(handle) == 0 && ok
        fclose(handle)
        guard ok else { throw PipelineError(path: path, reason: .io("cannot write the report file (disk full?)")) }
    }
}
