import Foundation
import KDCore

/// Turns the pipeline's input entries into a sorted list of files, each with its size and SHA-256.
///
/// A folder is read recursively for `.xml`, `.csv` and `.tsv` files (hidden files skipped); a file is
/// taken whatever its extension; a glob (`*`, `?`, `[…]`, and `**` for any depth of folders) is matched
/// below its fixed prefix. Each file is shown relative to the folder that holds the entry. Folders named in
/// `excluding` (a run's own output) are never walked into.
public struct InputDiscovery: Sendable {
    /// Extensions taken from folders.
    public static let folderExtensions: Set<String> = ["xml", "csv", "tsv"]

    /// Folders not walked into, by device and inode (so that a path through a symbolic link is the same
    /// folder); those that do not exist are left out.
    private let excluded: [FileIdentity]
    /// The same folders' real paths (no symbolic link in them), ending with `/`: a symbolic link into one of
    /// them is not followed.
    private let excludedPaths: [String]

    /// Creates the discovery; folders and globs never reach into `excluding`.
    public init(excluding folders: [String] = []) {
        excluded = folders.compactMap { folder in
            var status = stat()
            guard stat(folder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else { return nil }
            return FileIdentity(status)
        }
        excludedPaths = folders.compactMap { folder in Self.realPath(folder).map { $0.hasSuffix("/") ? $0 : $0 + "/" } }
    }

    /// Whether the symbolic link at `path` leads into a folder not walked into (a file of the run's own report,
    /// a folder of its kept runs).
    private func leadsIntoExcluded(_ path: String) -> Bool {
        guard !excludedPaths.isEmpty, let target = Self.realPath(path) else { return false }
        return excludedPaths.contains { (target + "/").hasPrefix($0) }
    }

    /// The path with every symbolic link, `.` and `..` resolved (realpath(3)); nil when it leads nowhere.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether the folder at `path` (whose directory entry gives `inode`, when known) is one not walked into.
    private func isExcluded(_ path: String, inode: UInt64? = nil) -> Bool {
        guard !excluded.isEmpty else { return false }
        if let inode, !excluded.contains(where: { $0.inode == inode }) { return false }
        var status = stat()
        return stat(path, &status) == 0 && isExcluded(status)
    }

    /// Whether the folder `status` describes is one not walked into.
    private func isExcluded(_ status: stat) -> Bool {
        excluded.contains(FileIdentity(status))
    }

    /// The folders a run writes, which its inputs must not read: the output folder, the folder of kept runs
    /// (with `keep_runs`), and the staging folder inside either. A report written inside an input folder
    /// would otherwise be read back by the next run, and its rows counted again every night.
    public static func outputFolders(of config: PipelineConfig) -> [String] {
        [config.output, config.output + ".runs"]
    }

    /// The files of all entries, sorted by display path, each once however many paths lead to it (a symbolic
    /// or hard link, two entries): the path that passes through no symbolic link is kept, or else the first
    /// met. With their size and SHA-256 unless `hashing` is false (see `digests(of:)`).
    public func files(for inputs: [PipelineConfig.Input], hashing: Bool = true) throws(PipelineError) -> [InputFile] {
        var result: [Found] = []
        var paths: Set<String> = []
        var positions: [FileIdentity: Int] = [:]
        for input in inputs {
            for found in try files(for: input) where paths.insert(found.file.path).inserted {
                if let identity = found.identity {
                    if let position = positions[identity] {
                        if result[position].viaLink && !found.viaLink { result[position] = found }
                        continue
                    }
                    positions[identity] = result.count
                }
                result.append(found)
            }
        }
        var files = result.map(\.file)
        if hashing { files = Self.hashed(files, try Self.digests(of: Self.readable(files))) }
        return files.sorted { ($0.displayPath, $0.path) < ($1.displayPath, $1.path) }
    }

    private func files(for input: PipelineConfig.Input) throws(PipelineError) -> [Found] {
        let path = input.path
        if Glob.isPattern(path) {
            let (base, pattern) = Glob.split(path)
            if isExcluded(base) {
                throw PipelineError(path: path, reason: .configuration("this pattern reads the folder where the run writes its report; name the folder of the inputs alone"))
            }
            let root = URL(fileURLWithPath: base).deletingLastPathComponent().path
            let matches = walk(base).filter { Glob.matches(pattern: pattern, path: String($0.path.dropFirst(base.count + 1))) }
            guard !matches.isEmpty else { throw PipelineError(path: path, reason: .missingInput) }
            return matches.map { found($0, root: root, format: input.format) }
        }
        var status = stat()
        guard stat(path, &status) == 0 else { throw PipelineError(path: path, reason: .missingInput) }
        let root = URL(fileURLWithPath: path).deletingLastPathComponent().path
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            return [found(Entry(path: path, identity: FileIdentity(status)), root: root, format: input.format)]
        case S_IFDIR:
            break
        default:
            // A pipe or a device would be read without end (or block the run): only regular files are inputs.
            throw PipelineError(path: path, reason: .configuration("not a regular file or a folder (a pipe or a device is never read)"))
        }
        if isExcluded(status) {
            throw PipelineError(path: path, reason: .configuration("this input folder is where the run writes its report; name the folder of the inputs alone"))
        }
        return walk(path).filter(Self.isInput).map { found($0, root: root, format: input.format) }
    }

    /// Whether a folder's entry is taken as an input: a file with an input's extension; a spreadsheet or an
    /// archive (rejected, see `unreadExtensions`); a folder or file rejected for its name; a broken link with
    /// an input's extension or none (it may have led to a folder).
    private static func isInput(_ entry: Entry) -> Bool {
        let name = URL(fileURLWithPath: entry.path).pathExtension.lowercased()
        return entry.path.hasSuffix("/") || folderExtensions.contains(name) || unreadExtensions[name] != nil
            || (entry.refusal == .linkLeadsNowhere && name.isEmpty)
    }

    /// Spreadsheets and archives, which are not read but rejected with a word: the register kept in Excel, or
    /// the IATI files downloaded as a zip, dropped beside the reports would otherwise be missing from the report
    /// without one.
    public static let unreadExtensions: [String: InputFile.Refusal] = {
        var table: [String: InputFile.Refusal] = [:]
        for name in ["xlsx", "xlsm", "xls", "ods", "numbers"] { table[name] = .spreadsheet }
        for name in ["zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "tar"] { table[name] = .archive }
        return table
    }()

    /// The input file of an entry (a file named as an input, or found in a folder or by a glob): a spreadsheet
    /// or an archive is refused by its extension.
    private func found(_ entry: Entry, root: String, format: InputFormat?) -> Found {
        var file = InputFile(path: entry.path, displayPath: relative(entry.path, to: root), declaredFormat: format)
        file.refusal = entry.refusal ?? Self.unreadExtensions[URL(fileURLWithPath: entry.path).pathExtension.lowercased()]
        return Found(file: file, identity: entry.identity, viaLink: entry.viaLink)
    }

    /// A file of an input entry, with what tells it apart from another path to the same file.
    private struct Found {
        var file: InputFile
        var identity: FileIdentity?
        var viaLink: Bool
    }

    /// A file found in a folder: its absolute path, and why it is rejected rather than read, if it is (a
    /// folder rejected for its name is given with a `/` at the end).
    private struct Entry {
        var path: String
        var refusal: InputFile.Refusal?
        /// Its device and inode (nil for one rejected).
        var identity: FileIdentity?
        /// Whether its path passes through a symbolic link.
        var viaLink = false
    }

    /// Every non-hidden file below `folder` (regular files, and symbolic links to them or to folders,
    /// followed), as absolute paths without `.` or `..` components, sorted. Each folder is walked once, so a
    /// link back up the tree ends there. Read with opendir(3): a nightly run over thousands of known files
    /// spends its time here and in hashing. Listed to be rejected with a diagnostic: a file or folder whose
    /// name is not UTF-8 (it cannot be named, and so not opened, by a path kdpipe can write in its reports;
    /// its bytes that are not UTF-8 are shown as U+FFFD), not walked into; a link that leads to no file or
    /// folder. Pipes and devices are passed over.
    private func walk(_ folder: String) -> [Entry] {
        var entries: [Entry] = []
        var walked: Set<FileIdentity> = []
        var pending = [(path: URL(fileURLWithPath: folder).standardizedFileURL.path, viaLink: false)]
        while let (current, viaLink) = pending.popLast() {
            var status = stat()
            guard stat(current, &status) == 0, walked.insert(FileIdentity(status)).inserted,
                  let directory = opendir(current) else { continue }
            defer { closedir(directory) }
            let prefix = current.hasSuffix("/") ? current : current + "/"
            while let entry = readdir(directory) {
                let (name, isUTF8) = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                    let name = bytes.bindMemory(to: CChar.self).baseAddress!
                    return String(validatingCString: name).map { ($0, true) } ?? (String(cString: name), false)
                }
                guard !name.hasPrefix(".") else { continue }
                let path = prefix + name
                var type = Int32(entry.pointee.d_type)
                if type == Int32(DT_UNKNOWN), isUTF8 {
                    var status = stat()
                    guard lstat(path, &status) == 0 else { continue }
                    type = switch status.st_mode & S_IFMT {
                    case S_IFDIR: Int32(DT_DIR)
                    case S_IFREG: Int32(DT_REG)
                    case S_IFLNK: Int32(DT_LNK)
                    default: -1
                    }
                }
                if !isUTF8 {
                    if [DT_DIR, DT_REG, DT_LNK, DT_UNKNOWN].map(Int32.init).contains(type) {
                        entries.append(Entry(path: type == Int32(DT_DIR) ? path + "/" : path, refusal: .nameIsNotUTF8))
                    }
                    continue
                }
                switch type {
                case Int32(DT_DIR):
                    if !isExcluded(path, inode: UInt64(entry.pointee.d_ino)) { pending.append((path, viaLink)) }
                case Int32(DT_REG):
                    let identity = FileIdentity(device: UInt64(status.st_dev), inode: UInt64(entry.pointee.d_ino))
                    entries.append(Entry(path: path, identity: identity, viaLink: viaLink))
                case Int32(DT_LNK):
                    guard !leadsIntoExcluded(path) else { continue }
                    var target = stat()
                    guard stat(path, &target) == 0 else {
                        entries.append(Entry(path: path, refusal: .linkLeadsNowhere))
                        continue
                    }
                    switch target.st_mode & S_IFMT {
                    case S_IFREG: entries.append(Entry(path: path, identity: FileIdentity(target), viaLink: true))
                    case S_IFDIR: if !isExcluded(target) { pending.append((path, true)) }
                    default: entries.append(Entry(path: path, refusal: .linkLeadsNowhere))
                    }
                default:
                    break
                }
            }
        }
        return entries.sorted { $0.path < $1.path }
    }

    private func relative(_ path: String, to root: String) -> String {
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// A file's device and inode: what two paths to the same file share.
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init(device: UInt64, inode: UInt64) {
        (self.device, self.inode) = (device, inode)
    }

    init(_ status: stat) {
        self.init(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }
}
