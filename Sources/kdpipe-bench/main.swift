import ArgumentParser
import CLibXML2
import Foundation
import KDCore
import KDIngest

/// `kdpipe-bench`: measures kdpipe against a reference tool in the same run.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kdpipe-bench",
        abstract: "Measure kdpipe against reference tools (xmllint, Python's csv module) on generated inputs.",
        subcommands: [IATIBench.self, ReportsBench.self, LessonsBench.self, CSVBench.self])
}

struct IATIBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iati",
        abstract: "Generate IATI files, run `kdpipe run` and `xmllint --stream --noout` on them, print throughputs and their ratio.",
        discussion: """
        Single file: one file of --size MB. Corpus: --files files of --size/--files MB each, which kdpipe reads \
        in parallel and xmllint one after the other. Each tool runs --repeat times; the best time counts.
        """)

    @Option(help: "Total size of the generated input, in MB (10^6 bytes).")
    var size = 256

    @Option(help: "Number of files the input is split into (1: single file).")
    var files = 1

    @Option(help: "Runs of each tool; the fastest counts.")
    var `repeat` = 3

    @Option(help: "The kdpipe binary (default: the one beside this benchmark).")
    var kdpipe: String?

    @Option(help: "Where the generated files and outputs go.")
    var work = FileManager.default.temporaryDirectory.appendingPathComponent("kdpipe-bench").path

    @Flag(help: "Keep the generated input between runs (regenerate only when missing).")
    var keep = false

    func run() throws {
        let binary = try Tools.kdpipe(kdpipe)
        let xmllint = try Tools.xmllint()
        let input = URL(fileURLWithPath: work).appendingPathComponent("iati-\(size)MB-\(files)")
        let output = URL(fileURLWithPath: work).appendingPathComponent("out")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        var paths: [String] = []
        var activities = 0
        for index in 0..<files {
            let path = input.appendingPathComponent(String(format: "part-%03d.xml", index)).path
            paths.append(path)
            if keep, FileManager.default.fileExists(atPath: path) { continue }
            activities += try IATIGenerator(seed: UInt64(index + 1)).write(to: path, bytes: size * 1_000_000 / files)
        }
        let bytes = try paths.reduce(0) { $0 + (try FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int ?? 0) }
        let megabytes = Double(bytes) / 1e6
        print(String(format: "input: %d file(s), %.1f MB%@", files, megabytes, activities > 0 ? ", \(activities) activities" : ""))

        // One untimed pass so that both tools read the files from the page cache, not from the disk.
        _ = try Measurement.run([xmllint, "--stream", "--noout"] + paths)
        var best: [String: Measurement] = [:]
        for _ in 0..<max(1, `repeat`) {
            let lint = try Measurement.run([xmllint, "--stream", "--noout"] + paths)
            // --full: every repetition does the whole work (the knowledge base would otherwise find nothing new).
            let pipe = try Measurement.run([binary, "run", "--input", input.path, "--output", output.path, "--quiet", "--full"])
            guard lint.status == 0 else { throw ValidationError("xmllint failed with status \(lint.status)") }
            guard pipe.status == 0 || pipe.status == 65 else { throw ValidationError("kdpipe failed with status \(pipe.status)") }
            if best["xmllint"].map({ lint.seconds < $0.seconds }) ?? true { best["xmllint"] = lint }
            if best["kdpipe"].map({ pipe.seconds < $0.seconds }) ?? true { best["kdpipe"] = pipe }
        }
        let lint = best["xmllint"]!
        let pipe = best["kdpipe"]!
        print(String(format: "xmllint --stream --noout: %6.2f s  %7.1f MB/s  peak %6.1f MiB", lint.seconds, megabytes / lint.seconds, lint.peakMiB))
        print(String(format: "kdpipe run:               %6.2f s  %7.1f MB/s  peak %6.1f MiB", pipe.seconds, megabytes / pipe.seconds, pipe.peakMiB))
        print(String(format: "ratio kdpipe / xmllint throughput: %.2f", lint.seconds / pipe.seconds))
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print(String(format: "kdpipe CPU time: %.2f s on %d cores (%.0f %% of one core)", pipe.cpuSeconds,
                     cores, 100 * pipe.cpuSeconds / pipe.seconds))
        // Where the time goes: the IATI reader alone (libxml2's SAX2 parser and building activities, nothing
        // written).
        // Each as many times as the tools, the fastest counting (one run alone swung by a third on this machine).
        let runs = max(1, `repeat`)
        let reading = fastest(runs, { readerAlone(paths) }, by: \.seconds)
        print(String(format: "  of which reading alone: %6.2f s  %7.1f MB/s  (%d activities, one core, in this process)",
                     reading.seconds, megabytes / reading.seconds, reading.activities))
        // And of that, libxml2's SAX2 parser alone: every element parsed, nothing built.
        let sax = fastest(runs, { saxAlone(paths) }, by: \.seconds)
        print(String(format: "  of which libxml2 alone: %6.2f s  %7.1f MB/s  (%d elements, SAX2 push parser, one core)",
                     sax.seconds, megabytes / sax.seconds, sax.elements))
        // And libxml2's reader alone, the engine xmllint --stream runs: every node read, nothing built.
        let streaming = fastest(runs, { libxml2Alone(paths) }, by: \.seconds)
        print(String(format: "  libxml2's reader alone: %6.2f s  %7.1f MB/s  (%d nodes, xmllint's engine, one core)",
                     streaming.seconds, megabytes / streaming.seconds, streaming.nodes))
        if files > 1 {
            // What the corpus target asks of the CPU: with every core busy, a ratio of 1.4 needs kdpipe's CPU
            // time within cores / 1.4 times xmllint's (one core).
            let budget = lint.seconds * Double(cores) / 1.4
            print(String(format: "the 1.4× target on %d cores needs kdpipe's CPU time within %.2f s (%.2f s × %d / 1.4); it took %.2f s",
                         cores, budget, lint.seconds, cores, pipe.cpuSeconds))
            // How much of that the reading alone takes, and so what is left for hashing the inputs, normalising,
            // measuring and writing every row, against what they take now.
            let rest = pipe.cpuSeconds - reading.seconds
            if reading.seconds < budget {
                print(String(format: "reading alone takes %.2f s of it, leaving %.2f s for hashing, normalising, measuring and writing, which take %.2f s",
                             reading.seconds, budget - reading.seconds, rest))
            } else {
                print(String(format: "reading alone takes %.2f s, more than all of it; hashing, normalising, measuring and writing take %.2f s more",
                             reading.seconds, rest))
            }
        }
        if !keep { try? FileManager.default.removeItem(at: input) }
    }
}

/// The fastest of `runs` runs of `measure`, by the time `seconds` reads from each.
func fastest<Result>(_ runs: Int, _ measure: () -> Result, by seconds: (Result) -> Double) -> Result {
    var best = measure()
    for _ in 1..<max(1, runs) {
        let next = measure()
        if seconds(next) < seconds(best) { best = next }
    }
    return best
}

/// Reads `paths` one after the other with kdpipe's IATI reader, keeping nothing: the reading thread's share
/// of `kdpipe run`.
func readerAlone(_ paths: [String]) -> (seconds: Double, activities: Int) {
    let start = DispatchTime.now()
    var activities = 0
    for path in paths {
        var log = DiagnosticLog()
        activities += IATIReader().read(InputFile(path: path, displayPath: path), diagnostics: &log) { _, _ in }.activities
    }
    return (Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9, activities)
}

/// Reads `paths` one after the other with libxml2's reader (`xmlTextReader`, what `xmllint --stream` runs)
/// with kdpipe's options, visiting every node and building nothing.
func libxml2Alone(_ paths: [String]) -> (seconds: Double, nodes: Int) {
    let start = DispatchTime.now()
    var nodes = 0
    for path in paths {
        guard let xml = XMLStreamReader(path: path) else { continue }
        while xml.read() { nodes += 1 }
    }
    return (Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9, nodes)
}

/// Parses `paths` with libxml2's SAX2 push parser (what kdpipe's IATI reader drives, and the engine under
/// libxml2's reader), with kdpipe's options, counting elements and building nothing: the floor under
/// `readerAlone`.
func saxAlone(_ paths: [String]) -> (seconds: Double, elements: Int) {
    let start = DispatchTime.now()
    var elements = 0
    let blockSize = SAXStreamReader.blockSize
    let block = UnsafeMutablePointer<CChar>.allocate(capacity: blockSize)
    defer { block.deallocate() }
    for path in paths {
        guard let file = fopen(path, "rb") else { continue }
        defer { fclose(file) }
        var handler = xmlSAXHandler()
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { context, _, _, _, _, _, _, _, _ in
            context?.assumingMemoryBound(to: Int.self).pointee += 1
        }
        withUnsafeMutablePointer(to: &elements) { counter in
            guard let parser = xmlCreatePushParserCtxt(&handler, counter, nil, 0, path) else { return }
            defer { xmlFreeParserCtxt(parser) }
            xmlCtxtUseOptions(parser, XMLStreamReader.options)
            while true {
                let count = fread(block, 1, blockSize, file)
                if count == 0 || xmlParseChunk(parser, block, Int32(count), 0) != 0 { break }
            }
            xmlParseChunk(parser, nil, 0, 1)
        }
    }
    return (Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9, elements)
}

Bench.main()
