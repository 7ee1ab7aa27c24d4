extension SummaryHTML {
    /// Inline Markdown: backslash escapes, code spans, `**strong**` and `*emphasis*` (a delimiter without
    /// its pair stays as written).
    struct Inline {
        private enum Piece {
            /// Bytes written as text.
            case text(Range<Int>)
            case code(Range<Int>)
            /// `*` or `**`, not yet known to open or close anything.
            case delimiter(Int)
            case open(Int)
            case close(Int)
        }

        private let bytes: [UInt8]
        private var pieces: [Piece] = []

        init(_ bytes: [UInt8], _ range: Range<Int>) {
            self.bytes = bytes
            var pending = range.lowerBound
            var index = range.lowerBound
            func flush(to end: Int) {
                if pending < end { pieces.append(.text(pending..<end)) }
            }
            while index < range.upperBound {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\"), index + 1 < range.upperBound, Self.escapable[Int(bytes[index + 1])] {
                    // The backslash is dropped; the character after it is text.
                    flush(to: index)
                    pending = index + 1
                    index += 2
                } else if byte == UInt8(ascii: "`") {
                    let run = SummaryHTML.run(of: byte, in: bytes, from: index, to: range.upperBound)
                    if let end = Self.closingRun(of: run, in: bytes, from: index + run, to: range.upperBound) {
                        flush(to: index)
                        pieces.append(.code((index + run)..<end))
                        index = end + run
                        pending = index
                    } else {
                        index += run
                    }
                } else if byte == UInt8(ascii: "*") {
                    let count = index + 1 < range.upperBound && bytes[index + 1] == byte ? 2 : 1
                    flush(to: index)
                    pieces.append(.delimiter(count))
                    index += count
                    pending = index
                } else {
                    index += 1
                }
            }
            flush(to: range.upperBound)
            // Each delimiter closes the nearest open one of its kind with nothing unclosed between them.
            var open: [Int] = []
            for position in pieces.indices {
                guard case .delimiter(let count) = pieces[position] else { continue }
                if let last = open.last, case .delimiter(count) = pieces[last] {
                    pieces[last] = .open(count)
                    pieces[position] = .close(count)
                    open.removeLast()
                } else {
                    open.append(position)
                }
            }
        }

        /// Writes the inline Markdown of `range` as HTML (text without markup straight, as most cells are).
        static func write(_ bytes: [UInt8], _ range: Range<Int>, to out: inout [UInt8]) {
            if bytes[range].contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "*") }) {
                Inline(bytes, range).write(to: &out)
            } else {
                SummaryHTML.appendEscaped(bytes[range], to: &out)
            }
        }

        func write(to out: inout [UInt8]) {
            for piece in pieces {
                switch piece {
                case .text(let range):
                    SummaryHTML.appendEscaped(bytes[range], to: &out)
                case .code(let range):
                    out += "<code>".utf8
                    SummaryHTML.appendEscaped(bytes[range], to: &out)
                    out += "</code>".utf8
                case .delimiter(let count): out += repeatElement(UInt8(ascii: "*"), count: count)
                case .open(let count): out += (count == 2 ? "<strong>" : "<em>").utf8
                case .close(let count): out += (count == 2 ? "</strong>" : "</em>").utf8
                }
            }
        }

        /// The text as a reader sees it, without markup (for the page's title and heading ids).
        var plain: String {
            var text: [UInt8] = []
            for piece in pieces {
                switch piece {
                case .text(let range), .code(let range): text += bytes[range]
                case .delimiter(let count): text += repeatElement(UInt8(ascii: "*"), count: count)
                case .open, .close: break
                }
            }
            return String(decoding: text, as: UTF8.self)
        }

        /// ASCII punctuation, which a backslash makes text.
        private static let escapable: [Bool] = (0...255).map { byte in
            (33...47).contains(byte) || (58...64).contains(byte) || (91...96).contains(byte) || (123...126).contains(byte)
        }

        /// Where a run of exactly `count` backticks starts between `start` and `end`, or nil.
        private static func closingRun(of count: Int, in bytes: [UInt8], from start: Int, to end: Int) -> Int? {
            var index = start
            while index < end {
                guard bytes[index] == UInt8(ascii: "`") else {
                    index += 1
                    continue
                }
                let run = SummaryHTML.run(of: bytes[index], in: bytes, from: index, to: end)
                if run == count { return index }
                index += run
            }
            return nil
        }
    }
}
