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
        // Each lesson's terms, ascending, each once, with how many times it holds them (sorted and counted rather
        // than kept in a dictionary a lesson: 20,000 dictionaries were a quarter of a lesson-rich run's peak).
        var terms: [[Int]] = []
        var counts: [[Int]] = []
        terms.reserveCapacity(texts.count)
        counts.reserveCapacity(texts.count)
        var found: [Int] = []
        for text in texts {
            found.removeAll(keepingCapacity: true)
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
                found.append(number)
            }
            found.sort()
            var (lessonTerms, lessonCounts) = ([Int](), [Int]())
            for term in found {
                if lessonTerms.last == term { lessonCounts[lessonCounts.count - 1] += 1 } else {
                    lessonTerms.append(term)
                    lessonCounts.append(1)
                }
            }
            terms.append(lessonTerms)
            counts.append(lessonCounts)
        }
        var frequency = [Int](repeating: 0, count: isSet.count)
        for lessonTerms in terms { for term in lessonTerms { frequency[term] += 1 } }
        let total = Double(max(texts.count, 1))
        let weights = zip(terms, counts).map { lessonTerms, lessonCounts in
            var weighted = zip(lessonTerms, lessonCounts).map { term, count in
                (1 + Foundation.log(Double(count))) * Foundation.log(1 + total / Double(frequency[term]))
            }
            // Summed in the terms' order: floating-point sums in another order could tip a tie the other way.
            let norm = weighted.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 0 { weighted = weighted.map { $0 / norm } }
            return weighted
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
