import ArgumentParser
import Foundation

/// A command run once, timed by the wall clock, with its peak resident memory from wait4(2).
struct Measurement {
    var seconds: Double
    /// User and system CPU time: above `seconds` when the command ran on several cores.
    var cpuSeconds: Double
    var peakMiB: Double
    var status: Int32

    /// Runs `arguments` (an executable path first), discarding its output.
    static func run(_ arguments: [String]) throws -> Measurement {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let start = DispatchTime.now()
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
        guard spawned == 0 else { throw CocoaError(.executableNotLoadable) }
        var status: Int32 = 0
        var usage = rusage()
        wait4(pid, &status, 0, &usage)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Measurement(seconds: seconds, cpuSeconds: cpu, peakMiB: Double(usage.ru_maxrss) / 1024, status: exit)
    }
}

/// The tools a benchmark runs.
enum Tools {
    /// The kdpipe binary: `given`, or the one beside this benchmark.
    static func kdpipe(_ given: String?) throws -> String {
        let binary = given ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("kdpipe").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("kdpipe binary not found at \(binary); build it with `swift build -c release`")
        }
        return binary
    }

    /// libxml2's own command-line tool, the reference.
    static func xmllint() throws -> String {
        guard let xmllint = ["/usr/bin/xmllint", "/usr/local/bin/xmllint"].first(where: FileManager.default.isExecutableFile) else {
            throw ValidationError("xmllint not found; install libxml2-utils (bash .ci/install-deps)")
        }
        return xmllint
    }
}
