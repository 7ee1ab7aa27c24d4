import Foundation
import Logging

/// A swift-log handler writing one JSON object per line on standard error (`--log-format json`), for log
/// collectors: `{"time":…,"level":…,"label":…,"message":…}` plus the metadata.
struct JSONLogHandler: LogHandler {
    var logLevel: Logger.Level = .notice
    var metadata: Logger.Metadata = [:]
    let label: String

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: String] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) { fields[key] = "\(value)" }
        FileHandle.standardError.write(Self.line("\(event.message)", level: event.level.rawValue, label: label, fields: fields))
    }

    /// One line of this log: `{"label":…,"level":…,"message":…,"time":…}` and `fields`, keys sorted.
    static func line(_ message: String, level: String, label: String = "kdpipe", fields: [String: String] = [:]) -> Data {
        var object = fields
        (object["time"], object["level"], object["label"], object["message"]) =
            (ISO8601DateFormatter().string(from: Date()), level, label, message)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(object) else { return Data() }
        return data + Data("\n".utf8)
    }
}
