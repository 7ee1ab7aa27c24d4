import ArgumentParser
import Foundation

/// `kdpipe-bench lessons`: the synthesis of many lessons (classification and grouping), timed inside a real run.
struct LessonsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "Generate a lessons table, run `kdpipe run` on it, print the run's and the synthesis stage's times.",
        discussion: "Target (issue 5): the synthesis of 10,000 lessons in under 10 s on the project's 2-core machine.")

    @Option(help: "Number of lessons.")
    var count = 10_000

    @Option(help: "The kdpipe binary (default: the one beside this benchmark).")
    var kdpipe: String?

    @Option(help: "The lesson taxonomy to classify with.")
    var taxonomy = "Pipelines/taxonomy.yml"

    @Option(help: "Where the generated files and outputs go.")
    var work = FileManager.default.temporaryDirectory.appendingPathComponent("kdpipe-bench-lessons").path

    private static let openings = [
        "Remote missions need an onsite inception visit before", "Involving the staff who will apply the procedures",
        "La mise à jour continue du registre social", "Le partage des données doit reposer sur un cadre juridique",
        "La certificación de competencias requiere a los empleadores", "La formación de inspectores es más eficaz con casos reales",
        "Os pagamentos por carteira móvel exigem agentes com liquidez", "Um piloto pequeno e bem avaliado convence o ministério",
        "Het koppelen van bestanden vraagt afspraken over een persoonsnummer", "Een wettelijke basis voor gegevensdeling is nodig",
    ]
    private static let endings = [
        "the design work in the regions.", "in every pilot district.", "avant toute campagne nationale.", "dans les communes rurales.",
        "en las oficinas regionales.", "para que el sistema funcione.", "nas zonas rurais.", "antes da expansão nacional.",
        "voor de landelijke invoering.", "in de districten.",
    ]

    func run() throws {
        let binary = try Tools.kdpipe(kdpipe)
        let input = URL(fileURLWithPath: work).appendingPathComponent("input")
        let output = URL(fileURLWithPath: work).appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        let actions = max(1, count / 10)
        var register = "action_code;country;area\n"
        let countries = ["SEN", "PER", "MOZ", "KEN", "TGO", "BOL", "ECU", "CPV", "NGA", "SUR"]
        for index in 0..<actions {
            register += "SOCIEUX+ \(2010 + index / 100)-\(index % 100);\(countries[index % countries.count]);Social protection\n"
        }
        var lessons = "action_code;lesson_text\n"
        var random: UInt64 = 7
        func next(_ bound: Int) -> Int {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return Int((random >> 33) % UInt64(bound))
        }
        for index in 0..<count {
            let action = index % actions
            let text = "\(Self.openings[next(Self.openings.count)]) \(Self.endings[next(Self.endings.count)]) (\(index))"
            lessons += "SOCIEUX+ \(2010 + action / 100)-\(action % 100);\(text)\n"
        }
        try register.write(to: input.appendingPathComponent("register.csv"), atomically: true, encoding: .utf8)
        try lessons.write(to: input.appendingPathComponent("lessons.csv"), atomically: true, encoding: .utf8)
        // --full: a second run over the same lessons does the whole work again (the knowledge base would otherwise
        // find nothing new, and leave the last run's report and times).
        let run = try Measurement.run([
            binary, "run", "--input", input.path, "--output", output.path, "--taxonomy", taxonomy, "--quiet", "--full",
        ])
        guard run.status == 0 || run.status == 65 else { throw ValidationError("kdpipe failed with status \(run.status)") }
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("run.json"))) as? [String: Any]
        let stages = (manifest?["stages"] as? [[String: Any]]) ?? []
        func milliseconds(_ name: String) -> Int { stages.first { $0["name"] as? String == name }?["duration_ms"] as? Int ?? -1 }
        let clusters = (try? String(contentsOf: output.appendingPathComponent("lesson_clusters.csv"), encoding: .utf8))?
            .split(separator: "\n").count ?? 1
        print("lessons: \(count) in \(actions) actions")
        print(String(format: "kdpipe run: %.2f s, peak %.1f MiB", run.seconds, run.peakMiB))
        print("classify stage: \(milliseconds("classify")) ms; synthesis stage: \(milliseconds("synthesis")) ms; \(clusters - 1) groups")
        print("target: synthesis (classify + group) under 10 s")
    }
}
