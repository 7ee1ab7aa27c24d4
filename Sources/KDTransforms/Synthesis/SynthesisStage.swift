import Foundation
import KDCore

/// Groups lessons that say the same thing: texts are folded, stripped of common words and cut to six-letter
/// stems (so that `registre`, `register` and `registro`, or `inspecteurs` and `inspectores`, meet), the terms
/// of a set of equivalents also read as their set (`cadre juridique` and `wettelijke basis`, which share no
/// stem), and weighted by TF-IDF. Lessons are taken in id order; each joins the group whose first lesson (its
/// leader) it is most similar to, when the similarity reaches the threshold, or starts a group of its own: the
/// cosine of the two, or between two languages, when higher, that of the terms the languages share (below). Comparing with
/// leaders only, found through an inverted index of the stems they hold, keeps groups from chaining and the
/// work close to linear. Each group with more than one lesson gets the lesson closest to all the others as its
/// representative, and groups are ranked by how many interventions, then countries, they recur in.
public struct SynthesisStage: Stage {
    public static let name = "synthesis"

    /// Cosine similarity from which two lessons are taken to say the same thing.
    public let threshold: Double
    /// Words and phrases also read as the set they belong to.
    public let equivalents: Equivalents

    /// Creates the stage.
    public init(threshold: Double = 0.35, equivalents: Equivalents = .none) {
        self.threshold = threshold
        self.equivalents = equivalents
    }

    public func run(_ batch: Batch, diagnostics: inout DiagnosticLog) -> Batch {
        var output = batch
        let lessons = batch.lessons.sorted { $0.id < $1.id }
        let (vectors, carried) = Self.vectors(lessons.map(\.text), equivalents: equivalents)
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
        // Lessons in two languages share few words, however alike they are: between two such lessons, the sets of
        // equivalents they hold (`carried`: the terms carried across languages) are also compared alone, when the
        // two share `sharedAcrossLanguages` of them or more. (Stems two languages share, `registre` and
        // `register`, are not among them: names, acronyms and loanwords are shared by lessons that say anything.)
        // Languages numbered (-1: not known), compared as numbers for every candidate.
        var languageNumbers: [String: Int] = [:]
        let languages = lessons.map { lesson in
            lesson.language.map { language in
                let key = language.lowercased()
                if let number = languageNumbers[key] { return number }
                languageNumbers[key] = languageNumbers.count
                return languageNumbers.count - 1
            } ?? -1
        }
        let carriedNorms = vectors.indices.map { index in
            terms[index].reduce(0.0) { sum, term in carried.contains(term) ? sum + vectors[index][term]! * vectors[index][term]! : sum }
                .squareRoot()
        }
        // A lesson's similarity to each candidate leader, summed in one pass over its stems in their fixed
        // order: through the postings for the stems that make candidates, by lookup in the candidates for the
        // others. (Each sum is the one a stem-by-stem product with that leader gives, added in the same order.)
        var scores: [Double] = []  // by leader position; NaN for a leader that is not a candidate
        // The same over the sets of equivalents, and how many of them the two share (of those that make
        // candidates: a set in a fifth of the lessons does not tell two lessons in two languages together).
        var carriedScores: [Double] = []
        var carriedShared: [Int] = []
        var candidates: [Int] = []
        // A lesson that matches no leader but is the same as one (the same terms, weighed the same: a text a
        // publisher repeats from one activity to the next) joins it all the same: when it recurs in more than a
        // fifth of the lessons, all its stems are common ones, and make no candidates.
        var leaderOfVector: [[Int: Double]: Int] = [:]
        for (index, vector) in vectors.enumerated() {
            for term in terms[index] where frequency[term]! <= common {
                for posting in postings[term] ?? [] where scores[posting.leader].isNaN {
                    scores[posting.leader] = 0
                    candidates.append(posting.leader)
                }
            }
            for term in terms[index] {
                let weight = vector[term]!
                let isCarried = carried.contains(term)
                if frequency[term]! <= common {
                    for posting in postings[term] ?? [] {
                        scores[posting.leader] += weight * posting.weight
                        if isCarried {
                            carriedScores[posting.leader] += weight * posting.weight
                            carriedShared[posting.leader] += 1
                        }
                    }
                } else {
                    for leader in candidates {
                        guard let other = vectors[leaders[leader]][term] else { continue }
                        scores[leader] += weight * other
                        if isCarried { carriedScores[leader] += weight * other }
                    }
                }
            }
            // The most similar leader; of two as similar, the earlier. The similarity to a leader is the cosine of
            // the two lessons, or, for lessons in two languages sharing enough sets of equivalents, that of their
            // sets if it is higher. (Written out here: a nested function would capture the arrays it reads, which
            // then live in boxes for the whole loop, and every access to them costs more: a tenth of the time.)
            var best: Int?
            var bestScore: Double?
            for leader in candidates {
                var score = scores[leader]
                if carriedShared[leader] >= Self.sharedAcrossLanguages {
                    let other = leaders[leader]
                    if languages[index] >= 0, languages[other] >= 0, languages[index] != languages[other] {
                        score = max(score, carriedScores[leader] / (carriedNorms[index] * carriedNorms[other]))
                    }
                }
                if bestScore.map({ score > $0 || (score == $0 && leader < best!) }) ?? true { (best, bestScore) = (leader, score) }
            }
            for leader in candidates { (scores[leader], carriedScores[leader], carriedShared[leader]) = (.nan, 0, 0) }
            candidates.removeAll(keepingCapacity: true)
            if let best, let bestScore, bestScore >= threshold {
                groups[best, default: []].append(index)
            } else if let same = leaderOfVector[vector] {
                groups[same, default: []].append(index)
            } else {
                let position = leaders.count
                if !vector.isEmpty { leaderOfVector[vector] = position }
                leaders.append(index)
                scores.append(.nan)
                carriedScores.append(0)
                carriedShared.append(0)
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

    /// How many sets of equivalents two lessons in two languages must share for their sets to be compared
    /// alone: one or two shared sets (`payments`, `register`) say what a lesson is about, not what it says.
    static let sharedAcrossLanguages = 3

    /// Unit-length TF-IDF vectors over six-letter stems and sets of equivalents, terms numbered; and the numbers
    /// of the sets.
    static func vectors(_ texts: [String], equivalents: Equivalents = .none) -> (vectors: [[Int: Double]], sets: Set<Int>) {
        var numbers: [Equivalents.Reading: Int] = [:]
        let documents: [[Int: Double]] = texts.map { text in
            var counts: [Int: Double] = [:]
            for reading in equivalents.read(Folding.fold(text)) {
                var term = reading
                if case .word(let word) = reading {
                    guard word.count >= 3, !stopwords.contains(String(word)) else { continue }
                    term = .word(word.prefix(6))
                }
                let number = numbers[term] ?? {
                    let next = numbers.count
                    numbers[term] = next
                    return next
                }()
                counts[number, default: 0] += 1
            }
            return counts
        }
        var frequency: [Int: Double] = [:]
        for document in documents { for term in document.keys { frequency[term, default: 0] += 1 } }
        let total = Double(max(documents.count, 1))
        let sets = Set(numbers.compactMap { reading, number in if case .set = reading { number } else { nil } })
        let vectors = documents.map { document in
            var weighted: [Int: Double] = [:]
            for (term, count) in document {
                let idf = Foundation.log(1 + total / frequency[term]!)
                weighted[term] = (1 + Foundation.log(count)) * idf
            }
            let norm = weighted.keys.sorted().reduce(0) { $0 + weighted[$1]! * weighted[$1]! }.squareRoot()
            return norm > 0 ? weighted.mapValues { $0 / norm } : weighted
        }
        return (vectors, sets)
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
