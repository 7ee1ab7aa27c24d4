import ArgumentParser
import Foundation
import KDCore
import Logging

/// Options shared by the commands that print diagnostics.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Treat warnings as errors for the exit status.")
    var strict = false

    @Flag(help: "Print nothing when the run is clean (for cron); errors are still printed.")
    var quiet = false

    @Option(help: "Progress detail on standard error: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "notice"

    @Option(help: "What is written on standard error (progress, diagnostics, the closing line) as text or as JSON objects, one per line.")
    var logFormat: String = "text"

    func makeLogger() throws -> Logger {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format must be text or json") }
        let json = logFormat == "json"
        var logger = Logger(label: "kdpipe") { label -> LogHandler in
            json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
        }
        logger.logLevel = quiet ? .error : level
        return logger
    }

    /// Whether standard error takes JSON objects (`--log-format json`) rather than lines of text.
    var writesJSON: Bool { logFormat == "json" }

    /// Writes a line on standard error (`kdpipe: …`, or `prefix`): as text, or with `--log-format json` as an
    /// object of the log's form, with `fields`.
    func write(_ message: String, level: Logger.Level = .notice, fields: [String: String] = [:], prefix: String = "kdpipe: ") {
        FileHandle.standardError.write(
            writesJSON ? JSONLogHandler.line(message, level: level.rawValue, fields: fields) : Data("\(prefix)\(message)\n".utf8))
    }

    /// Prints a whole-run fault on standard error (`kdpipe: error: …`), its control characters spelled out
    /// (paths can hold any byte).
    func printError(_ message: String) {
        write(writesJSON ? message : "error: \(message.controlsSpelledOut)", level: .error)
    }

    /// Prints diagnostics on standard error: errors always; warnings unless quiet; notes at debug level.
    /// With a `tally` (when only the first diagnostics of the run are given), says how many more of those
    /// severities `diagnostics.csv` holds. With `--log-format json`, each is an object with its code, place,
    /// record and severity beside the line.
    func print(_ diagnostics: [Diagnostic], tally: DiagnosticTally? = nil) {
        let minimum: Severity = quiet ? .error : (logLevel == "debug" || logLevel == "trace" ? .note : .warning)
        var text = Data()
        var printed = 0
        for diagnostic in diagnostics where diagnostic.severity >= minimum {
            text += writesJSON ? Self.json(diagnostic) : Data((diagnostic.formatted + "\n").utf8)
            printed += 1
        }
        FileHandle.standardError.write(text)
        if let tally {
            let relevant = Severity.allCases.filter { $0 >= minimum }.reduce(0) { $0 + tally.count($1) }
            if relevant > printed { write("\(relevant - printed) more in diagnostics.csv") }
        }
    }

    /// A diagnostic as a line of the JSON log: its line as the message, and its parts as fields.
    static func json(_ diagnostic: Diagnostic) -> Data {
        var fields = ["severity": diagnostic.severity.rawValue, "code": diagnostic.code]
        fields["file"] = diagnostic.location?.file
        fields["line"] = diagnostic.location?.line.map { String($0) }
        fields["column"] = diagnostic.location?.column.map { String($0) }
        fields["record"] = diagnostic.recordID
        fields["stage"] = diagnostic.stage
        let level: Logger.Level = switch diagnostic.severity {
        case .error: .error
        case .warning: .warning
        case .note: .info
        }
        return JSONLogHandler.line(diagnostic.formatted, level: level.rawValue, fields: fields)
    }

    static func counts(_ diagnostics: [Diagnostic]) -> String {
        var tally = DiagnosticTally(keep: 0)
        for diagnostic in diagnostics { tally.add(diagnostic) }
        return counts(tally)
    }

    static func counts(_ tally: DiagnosticTally) -> String {
        Severity.allCases.reversed().map { Format.counted(tally.count($0), $0.rawValue) }.joined(separator: ", ")
    }
}
