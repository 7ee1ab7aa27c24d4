import KDCore
import KDTestSupport
import Testing

@Suite struct ByteBufferTests {
    /// Bytes written in runs of every size, through every way in, come out as an array given the same runs;
    /// a copy taken halfway keeps what it held while the original goes on growing past its capacity.
    @Test func writesWhatAnArrayWouldAndCopiesOnWrite() {
        var random = SplitMix(seed: 11)
        var buffer = ByteBuffer()
        var expected: [UInt8] = []
        var snapshot: (ByteBuffer, [UInt8])?
        for step in 0..<2_000 {
            let run = (0..<Int(random.next() % 40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            switch step % 3 {
            case 0: run.withUnsafeBufferPointer { buffer.append($0) }
            case 1: for byte in run { buffer.append(byte) }
            default:
                buffer.write(upTo: run.count + 5) { out in
                    for (index, byte) in run.enumerated() { out[index] = byte }
                    return run.count
                }
            }
            expected += run
            if step == 700 { snapshot = (buffer, expected) }
        }
        #expect(buffer.array == expected)
        #expect(buffer.count == expected.count)
        #expect(snapshot.map { $0.0.array == $0.1 } == true)
        var emptied = buffer
        emptied.removeAll()
        #expect(emptied.isEmpty && buffer.array == expected)
        emptied.append("é,\"")
        #expect(emptied.text == "é,\"")
    }

    /// Bytes appended again are those at the range given, also when the buffer must grow (and move) first,
    /// or shares its storage with a copy.
    @Test func appendsAgainWhatItWrote() {
        var buffer = ByteBuffer()
        buffer.append("head,")
        let start = buffer.count
        buffer.append(String(repeating: "é", count: 40))
        let end = buffer.count
        let copy = buffer
        for _ in 0..<10 { buffer.appendAgain(start..<end) }
        #expect(buffer.text == "head," + String(repeating: "é", count: 440))
        #expect(copy.text == "head," + String(repeating: "é", count: 40))
        buffer.appendAgain(0..<5)
        #expect(buffer.text.hasSuffix("éhead,"))
    }

    @Test func spellsWholeNumbersDigitByDigit() {
        var random = SplitMix(seed: 5)
        for value in [0, 9, 10, 99, 100, UInt64.max] + (0..<500).map({ _ in random.next() >> (random.next() % 64) }) {
            var buffer = ByteBuffer()
            Format.appendDigits(of: value, to: &buffer)
            #expect(buffer.text == String(value))
        }
    }
}
