import Crypto
import Foundation
import KDCore

/// The size and SHA-256 of each input, which the knowledge base and `run.json` keep.
extension InputDiscovery {
    /// Size and SHA-256 of each file, by path, hashed on every core: a nightly run over thousands of known
    /// files is mostly this.
    public static func digests(of paths: [String]) throws(PipelineError) -> [String: (size: Int, sha256: String)] {
        let digests = ResultSlots<Result<(Int, String), PipelineError>>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            do { digests[index] = .success(try Self.digest(path: paths[index])) } catch {
                digests[index] = .failure(PipelineError(path: paths[index], reason: .io("cannot read the input: \(error)")))
            }
        }
        var result: [String: (size: Int, sha256: String)] = [:]
        for (index, digest) in digests.values.enumerated() {
            switch digest {
            case .some(.success(let value)): result[paths[index]] = value
            case .some(.failure(let error)): throw error
            case .none: throw PipelineError(path: paths[index], reason: .io("cannot read the input"))
            }
        }
        return result
    }

    /// The paths of `files` that can be opened (not those rejected for their name or as a broken link).
    public static func readable(_ files: [InputFile]) -> [String] {
        files.filter { $0.refusal == nil }.map(\.path)
    }

    /// The files with the size and SHA-256 `digests` hold for them.
    public static func hashed(_ files: [InputFile], _ digests: [String: (size: Int, sha256: String)]) -> [InputFile] {
        files.map { file in
            var hashed = file
            if let digest = digests[file.path] { (hashed.size, hashed.sha256) = digest }
            return hashed
        }
    }

    /// SHA-256 (lower-case hex) of a text.
    public static func digest(text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// Bytes as lower-case hex (digests, build IDs).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef")
        return bytes.map { String([digits[Int($0 >> 4)], digits[Int($0 & 0xF)]]) }.joined()
    }

    /// Size and SHA-256 (lower-case hex) of a file, read in blocks of up to 1 MiB.
    public static func digest(path: String) throws -> (Int, String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw PipelineError(path: path, reason: .io("cannot open")) }
        defer { close(descriptor) }
        var status = stat()
        let blockSize = fstat(descriptor, &status) == 0 ? min(max(Int(status.st_size), 4096), 1 << 20) : 1 << 20
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { block.deallocate() }
        var hasher = SHA256()
        var size = 0
        while true {
            let count = read(descriptor, block.baseAddress, blockSize)
            if count < 0 {
                if errno == EINTR { continue }
                throw PipelineError(path: path, reason: .io(String(cString: strerror(errno))))
            }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: block[..<count]))
            size += count
        }
        return (size, hex(hasher.finalize()))
    }
}
