/// A fault that stops the whole run before or while publishing (never a fault in one record).
public struct PipelineError: Error, Equatable, CustomStringConvertible {
    /// Why the run stopped.
    public enum Reason: Equatable, Sendable {
        /// The pipeline file or the command line is wrong (exit 64).
        case configuration(String)
        /// An input named in the pipeline does not exist (exit 64).
        case missingInput
        /// The inputs, all folders, hold no file kdpipe reads (exit 64).
        case noInputFiles
        /// The output could not be written (exit 74).
        case io(String)
        /// Another run holds the lock (exit 75); the holder as it describes itself.
        case locked(String)
    }

    /// The file or folder concerned.
    public var path: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// The exit status the error calls for.
    public var exitStatus: ExitStatus {
        switch reason {
        case .configuration, .missingInput, .noInputFiles: .usage
        case .io: .ioError
        case .locked: .locked
        }
    }

    /// A human sentence.
    public var description: String {
        switch reason {
        case .configuration(let message): "\(path): \(message)"
        case .missingInput: "\(path): input not found (expected a file, a folder or a glob that matches files)"
        case .noInputFiles:
            "\(path): no input file there (an .xml, .csv or .tsv file that is not hidden), so nothing ran and the last report is as it was; if the files are on a share, is it mounted?"
        case .io(let message): "\(path): \(message)"
        case .locked(let holder): "another run holds the lock \(path) (\(holder)); this run did nothing"
        }
    }
}

/// kdpipe's exit statuses (sysexits), decided once at the end of a run.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Clean: the report was written and no record had an error.
    case clean = 0
    /// The report was written, but some records had errors (or warnings, with `--strict`).
    case dataErrors = 65
    /// Bad arguments or configuration; nothing ran.
    case usage = 64
    /// Fatal I/O; no report was published.
    case ioError = 74
    /// Another run holds the lock.
    case locked = 75
}
