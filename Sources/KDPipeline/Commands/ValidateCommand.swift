import ArgumentParser
import Foundation
import KDCore
import KDIngest
import KDTransforms

/// `kdpipe validate`: checks input files without writing a report.
public struct ValidateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check files against the report XSD and the readers' rules; print diagnostics.",
        discussion: "Exit status: 0 when no file has an error (with --strict, no warning either), 65 otherwise, 64 for bad arguments."
    )

    @Argument(help: "Files or folders to check.")
    var files: [String]

    @Option(help: "Validate XML files against this XSD instead of the bundled report schema.")
    var schema: String?

    @OptionGroup var options: OutputOptions

    public init() {}

    public func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        let inputs: [InputFile]
        do {
            inputs = try InputDiscovery().files(for: files.map { PipelineConfig.Input(path: PipelineConfig.resolve($0, base: cwd)) })
        } catch {
            options.printError(error.description)
            throw ExitCode(error.exitStatus.rawValue)
        }
        let diagnostics: [Diagnostic]
        do {
            diagnostics = try Self.check(inputs, schema: schema.map { PipelineConfig.resolve($0, base: cwd) })
        } catch let error as SchemaUnusable {
            // Said as a run says a fault of its configuration: the schema's faults as diagnostics, then why
            // nothing was validated (it was ArgumentParser's "Error:" and a usage line).
            options.print(error.diagnostics)
            options.printError(error.message)
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        options.print(diagnostics)
        let status = PipelineRunner.exitStatus(for: diagnostics, strict: options.strict)
        if !(options.quiet && status == .clean) {
            options.write(
                "validate: \(Format.counted(inputs.count, "file")); \(OutputOptions.counts(diagnostics)) (exit \(status.rawValue))",
                fields: ["exit": String(status.rawValue)], prefix: "kdpipe ")
        }
        if status != .clean { throw ExitCode(status.rawValue) }
    }

    /// A schema that cannot be used, and what libxml2 found in it.
    public struct SchemaUnusable: Error, CustomStringConvertible {
        public var message: String
        public var diagnostics: [Diagnostic]
        public var description: String { message }
    }

    /// Validates each XML file against the schema (the given one, or the bundled report schema for native
    /// reports), then runs the readers and the normalize stage over all files; returns every diagnostic, sorted.
    public static func check(_ inputs: [InputFile], schema: String?) throws -> [Diagnostic] {
        var log = DiagnosticLog()
        let schemaPath = schema ?? NativeReportSchema.path
        guard let schemaPath else {
            throw SchemaUnusable(message: "the bundled report schema \(NativeReportSchema.fileName) is missing; give --schema", diagnostics: [])
        }
        guard let validator = SchemaValidator(schemaPath: schemaPath, diagnostics: &log) else {
            // libxml2 repeats some errors once for each entity it met them in; each is said once.
            var seen = Set<Diagnostic>()
            throw SchemaUnusable(
                message: "\(schemaPath): cannot load the schema, so nothing was validated",
                diagnostics: log.entries.filter { seen.insert($0).inserted })
        }
        // Each file is sniffed once; what it is decides which checks it goes through.
        let kinds = inputs.map { InputSniffer.sniff(path: $0.path) }
        for (file, kind) in zip(inputs, kinds) {
            let validatesHere: Bool = switch kind {
            case .xml(let root): schema != nil || root == "intervention-report"
            default: false
            }
            if validatesHere {
                // Without --schema the readers run over the file too and report well-formedness faults
                // with libxml2's own message and column; the validator's would repeat them.
                for diagnostic in validator.validate(file) where schema != nil || diagnostic.code != "XML-001" {
                    log.report(diagnostic)
                }
            }
        }
        // The readers run over every file but XML validated against a schema given. World Bank files and IATI
        // codelists are checked as the context-load stage reads them, not as inputs; each on its own (two files
        // giving the same value differently is a finding of the run that reads both).
        var readerInputs: [InputFile] = []
        for (file, kind) in zip(inputs, kinds) {
            switch kind {
            case .xml(root: "codelist"):
                // Every codelist is a context file; a table is one when it is laid out as WDI's or ILOSTAT's are (below).
                fallthrough
            case .table where ContextReader.isContextFile(path: file.path):
                var series = ContextSeries()
                ContextReader().read(file, into: &series, diagnostics: &log)
            case .xml where schema != nil:
                continue
            default:
                readerInputs.append(file)
            }
        }
        let parsed = ParseStage().run(Batch(inputs: readerInputs), diagnostics: &log)
        _ = NormalizeStage().run(parsed, diagnostics: &log)
        return Array(Set(log.entries)).sorted()
    }
}
