import KDCore
import Testing

@Suite struct EquivalentsTests {
    /// Each term is read as its set before its first word, the words kept; a stem matches the words it starts,
    /// a phrase its words in order, and a term inside a longer one counts too.
    @Test func termsAreReadAsTheirSetsBesideTheirWords() {
        let equivalents = Equivalents([["data sharing", "partage des données"], ["data", "données"], ["payment*", "pagamento*"], ["x", "yz"]])
        let read = equivalents.read(Folding.fold("Le partage des données; data sharing pagamentos PAYMENT pay"))
        let sets = read.compactMap { if case .set(let set) = $0 { set } else { nil } }
        #expect(sets == [0, 1, 0, 1, 2, 2])
        #expect(read.count == 9 + sets.count)
        // Terms of fewer than three letters are left out; the sets are counted all the same.
        #expect(equivalents.sets.count == 4)
        #expect(equivalents.read("x yz").allSatisfy { if case .word = $0 { true } else { false } })
    }
}
