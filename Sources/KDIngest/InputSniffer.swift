#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KDCore

/// Tells what an input file holds from its first bytes: XML (and its root element) or delimited text.
public enum InputSniffer {
    /// What the first bytes of a file say.
    public enum Kind: Sendable, Equatable {
        /// XML whose root element has this local name.
        case xml(root: String)
        /// Delimited text (CSV, TSV).
        case table
        /// Nothing kdpipe reads (binary, empty).
        case unknown(String)
    }

    /// Sniffs the first 64 KiB of `path`.
    public static func sniff(path: String) -> Kind {
        guard let handle = fopen(path, "rb") else { return .unknown("cannot open the file") }
        defer { fclose(handle) }
        var bytes = [UInt8](repeating: 0, count: 1 << 16)
        let count = fread(&bytes, 1, bytes.count, handle)
        return sniff(Array(bytes[0..<count]), isWholeFile: count < bytes.count)
    }

    /// Sniffs a prefix of a file (`isWholeFile`: the file itself).
    public static func sniff(_ prefix: [UInt8], isWholeFile: Bool = true) -> Kind {
        guard !prefix.isEmpty else { return .unknown("the file is empty") }
        var bytes = prefix[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            // UTF-16: keep every other byte of the ASCII range to find the root.
            let step = bytes.dropFirst(2)
            let littleEndian = bytes.first == 0xFF
            let ascii = stride(from: step.startIndex + (littleEndian ? 0 : 1), to: step.endIndex, by: 2).map { step[$0] }
            if case .xml(let root) = sniff(ascii) { return .xml(root: root) }
            // Only white space (its code units' other bytes zero) is no table either.
            let high = stride(from: step.startIndex + (littleEndian ? 1 : 0), to: step.endIndex, by: 2)
            if isWholeFile, ascii.allSatisfy(WhiteSpace.isSpace), high.allSatisfy({ step[$0] == 0 }) {
                return .unknown(ascii.isEmpty ? "the file holds only a byte order mark" : "the file holds only white space")
            }
            return .table
        }
        let zeros = bytes.prefix(4096).filter { $0 == 0 }.count
        if zeros > 0 { return .unknown("binary content (NUL bytes)") }
        // Read as bytes: only ASCII marks matter here, and the first element is usually within a few lines,
        // so the 64 KiB are neither decoded nor walked as characters.
        if bytes.isEmpty, isWholeFile { return .unknown("the file holds only a byte order mark") }
        let trimmed = bytes.drop(while: WhiteSpace.isSpace)
        if trimmed.isEmpty, isWholeFile { return .unknown("the file holds only white space") }
        guard trimmed.first == UInt8(ascii: "<") else { return .table }
        return .xml(root: rootName(in: trimmed) ?? "")
    }

    /// The first element name after the XML declaration, comments, processing instructions and DOCTYPE.
    static func rootName(in bytes: ArraySlice<UInt8>) -> String? {
        var rest = bytes
        while let open = rest.firstIndex(of: UInt8(ascii: "<")) {
            rest = rest[(open + 1)...]
            if rest.first == UInt8(ascii: "?") || rest.first == UInt8(ascii: "!") {
                // A comment ends at `-->` (whatever brackets it holds), a DOCTYPE with an internal subset at `]>`.
                var close = Array(">".utf8)
                if rest.starts(with: "!--".utf8) {
                    close = Array("-->".utf8)
                } else if let end = rest.firstIndex(of: UInt8(ascii: ">")), rest[..<end].contains(UInt8(ascii: "[")) {
                    close = Array("]>".utf8)
                }
                guard let range = rest.firstRange(of: close) else { return nil }
                rest = rest[range.upperBound...]
                continue
            }
            let name = rest.prefix { !WhiteSpace.isSpace($0) && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "/") }
            let local = name.split(separator: UInt8(ascii: ":")).last ?? name
            return String(decoding: local, as: UTF8.self)
        }
        return nil
    }
}
