import ArgumentParser
import Foundation
import KDCore
import KDReports
import KDStore

/// Where the search and history commands find the knowledge base: `--db`, or a pipeline file's.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The knowledge base (SQLite file).")
    var db: String?

    @Option(name: .long, help: "A pipeline file whose knowledge base to open.")
    var pipeline: String?

    /// Runs `body` on the knowledge base. A database error, on opening it or reading it, is said as a run
    /// says it (for a damaged file, what to do) and exits 74, as the exit table has it (it exited 1 with
    /// SQLite's words alone).
    func read<T>(_ body: (KnowledgeBase) throws -> T) throws -> T {
        let path = try path()
        do {
            return try body(KnowledgeBase(path: path))
        } catch let error where error is ValidationError || error is ExitCode {
            throw error
        } catch {
            let fault = PipelineError(path: path, reason: .io("cannot read the knowledge base: \(PipelineRunner.describe(error))"))
            FileHandle.standardError.write(Data("kdpipe: error: \(fault.description.controlsSpelledOut)\n".utf8))
            throw ExitCode(fault.exitStatus.rawValue)
        }
    }

    /// Says a refusal found once the command runs (a knowledge base missing, a theme its lessons do not have)
    /// as ArgumentParser says a refusal of the arguments, naming the command (thrown from `run()`, it showed
    /// the usage of kdpipe itself, not the command's); exit 64.
    static func refuse(_ error: ValidationError, command: String) -> ExitCode {
        FileHandle.standardError.write(Data("Error: \(error.message)\nSee 'kdpipe \(command) --help' for more information.\n".utf8))
        return ExitCode.validationFailure
    }

    /// The knowledge base's path, which must exist.
    private func path() throws -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path: String
        if let db {
            path = PipelineConfig.resolve(db, base: cwd)
        } else if let pipeline {
            let config: PipelineConfig
            do { config = try PipelineConfig.load(path: pipeline) } catch {
                throw ValidationError(error.description)
            }
            guard let database = config.databasePath else { throw ValidationError("\(pipeline) keeps no knowledge base") }
            path = database
        } else {
            throw ValidationError("give --db FILE or --pipeline FILE")
        }
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("\(path): no knowledge base there yet") }
        return path
    }
}

/// `kdpipe search`: the lessons of the knowledge base that match a query, best first.
public struct SearchCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the lessons of the knowledge base (every word must match; case and accents ignored; bm25 ranking).")

    @Argument(help: "The words to find, in any of the five languages; without words, every lesson the filters keep.")
    var query: [String] = []

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only lessons of this partner country: its ISO3 or ISO2 code, or its name (Kenya, Sénégal).")
    var country: String?

    @Option(help: "Only lessons of this theme, as its key or its words (labour_inspection, 'Labour inspection').")
    var theme: String?

    @Option(help: "Only lessons of this kind: \(SectionKey.allCases.map(\.kind).joined(separator: ", ")).")
    var kind: String?

    @Option(help: "Only lessons in this language (en, fr, es, pt, nl).")
    var language: String?

    @Option(help: "Only recommendations addressed to this addressee: facility, eu_delegation, partner (or their words: 'EU Delegation').")
    var addressee: String?

    @Option(help: "Only lessons first recorded on or after this date (YYYY-MM-DD).")
    var since: String?

    @Option(help: "text, csv or json.")
    var format = "text"

    @Option(help: "How many lessons at most.")
    var limit = 20

    @Flag(help: "Find the words as written only: a term of the taxonomy's equivalents ('legal basis') is not also looked for as the others of its set ('cadre juridique', 'wettelijke basis'…).")
    var exact = false

    public init() {}

    /// A filter that can match nothing as written (a kind misspelt, a date that is none) is refused rather
    /// than answered with "no lesson matches".
    public func validate() throws {
        guard ["text", "csv", "json"].contains(format) else { throw ValidationError("--format must be text, csv or json") }
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        if query.allSatisfy({ $0.allSatisfy(\.isWhitespace) }), [country, theme, kind, language, since, addressee].allSatisfy({ $0 == nil }) {
            throw ValidationError("give words to find, or a filter (--country, --theme, --kind, --language, --since, --addressee)")
        }
        let kinds = SectionKey.allCases.map(\.kind)
        if let kind, !kinds.contains(kind) {
            throw ValidationError("--kind '\(kind)' is none of \(kinds.joined(separator: ", "))")
        }
        if let since, !Self.isDay(since) { throw ValidationError("--since '\(since)' is not a day written YYYY-MM-DD") }
        if let country, CountryCatalogue.standard.resolve(country) == nil {
            throw ValidationError("--country '\(country)' is no country kdpipe knows (give its ISO3 code or its name)")
        }
    }

    /// The key `given` names among those `known` (themes, addressees): as the key, the key's words (`Labour
    /// inspection`, `EU Delegation`) or its label (`Remote and onsite delivery`: delivery_modality), case and
    /// accents ignored.
    static func key(_ given: String, among known: [(key: String, label: String?)]) -> String? {
        let folded = Folding.key(given)
        return known.first { $0.key == folded || $0.label.map(Folding.key) == folded }?.key
    }

    /// Whether `text` is a day of the calendar written `YYYY-MM-DD`.
    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.map(\.count) == [4, 2, 2], let year = Int(parts[0]), let month = Int(parts[1]),
              let day = Int(parts[2]), (1...12).contains(month), day >= 1 else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let first = DateComponents(calendar: calendar, year: year, month: month, day: 1)
        return calendar.range(of: .day, in: .month, for: first.date!).map { $0.contains(day) } ?? false
    }

    public func run() throws {
        do { try search() } catch let error as ValidationError { throw DatabaseOptions.refuse(error, command: "search") }
    }

    private func search() throws {
        let iso3 = country.flatMap(CountryCatalogue.standard.resolve)
        let hits = try database.read { base in
            var filters = KnowledgeBase.Filters(country: iso3, kind: kind, language: language, since: since)
            // A theme is known only to the lessons recorded: one that none has is refused, naming those they have.
            if let theme {
                let known = try base.themes()
                guard let key = Self.key(theme, among: known) else {
                    let listed = known.map { theme in theme.label.map { "\($0) (\(theme.key))" } ?? theme.key }
                    throw ValidationError(
                        "--theme '\(theme)' is no theme of the knowledge base's lessons (\(known.isEmpty ? "they have none" : "they have: \(listed.joined(separator: ", "))"))")
                }
                filters.theme = key
            }
            // Likewise an addressee no recorded recommendation has.
            if let addressee {
                let known = try base.addressees()
                guard let key = Self.key(addressee, among: known.map { ($0, nil) }) else {
                    throw ValidationError(
                        "--addressee '\(addressee)' is the addressee of none of the knowledge base's recommendations (\(known.isEmpty ? "none says whom it is for" : "they are addressed to: \(known.joined(separator: ", "))"))")
                }
                filters.addressee = key
            }
            // A term of the equivalents the last run recorded is also looked for as the others of its set; said on
            // standard error, so that a reader knows why a lesson in another language is found.
            let words = query.joined(separator: " ")
            let equivalents = exact ? Equivalents.none : Equivalents(try base.equivalents())
            var said: Set<String> = []
            for widening in KnowledgeBase.widened(words, by: equivalents) where said.insert(Folding.key(widening.term)).inserted {
                let others = widening.set.filter { Folding.key($0) != Folding.key(widening.term) }
                let line = "kdpipe search: '\(widening.term)' also as \(others.map { "'\($0)'" }.joined(separator: ", ")) (--exact for the words alone)"
                FileHandle.standardError.write(Data((line.controlsSpelledOut + "\n").utf8))
            }
            // One more than asked, to tell whether there are more.
            return try base.search(words, filters: filters, limit: limit + 1, equivalents: equivalents)
        }
        let more = hits.count > limit
        let shown = hits.prefix(limit)
        switch format {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(Array(shown)), as: UTF8.self))
        case "csv":
            print("lesson_id,action_code,country_iso3,language,kind,theme,source_file,source_line,text,addressee")
            for hit in shown {
                let line: String = hit.sourceLine.map { String($0) } ?? ""
                var cells: [String] = [hit.id, hit.actionCode, hit.countryISO3 ?? "", hit.language ?? "", hit.kind]
                cells += [hit.theme ?? "", hit.sourceFile, line, hit.text, hit.addressee ?? ""]
                print(CSVTable.line(cells), terminator: "")
            }
        default:
            for hit in shown {
                let line: String = hit.sourceLine.map { String($0) } ?? ""
                // Lessons are text from the inputs: spelled out so that none can drive the terminal.
                print("\(hit.actionCode) (\(hit.countryISO3 ?? "–"), \(hit.language ?? "–"), \(hit.kind)) \(hit.sourceFile):\(line)".controlsSpelledOut)
                print("  \(hit.snippet)".controlsSpelledOut)
            }
            if hits.isEmpty { FileHandle.standardError.write(Data("kdpipe search: no lesson matches\n".utf8)) }
        }
        // Said on standard error, so that a CSV or JSON on standard output stays whole.
        if more {
            let first = limit == 1 ? "the first lesson is shown" : "the first \(limit) lessons are shown"
            FileHandle.standardError.write(Data("kdpipe search: \(first); more match (--limit N shows more)\n".utf8))
        }
    }
}

/// `kdpipe history`: the last runs recorded in the knowledge base.
public struct HistoryCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List the last runs recorded in the knowledge base, newest first.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "How many runs.")
    var limit = 20

    @Option(help: "text, csv or json (for a script that watches the nightly runs).")
    var format = "text"

    public init() {}

    public func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        guard ["text", "csv", "json"].contains(format) else { throw ValidationError("--format must be text, csv or json") }
    }

    public func run() throws {
        let runs: [KnowledgeBase.RunSummary]
        do { runs = try database.read { try $0.history(limit: limit) } } catch let error as ValidationError {
            throw DatabaseOptions.refuse(error, command: "history")
        }
        switch format {
        case "json":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(runs), as: UTF8.self))
            return
        case "csv":
            print("run,pipeline,started_at,finished_at,exit_status,inputs,interventions,indicator_periods,lessons,errors,warnings,notes")
            for run in runs {
                let counts = [run.exitStatus, run.inputs, run.interventions, run.indicatorPeriods, run.lessons, run.errors,
                              run.warnings, run.notes].map { String($0) }
                print(CSVTable.line([String(run.id), run.pipeline, run.startedAt, run.finishedAt] + counts), terminator: "")
            }
            return
        default:
            break
        }
        print("run  started               exit  inputs  interventions  indicator periods  lessons  errors  warnings  pipeline")
        for run in runs {
            print(String(format: "%-4d %-21@ %-5d %-7d %-14d %-18d %-8d %-7d %-9d %@",
                         run.id, run.startedAt, run.exitStatus, run.inputs, run.interventions, run.indicatorPeriods,
                         run.lessons, run.errors, run.warnings, run.pipeline))
        }
    }
}
