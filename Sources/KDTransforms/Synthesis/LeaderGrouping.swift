import Foundation
import KDCore

/// Groups lessons in order: each joins the group whose first lesson (its leader) it is most similar to, when
/// the similarity reaches the threshold, or starts a group of its own. Candidate leaders are found through an
/// inverted index of the stems they hold; stems in more than a fifth of the lessons say little about which
/// lessons say the same thing and make no candidates (which would make the work quadratic), though they count
/// in the similarity.
///
/// The similarity to a leader is the cosine of the two lessons, or, for two lessons in two languages sharing
/// `sharedAcrossLanguages` sets of equivalents or more (of those that make candidates), that of their sets
/// alone when it is higher: lessons in two languages share few words, however alike they are. (Stems two
/// languages share, `registre` and `register`, are not compared alone: names, acronyms and loanwords are
/// shared by lessons that say anything.) A cosine is summed over the lesson's terms in ascending order, so a
/// tie is decided the same way in every run: of two leaders as similar, the earlier.
///
/// Lessons are compared in blocks, on every core: each lesson of a block with the leaders there were before
/// the block, side by side; then, in order, with the leaders the block's earlier lessons started, before it
/// is placed. The groups are those of comparing one lesson at a time, whatever the scheduling.
struct LeaderGrouping: Sendable {
    private let vectors: LessonVectors
    /// By lesson: its language numbered, -1 when not known.
    private let languages: [Int]
    private let threshold: Double
    /// By lesson: the length of its sets of equivalents.
    private let setNorms: [Double]
    /// By term: whether it makes candidates (it is in at most a fifth of the lessons).
    private let discerning: [Bool]

    /// The leaders, as lesson indices, in the order they came.
    private(set) var leaders: [Int] = []
    /// By leader position: the lessons of its group, the leader first.
    private(set) var groups: [[Int]] = []
    /// By term: the leaders holding it, in the order they came, with the term's weight there.
    private var postings: [[Posting]]
    /// The leaders by their terms and weights: a lesson that matches no leader but is the same as one (a text
    /// a publisher repeats from one activity to the next) joins it all the same, though when it recurs in more
    /// than a fifth of the lessons all its stems are common ones, and make no candidates.
    private var leaderOfKey: [LessonVectors.Key: Int] = [:]

    /// How many lessons a block holds.
    private let blockSize: Int

    /// How many sets of equivalents two lessons in two languages must share for their sets to be compared
    /// alone: one or two shared sets (`payments`, `register`) say what a lesson is about, not what it says.
    static let sharedAcrossLanguages = 3

    struct Posting: Sendable {
        let leader: Int
        let weight: Double
    }

    /// The most similar leader found for a lesson, and the similarity.
    struct Match: Sendable {
        let leader: Int
        let score: Double

        /// Whether it is more similar than `other`, or as similar and earlier.
        func isBetter(than other: Match?) -> Bool {
            other.map { score > $0.score || (score == $0.score && leader < $0.leader) } ?? true
        }
    }

    init(_ vectors: LessonVectors, languages: [Int], threshold: Double, blockSize: Int = 512) {
        self.vectors = vectors
        self.blockSize = max(1, blockSize)
        self.languages = languages
        self.threshold = threshold
        setNorms = vectors.terms.indices.map(vectors.setNorm)
        let common = max(20, vectors.count / 5)
        discerning = vectors.frequency.map { $0 <= common }
        postings = Array(repeating: [], count: vectors.termCount)
    }

    /// Groups every lesson.
    mutating func groupAll() {
        var scorer = Scorer()
        var start = 0
        while start < vectors.count {
            let block = start..<min(vectors.count, start + blockSize)
            let known = leaders.count
            let earlier = bestAmongKnownLeaders(block)
            for (offset, index) in block.enumerated() {
                scorer.make(room: leaders.count)
                let newer = scorer.best(for: index, in: self, from: known)
                place(index, best: newer.map { $0.isBetter(than: earlier[offset]) ? $0 : earlier[offset] } ?? earlier[offset])
            }
            start = block.upperBound
        }
    }

    /// The most similar of the present leaders to each lesson of `block`, found on every core.
    private func bestAmongKnownLeaders(_ block: Range<Int>) -> [Match?] {
        guard !leaders.isEmpty else { return Array(repeating: nil, count: block.count) }
        let chunk = max(16, block.count / (2 * ProcessInfo.processInfo.activeProcessorCount))
        let chunks = (block.count + chunk - 1) / chunk
        let slots = ResultSlots<[Match?]>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { part in
            var scorer = Scorer()
            scorer.make(room: leaders.count)
            let lessons = (block.lowerBound + part * chunk)..<min(block.upperBound, block.lowerBound + (part + 1) * chunk)
            slots[part] = lessons.map { scorer.best(for: $0, in: self, from: 0) }
        }
        return slots.values.flatMap { $0! }
    }

    /// Places lesson `index` in the group of `best`, when similar enough, or of the leader it is the same as,
    /// or makes it a leader.
    private mutating func place(_ index: Int, best: Match?) {
        if let best, best.score >= threshold {
            groups[best.leader].append(index)
            return
        }
        let key = vectors.key(index)
        if let same = leaderOfKey[key] {
            groups[same].append(index)
            return
        }
        let position = leaders.count
        let terms = vectors.terms[index]
        if !terms.isEmpty { leaderOfKey[key] = position }
        leaders.append(index)
        groups.append([index])
        for (term, weight) in zip(terms, vectors.weights[index]) {
            postings[term].append(Posting(leader: position, weight: weight))
        }
    }

    /// What comparing one lesson with the leaders needs, kept from one lesson to the next.
    struct Scorer {
        /// By leader position: the similarity summed so far, NaN for a leader that is not a candidate (apart, the
        /// array most read stays small enough for the processor's caches); the same over the sets of
        /// equivalents, and how many of those the two share.
        private var scores: [Double] = []
        private var setScores: [SetScore] = []
        private var candidates: [Int] = []
        /// By term of the lesson: where its postings from the first leader compared start.
        private var starts: [Int] = []

        struct SetScore {
            var score = 0.0
            var shared = 0
        }

        /// Makes room for `count` leaders.
        mutating func make(room count: Int) {
            guard scores.count < count else { return }
            scores += repeatElement(.nan, count: count - scores.count)
            setScores += repeatElement(SetScore(), count: count - setScores.count)
        }

        /// The leader of position `first` or later most similar to lesson `index`, among those that share a
        /// stem making candidates with it.
        mutating func best(for index: Int, in grouping: LeaderGrouping, from first: Int) -> Match? {
            let vectors = grouping.vectors
            let terms = vectors.terms[index]
            starts.removeAll(keepingCapacity: true)
            for term in terms {
                starts.append(first == 0 ? 0 : Self.firstPosting(in: grouping.postings[term], from: first))
            }
            // A leader's similarity adds its terms in the lesson's order. A common term finds no candidate but adds
            // to those the others find: they are found first, when the lesson holds such a term.
            let holdsCommonTerm = terms.contains { !grouping.discerning[$0] }
            if holdsCommonTerm {
                for (position, term) in terms.enumerated() where grouping.discerning[term] {
                    for posting in grouping.postings[term][starts[position]...] where scores[posting.leader].isNaN {
                        scores[posting.leader] = 0
                        candidates.append(posting.leader)
                    }
                }
            }
            for (position, (term, weight)) in zip(terms, vectors.weights[index]).enumerated() {
                let (isSet, discerning) = (vectors.isSet[term], grouping.discerning[term])
                for posting in grouping.postings[term][starts[position]...] {
                    let product = weight * posting.weight
                    if scores[posting.leader].isNaN {
                        guard discerning else { continue }
                        scores[posting.leader] = 0
                        candidates.append(posting.leader)
                    }
                    scores[posting.leader] += product
                    if isSet {
                        setScores[posting.leader].score += product
                        if discerning { setScores[posting.leader].shared += 1 }
                    }
                }
            }
            var best: Match?
            for leader in candidates {
                var score = scores[leader]
                let other = grouping.leaders[leader]
                let set = setScores[leader]
                if set.shared >= LeaderGrouping.sharedAcrossLanguages {
                    let (language, otherLanguage) = (grouping.languages[index], grouping.languages[other])
                    if language >= 0, otherLanguage >= 0, language != otherLanguage {
                        score = max(score, set.score / (grouping.setNorms[index] * grouping.setNorms[other]))
                    }
                }
                let match = Match(leader: leader, score: score)
                if match.isBetter(than: best) { best = match }
                (scores[leader], setScores[leader]) = (.nan, SetScore())
            }
            candidates.removeAll(keepingCapacity: true)
            return best
        }

        /// Where the postings of leaders of position `first` or later start in `list` (held in leaders' order).
        static func firstPosting(in list: [Posting], from first: Int) -> Int {
            var (low, high) = (0, list.count)
            while low < high {
                let middle = (low + high) / 2
                if list[middle].leader < first { low = middle + 1 } else { high = middle }
            }
            return low
        }
    }
}
