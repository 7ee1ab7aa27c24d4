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

    @Option(help: "Progress lines as text or as JSON objects (one per line).")
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

    /// Prints a whole-run fault on standard error (`kdpipe: error: …`), its control characters spelled out
    /// (paths can hold any byte).
    func printError(_ message: String) {
        FileHandle.standardError.write(Data("kdpipe: error: \(message.controlsSpelledOut)\n".utf8))
    }

    /// Prints diagnostics on standard error: errors always; warnings unless quiet; notes at debug level.
    /// With a `tally` (when only the first diagnostics of the run are given), says how many more of those
    /// severities `diagnostics.csv` holds.
    func print(_ diagnostics: [Diagnostic], tally: DiagnosticTally? = nil) {
        let minimum: Severity = quiet ? .error : (logLevel == "debug" || logLevel == "trace" ? .note : .warning)
        var text = ""
        var printed = 0
        for diagnostic in diagnostics where diagnostic.severity >= minimum {
            text += diagnostic.formatted + "\n"
            printed += 1
        }
        if let tally {
            let relevant = Severity.allCases.filter { $0 >= minimum }.reduce(0) { $0 + tally.count($1) }
            if relevant > printed { text += "kdpipe: \(relevant - printed) more in diagnostics.csv\n" }
        }
        FileHandle.standardError.write(Data(text.utf8))
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
