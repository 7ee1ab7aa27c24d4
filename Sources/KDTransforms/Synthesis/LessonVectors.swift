import Foundation
import KDCore

/// Lessons as unit-length TF-IDF vectors over six-letter stems and sets of equivalents, their terms numbered
/// in the order they are first met, each lesson's held ascending with their weights beside them.
struct LessonVectors: Sendable {
    /// Each lesson's terms, ascending.
    let terms: [[Int]]
    /// The weights of each lesson's terms, in the same order.
    let weights: [[Double]]
    /// By term: whether it stands for a set of equivalents (a term carried across languages).
    let isSet: [Bool]
    /// By term: how many lessons hold it.
    let frequency: [Int]

    /// The vectors of `texts`, folded, stripped of common words and cut to six-letter stems, with the sets of
    /// equivalents their terms belong to.
    init(_ texts: [String], equivalents: Equivalents = .none) {
        var numbers: [Equivalents.Reading: Int] = [:]
        var isSet: [Bool] = []
        let documents: [[Int: Int]] = texts.map { text in
            var counts: [Int: Int] = [:]
            for reading in equivalents.read(Folding.fold(text)) {
                var term = reading
                if case .word(let word) = reading {
                    guard word.count >= 3, !Self.stopwords.contains(String(word)) else { continue }
                    term = .word(word.prefix(6))
                }
                let number = numbers[term] ?? {
                    let next = numbers.count
                    numbers[term] = next
                    if case .set = term { isSet.append(true) } else { isSet.append(false) }
                    return next
                }()
                counts[number, default: 0] += 1
            }
            return counts
        }
        var frequency = [Int](repeating: 0, count: isSet.count)
        for document in documents { for term in document.keys { frequency[term] += 1 } }
        let total = Double(max(documents.count, 1))
        var terms: [[Int]] = []
        var weights: [[Double]] = []
        terms.reserveCapacity(documents.count)
        weights.reserveCapacity(documents.count)
        for document in documents {
            let ascending = document.keys.sorted()
            var weighted = ascending.map { term in
                (1 + Foundation.log(Double(document[term]!))) * Foundation.log(1 + total / Double(frequency[term]))
            }
            // Summed in the terms' order: floating-point sums in another order could tip a tie the other way.
            let norm = weighted.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 0 { weighted = weighted.map { $0 / norm } }
            terms.append(ascending)
            weights.append(weighted)
        }
        (self.terms, self.weights, self.isSet, self.frequency) = (terms, weights, isSet, frequency)
    }

    /// How many lessons there are.
    var count: Int { terms.count }

    /// How many terms there are.
    var termCount: Int { isSet.count }

    /// The length of the part of lesson `index` that stands for sets of equivalents.
    func setNorm(_ index: Int) -> Double {
        zip(terms[index], weights[index]).reduce(0.0) { sum, term in isSet[term.0] ? sum + term.1 * term.1 : sum }.squareRoot()
    }

    /// A lesson's terms and weights together, to find lessons that are the same.
    struct Key: Hashable, Sendable {
        let terms: [Int]
        let weights: [Double]
    }

    /// Lesson `index`'s terms and weights, as a key.
    func key(_ index: Int) -> Key { Key(terms: terms[index], weights: weights[index]) }

    /// Words too common to say what a lesson is about, in the five languages.
    static let stopwords: Set<String> = [
        "the", "and", "for", "that", "this", "with", "are", "was", "were", "when", "only", "from", "have", "has", "than",
        "not", "should", "their", "they", "them", "its", "into", "more", "all", "who", "which", "would", "will", "been",
        "les", "des", "une", "dans", "pour", "que", "qui", "sur", "pas", "par", "aux", "avec", "ont", "doit", "plus",
        "est", "sont", "ete", "leur", "leurs", "ces", "cette", "son", "ses",
        "los", "las", "del", "una", "para", "con", "por", "como", "mas", "sus", "fue", "debe", "solo", "cuando",
        "uma", "dos", "das", "com", "nao", "mais", "foi", "deve", "quando", "seus", "suas", "pelo", "pela",
        "het", "een", "van", "voor", "dat", "die", "met", "niet", "door", "wordt", "bij", "aan", "moet", "als", "ook", "naar",
    ]
}
