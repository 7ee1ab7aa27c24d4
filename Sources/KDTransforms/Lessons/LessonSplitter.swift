import KDCore

/// Splits a free-text section into single lessons: one per bullet or numbered item when the text has them,
/// otherwise one per paragraph (blank-line separated). It only ever splits at the start of a line, so a
/// sentence that runs over several lines is never cut in two; an introductory line ending with a colon
/// ("The main lessons are:") is not a lesson of its own.
public struct LessonSplitter: Sendable {
    /// One piece of text and the line it starts on, counted from the text's first line (0-based).
    public struct Piece: Sendable, Hashable {
        /// The lesson, white space folded, its bullet or number removed.
        public var text: String
        /// Lines after the first line of the text where the piece starts.
        public var lineOffset: Int
    }

    /// Creates a splitter.
    public init() {}

    /// The lessons in `text`.
    public func split(_ text: String) -> [Piece] {
        let lines = Self.lines(of: text)
        let marked = lines.map { Self.marker(in: $0) }
        let hasItems = marked.contains { $0 != nil }
        var pieces: [Piece] = []
        var current: [String] = []
        var start = 0
        func close() {
            let joined = current.joined(separator: " ").collapsingWhitespace
            if !joined.isEmpty, !(hasItems && joined.hasSuffix(":") && pieces.isEmpty) {
                pieces.append(Piece(text: joined, lineOffset: start))
            }
            current = []
        }
        for (index, line) in lines.enumerated() {
            let blank = line.isBlank
            if blank {
                close()
                continue
            }
            if let length = marked[index] {
                close()
                start = index
                current = [String(line.drop { $0.isWhitespace }.dropFirst(length))]
                continue
            }
            if current.isEmpty { start = index }
            current.append(line)
        }
        close()
        return pieces
    }

    /// The lines of `text`, split at LF, CR LF and CR, byte by byte (each is a character of its own: a line
    /// break never joins the characters beside it), as `split(omittingEmptySubsequences: false)` at those
    /// characters gives them without walking the text's characters.
    static func lines(of text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var lines: [String] = []
            var (start, index) = (0, 0)
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == 0x0A || byte == 0x0D else {
                    index += 1
                    continue
                }
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                start = index
            }
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            return lines
        }
    }

    /// The length of the bullet or number that starts `line` (after its indentation), or nil.
    static func marker(in line: String) -> Int? {
        let body = line.drop { $0.isWhitespace }
        guard let first = body.first else { return nil }
        if "-•*–—◦·▪●".contains(first), body.dropFirst().first?.isWhitespace == true { return 2 }
        // 1. 1) (1) 12. a) b. iv)
        var index = body.startIndex
        var opened = false
        if body[index] == "(" {
            opened = true
            index = body.index(after: index)
        }
        let token = body[index...].prefix { $0.isNumber || ($0.isLetter && $0.isLowercase) }
        guard !token.isEmpty, token.count <= 4 else { return nil }
        let isNumber = token.allSatisfy(\.isNumber) && token.count <= 2
        let isLetter = token.count == 1 && token.first!.isLetter
        let isRoman = token.allSatisfy { "ivx".contains($0) }
        guard isNumber || isLetter || isRoman else { return nil }
        index = body.index(index, offsetBy: token.count)
        guard index < body.endIndex, body[index] == ")" || (!opened && body[index] == ".") else { return nil }
        index = body.index(after: index)
        guard index < body.endIndex, body[index].isWhitespace else { return nil }
        return body.distance(from: body.startIndex, to: index) + 1
    }
}
