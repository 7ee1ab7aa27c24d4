import KDCore

/// Groups lessons that say the same thing: texts are folded, stripped of common words and cut to six-letter
/// stems (so that `registre`, `register` and `registro`, or `inspecteurs` and `inspectores`, meet), the terms
/// of a set of equivalents also read as their set (`cadre juridique` and `wettelijke basis`, which share no
/// stem), and weighted by TF-IDF. Lessons are taken in id order; each joins the group whose first lesson (its
/// leader) it is most similar to, when the similarity reaches the threshold, or starts a group of its own: the
/// cosine of the two, or between two languages, when higher, that of the sets of equivalents they share
/// (`LeaderGrouping`). Comparing with leaders only, found through an inverted index of the stems they hold,
/// keeps groups from chaining and the work close to linear. Each group with more than one lesson gets the
/// lesson closest to all the others as its representative, and groups are ranked by how many interventions,
/// then countries, they recur in.
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
        // Lessons in id order, read through their order rather than copied: 20,000 lessons are 6 MB.
        let lessons = batch.lessons.indices.sorted { batch.lessons[$0].id < batch.lessons[$1].id }.lazy.map { batch.lessons[$0] }
        let vectors = LessonVectors(lessons.map(\.text), equivalents: equivalents)
        // Languages numbered (-1: not known), compared as numbers for every candidate.
        var languageNumbers: [String: Int] = [:]
        let languages: [Int] = lessons.map { lesson in
            lesson.language.map { language in
                let key = language.lowercased()
                if let number = languageNumbers[key] { return number }
                languageNumbers[key] = languageNumbers.count
                return languageNumbers.count - 1
            } ?? -1
        }
        var grouping = LeaderGrouping(vectors, languages: languages, threshold: threshold)
        grouping.groupAll()
        var clusters: [LessonCluster] = []
        var clusterOf: [String: String] = [:]
        for members in grouping.groups where members.count > 1 {
            // Closest to all the others: with unit vectors, the sum of a member's similarities to the others is its
            // dot product with the group's summed vector, less one.
            var sum: [Int: Double] = [:]
            for member in members {
                for (term, weight) in zip(vectors.terms[member], vectors.weights[member]) { sum[term, default: 0] += weight }
            }
            let cohesion = { (member: Int) in
                zip(vectors.terms[member], vectors.weights[member]).reduce(0) { $0 + $1.1 * sum[$1.0]! } - 1
            }
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
}
