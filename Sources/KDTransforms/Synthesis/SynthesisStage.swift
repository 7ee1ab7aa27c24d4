import Foundation
import KDCore

/// Groups lessons that say the same thing: texts are folded, stripped of common words and cut to six-letter
/// stems (so that `registre`, `register` and `registro`, or `inspecteurs` and `inspectores`, meet) and weighted
/// by TF-IDF. Lessons are taken in id order; each joins the group whose first lesson (its leader) it is most
/// similar to, when the cosine similarity reaches the threshold, or starts a group of its own. Comparing with
/// leaders only, found through an inverted index of the stems they hold, keeps groups from chaining and the
/// work close to linear. Each group with more than one lesson gets the lesson closest to all the others as its
/// representative, and groups are ranked by how many interventions, then countries, they recur in.
public struct SynthesisStage: Stage {
    public static let name = "synthesis"

    /// Cosine similarity from which two lessons are taken to say the same thing.
    public let threshold: Double

    /// Creates the stage.
    public init(threshold: Double = 0.35) {
        self.threshold = threshold
    }

    public func run(_ batch: Batch, diagnostics: inout DiagnosticLog) -> Batch {
        var output = batch
        let lessons = batch.lessons.sorted { $0.id < $1.id }
        let vectors = Self.vectors(lessons.map(\.text))
        // Sums run over terms in a fixed order: dictionary order changes from one process to the next, and
        // floating-point sums in another order could tip a tie the other way.
        let terms = vectors.map { $0.keys.sorted() }
        var leaders: [Int] = []
        // stem → the leaders holding it (positions in `leaders`), with its weight there
        var postings: [Int: [(leader: Int, weight: Double)]] = [:]
        var groups: [Int: [Int]] = [:]  // leader position → member indices
        // Stems found in more than a fifth of the lessons say little about which lessons say the same thing:
        // they do not make candidates (which would make the work quadratic), though they count in the similarity.
        var frequency: [Int: Int] = [:]
        for termList in terms { for term in termList { frequency[term, default: 0] += 1 } }
        let common = max(20, vectors.count / 5)
        // A lesson's similarity to each candidate leader, summed in one pass over its stems in their fixed
        // order: through the postings for the stems that make candidates, by lookup in the candidates for the
        // others. (Each sum is the one a stem-by-stem product with that leader gives, added in the same order.)
        var scores: [Double] = []  // by leader position; NaN for a leader that is not a candidate
        var candidates: [Int] = []
        for (index, vector) in vectors.enumerated() {
            for term in terms[index] where frequency[term]! <= common {
                for posting in postings[term] ?? [] where scores[posting.leader].isNaN {
                    scores[posting.leader] = 0
                    candidates.append(posting.leader)
                }
            }
            for term in terms[index] {
                let weight = vector[term]!
                if frequency[term]! <= common {
                    for posting in postings[term] ?? [] { scores[posting.leader] += weight * posting.weight }
                } else {
                    for leader in candidates {
                        if let other = vectors[leaders[leader]][term] { scores[leader] += weight * other }
                    }
                }
            }
            // The most similar leader; of two as similar, the earlier.
            var best: Int?
            for leader in candidates where best.map({ scores[leader] > scores[$0] || (scores[leader] == scores[$0] && leader < $0) }) ?? true {
                best = leader
            }
            let bestScore = best.map { scores[$0] }
            for leader in candidates { scores[leader] = .nan }
            candidates.removeAll(keepingCapacity: true)
            if let best, let bestScore, bestScore >= threshold {
                groups[best, default: []].append(index)
            } else {
                let position = leaders.count
                leaders.append(index)
                scores.append(.nan)
                groups[position] = [index]
                for term in terms[index] where frequency[term]! <= common {
                    postings[term, default: []].append((position, vector[term]!))
                }
            }
        }
        var clusters: [LessonCluster] = []
        var clusterOf: [String: String] = [:]
        for position in groups.keys.sorted() {
            let members = groups[position]!
            guard members.count > 1 else { continue }
            // Closest to all the others: with unit vectors, the sum of a member's similarities to the others is its
            // dot product with the group's summed vector, less one.
            var sum: [Int: Double] = [:]
            for member in members { for term in terms[member] { sum[term, default: 0] += vectors[member][term]! } }
            let cohesion = { (member: Int) in terms[member].reduce(0) { $0 + vectors[member][$1]! * sum[$1]! } - 1 }
            let representative = members.max { lhs, rhs in
                let (l, r) = (cohesion(lhs), cohesion(rhs))
                return abs(l - r) > 1e-9 ? l < r : lessons[lhs].id > lessons[rhs].id
            }!
            let chosen = lessons[representative]
            let id = "C-\(chosen.id)"
            let themes = Dictionary(grouping: members.compactMap { lessons[$0].themes.first }, by: { $0 })
            let theme = themes.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?.key
            clusters.append(LessonCluster(
                id: id, representative: chosen, lessonIDs: members.map { lessons[$0].id }.sorted(),
                interventions: Set(members.map { lessons[$0].interventionID }).sorted(),
                countries: Set(members.compactMap { lessons[$0].countryISO3 }).sorted(), theme: theme))
            for member in members { clusterOf[lessons[member].id] = id }
        }
        output.clusters = clusters.sorted {
            ($1.interventions.count, $1.countries.count, $1.lessonIDs.count, $0.id)
                < ($0.interventions.count, $0.countries.count, $0.lessonIDs.count, $1.id)
        }
        output.lessons = batch.lessons.map { lesson in
            var result = lesson
            result.clusterID = clusterOf[lesson.id]
            return result
        }
        return output
    }

    /// Unit-length TF-IDF vectors over six-letter stems, stems numbered.
    static func vectors(_ texts: [String]) -> [[Int: Double]] {
        var numbers: [Substring: Int] = [:]
        let documents: [[Int: Double]] = texts.map { text in
            var counts: [Int: Double] = [:]
            for word in Folding.fold(text).split(separator: " ") where word.count >= 3 && !stopwords.contains(String(word)) {
                let stem = word.prefix(6)
                let number = numbers[stem] ?? {
                    let next = numbers.count
                    numbers[stem] = next
                    return next
                }()
                counts[number, default: 0] += 1
            }
            return counts
        }
        var frequency: [Int: Double] = [:]
        for document in documents { for term in document.keys { frequency[term, default: 0] += 1 } }
        let total = Double(max(documents.count, 1))
        return documents.map { document in
            var weighted: [Int: Double] = [:]
            for (term, count) in document {
                let idf = Foundation.log(1 + total / frequency[term]!)
                weighted[term] = (1 + Foundation.log(count)) * idf
            }
            let norm = weighted.keys.sorted().reduce(0) { $0 + weighted[$1]! * weighted[$1]! }.squareRoot()
            return norm > 0 ? weighted.mapValues { $0 / norm } : weighted
        }
    }

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
