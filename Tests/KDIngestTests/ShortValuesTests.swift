import KDCore
import KDTestSupport
import Testing

@testable import KDIngest

@Suite struct ShortValuesTests {
    /// Every value read through the table is what folding its bytes gives, whether it was found there or made:
    /// values of 1 to 20 bytes (the table keeps those of up to 16) from a small alphabet with white space, so
    /// that values repeat, share a length and a slot, and differ in one byte anywhere.
    @Test func aValueReadAgainIsTheValueItsBytesFoldTo() {
        let table = ShortValues()
        var random = SplitMix(seed: 16)
        let alphabet = Array("ab1 \t\né".utf8)
        for _ in 0..<50_000 {
            let count = Int.random(in: 0...20, using: &random)
            let bytes = (0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
            let (read, expected) = bytes.withUnsafeBufferPointer { (table.folded($0), WhiteSpace.folded($0)) }
            #expect(read == expected, "\(bytes)")
        }
    }

    @Test func valuesOfTheSameBytesInAnotherOrderAreApart() {
        let table = ShortValues()
        for text in ["en", "ne", "2019-01-01", "2019-10-10", "2019-01-10", "1", "11", "111", "abcdefgh12345678", "12345678abcdefgh"] {
            for _ in 0..<2 {
                #expect(Array(text.utf8).withUnsafeBufferPointer(table.folded) == text)
            }
        }
    }
}
