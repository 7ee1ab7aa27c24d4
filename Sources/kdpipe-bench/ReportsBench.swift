import ArgumentParser
import CLibXML2
import Foundation
import KDIngest

/// `kdpipe-bench reports`: the nightly run over many native reports, with its knowledge base: a first run, a
/// run that finds nothing new, and a run after one report changed, beside `xmllint --stream` reading the same
/// files.
struct ReportsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reports",
        abstract: """
            Generate native reports from the sample's, run `kdpipe run` on them as the nightly run does (a first \
            run, one that finds nothing new, one after a report changed) and `xmllint --stream --noout`, print the times.
            """,
        discussion: """
            Each report is a copy of one of the well-formed reports of --templates, given an action code of its own. \
            The runs keep a knowledge base, classify lessons with --taxonomy and match indicators with --catalogue.
            """)

    @Option(help: "Number of reports.")
    var count = 10_000

    @Option(help: "The folder of reports the generated ones are copies of.")
    var templates = "SampleData/reports"

    @Option(help: "The lesson taxonomy to classify with.")
    var taxonomy = "Pipelines/taxonomy.yml"

    @Option(help: "The indicator catalogue to match with.")
    var catalogue = "Pipelines/indicators.yml"

    @Option(help: "The kdpipe binary (default: the one beside this benchmark).")
    var kdpipe: String?

    @Option(help: "Where the generated files, outputs and knowledge base go.")
    var work = FileManager.default.temporaryDirectory.appendingPathComponent("kdpipe-bench-reports").path

    func run() throws {
        let binary = try Tools.kdpipe(kdpipe)
        let xmllint = try Tools.xmllint()
        let reports = try Self.wellFormed(in: templates)
        guard !reports.isEmpty else { throw ValidationError("no well-formed report in \(templates)") }
        let workURL = URL(fileURLWithPath: work)
        let input = workURL.appendingPathComponent("input")
        let output = workURL.appendingPathComponent("out")
        let database = workURL.appendingPathComponent("knowledge.sqlite")
        try? FileManager.default.removeItem(at: workURL)
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        var paths: [String] = []
        var bytes = 0
        for index in 0..<count {
            // Action codes are unique by year and number: up to 999 numbers a year, from 2000 on.
            let code = String(format: "SOCIEUX+ %d-%02d", 2000 + index / 999, index % 999 + 1)
            let text = reports[index % reports.count]
                .replacingOccurrences(of: #"<action-code>[^<]*</action-code>"#, with: "<action-code>\(code)</action-code>", options: .regularExpression)
            let path = input.appendingPathComponent(String(format: "report-%05d.xml", index)).path
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            paths.append(path)
            bytes += text.utf8.count
        }
        print(String(format: "input: %d reports, %.1f MB, copies of the %d well-formed reports of %@", count, Double(bytes) / 1e6,
                     reports.count, templates))

        // One untimed pass so that both tools read the files from the page cache, not from the disk.
        _ = try Measurement.run([xmllint, "--stream", "--noout"] + paths)
        let lint = try Measurement.run([xmllint, "--stream", "--noout"] + paths)
        guard lint.status == 0 else { throw ValidationError("xmllint failed with status \(lint.status)") }
        let arguments = [binary, "run", "--input", input.path, "--output", output.path, "--db", database.path,
                         "--taxonomy", taxonomy, "--catalogue", catalogue, "--quiet"]
        func pipeline(_ label: String) throws {
            let run = try Measurement.run(arguments)
            guard run.status == 0 || run.status == 65 else { throw ValidationError("kdpipe failed with status \(run.status)") }
            print(String(format: "%@ %6.2f s  %5.1f× xmllint  CPU %6.2f s  peak %6.1f MiB", label.padding(toLength: 38, withPad: " ", startingAt: 0),
                         run.seconds, run.seconds / lint.seconds, run.cpuSeconds, run.peakMiB))
        }
        print(String(format: "%@ %6.2f s", "xmllint --stream --noout:".padding(toLength: 38, withPad: " ", startingAt: 0), lint.seconds))
        try pipeline("kdpipe run, a new knowledge base:")
        try pipeline("kdpipe run, nothing changed:")
        let changed = paths[paths.count / 2]
        let text = try String(contentsOfFile: changed, encoding: .utf8)
        try text.replacingOccurrences(of: "<title>", with: "<title>Revised: ").write(toFile: changed, atomically: false, encoding: .utf8)
        try pipeline("kdpipe run, one report changed:")
    }

    /// The texts of the reports of `folder` that libxml2 reads as well-formed XML, in name order.
    static func wellFormed(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".xml") }.sorted().compactMap { name in
            let path = (folder as NSString).appendingPathComponent(name)
            // kdpipe's own options, libxml2 told to keep its messages to itself.
            let quiet = Int32(XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
            guard let document = xmlReadFile(path, nil, XMLStreamReader.options | quiet) else { return nil }
            xmlFreeDoc(document)
            return try String(contentsOfFile: path, encoding: .utf8)
        }
    }
}
