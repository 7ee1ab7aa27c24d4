import ArgumentParser
import Foundation
import KDIngest

/// `kdpipe-bench csv`: kdpipe's CSV reader against Python's `csv` module (C code, RFC 4180) on the same table.
struct CSVBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Generate an indicator table in the European spreadsheet dialect, read it with kdpipe's CSV reader and with Python's csv module, print both throughputs and their ratio.",
        discussion: """
        kdpipe's reader runs in this process (every record read and its fields made Strings, as the table \
        reader receives them); Python runs as its own process. Both count the fields they read, and the counts \
        must agree. Each runs --repeat times; the fastest counts.
        """)

    @Option(help: "Size of the generated table, in MB (10^6 bytes).")
    var size = 64

    @Option(help: "Runs of each reader; the fastest counts.")
    var `repeat` = 3

    @Option(help: "Where the generated table goes.")
    var work = FileManager.default.temporaryDirectory.appendingPathComponent("kdpipe-bench-csv").path

    @Flag(help: "Keep the generated table between runs (regenerate only when missing).")
    var keep = false

    private static let titles = [
        "Taux de couverture de la protection sociale", "Tasa de pobreza monetaria", "Taxa de pobreza extrema",
        "Armoedegraad", "Indice de Gini", "Ménages inscrits au registre social", "Personas con pensión contributiva",
    ]
    private static let comments = [
        "Source : rapport annuel 2022", "Enquête « ménages » ; résultats provisoires", "Dato del \"censo\" 2021",
        "Relatório anual;\r\nvalor estimado", "Geen gegevens voor 2020", "",
    ]

    func run() throws {
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile) else {
            throw ValidationError("python3 not found; it is the reference this benchmark compares with")
        }
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let path = (work as NSString).appendingPathComponent("observations-\(size)MB.csv")
        if !(keep && FileManager.default.fileExists(atPath: path)) { try generate(to: path) }
        let megabytes = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1e6

        let script = """
            import csv, sys
            n = 0
            with open(sys.argv[1], newline='', encoding='utf-8') as f:
                for row in csv.reader(f, delimiter=';'):
                    n += len(row)
            open(sys.argv[2], 'w').write(str(n))
            """
        let countFile = (work as NSString).appendingPathComponent("python-fields.txt")
        var reference = Double.infinity
        var ours = Double.infinity
        var fields = 0
        for _ in 0..<`repeat` {
            let measured = try Measurement.run([python, "-c", script, path, countFile])
            guard measured.status == 0 else { throw ValidationError("python3 failed (status \(measured.status))") }
            reference = min(reference, measured.seconds)
            let start = DispatchTime.now()
            guard let reader = CSVReader(path: path) else { throw ValidationError("cannot open \(path)") }
            fields = 0
            while let record = reader.next() { fields += record.fields.count }
            ours = min(ours, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        }
        let pythonFields = Int((try? String(contentsOfFile: countFile, encoding: .utf8)) ?? "") ?? -1
        guard pythonFields == fields else {
            throw ValidationError("the readers disagree: kdpipe read \(fields) fields, Python \(pythonFields)")
        }
        print(String(format: "input: %.1f MB, %d fields (both readers agree)", megabytes, fields))
        print(String(format: "python3 csv.reader:       %5.2f s  %6.1f MB/s", reference, megabytes / reference))
        print(String(format: "kdpipe CSVReader:         %5.2f s  %6.1f MB/s", ours, megabytes / ours))
        print(String(format: "ratio kdpipe / python3 throughput: %.2f", reference / ours))
    }

    /// Writes rows until the file holds `size` MB: `;`-separated, CRLF, decimal commas, quoted comments with
    /// `;`, doubled quotes and line breaks, text in five languages (the same table on every machine).
    private func generate(to path: String) throws {
        guard let file = fopen(path, "wb") else { throw ValidationError("cannot write \(path)") }
        defer { fclose(file) }
        setvbuf(file, nil, _IOFBF, 1 << 20)
        var random: UInt64 = 1
        func next(_ bound: Int) -> Int {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return Int((random >> 33) % UInt64(bound))
        }
        var row = "Code action;Indicateur;Unité;Valeur de référence;Année de référence;Cible;Valeur atteinte;Source;Commentaire\r\n"
        var written = 0
        var index = 0
        while written < size * 1_000_000 {
            row.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
            written += row.utf8.count
            index += 1
            let title = Self.titles[next(Self.titles.count)]
            let comment = Self.comments[next(Self.comments.count)].replacingOccurrences(of: "\"", with: "\"\"")
            row = "SOCIEUX+ \(2015 + index % 9)-\(index % 97);\(title);%;\(next(100)),\(next(10));\(2015 + index % 6);"
                + "\(next(100));\(next(100)),\(next(100));Ministère;\"\(comment)\"\r\n"
        }
    }
}
