import CKDBytes

/// kdpipe's version, shown by `kdpipe --version` and recorded in `run.json` and the summary.
public enum KDPipeVersion {
    /// The release.
    public static let current = "0.1.0"

    /// The release and the running program's build (its GNU build ID, which the linker derives from all the
    /// code linked in): what the knowledge base keeps parses and run fingerprints under, so that a rebuilt or
    /// upgraded kdpipe parses again what an earlier build parsed, instead of mixing the two builds' records
    /// in one report. The release alone where the program has no build ID.
    public static let build: String = {
        var bytes = [UInt8](repeating: 0, count: 64)
        let count = Int(kd_program_build_id(&bytes, Int32(bytes.count)))
        return count > 0 ? "\(current)+\(InputDiscovery.hex(bytes.prefix(count)))" : current
    }()
}
