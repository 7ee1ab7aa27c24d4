/// kdpipe's version, shown by `kdpipe --version` and recorded in `run.json` and the summary.
public enum KDPipeVersion {
    /// The release.
    public static let current = "0.1.0"
}
