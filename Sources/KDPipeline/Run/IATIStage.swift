import Foundation
import KDCore
import KDIngest
import KDReports
import KDTransforms

/// The IATI lane: streams every IATI file one activity at a time through the per-record stages
/// (normalize, indicators, lessons) and on to the CSV outputs, keeping only running totals and, up to a bound,
/// the lessons, which are grouped with the reports' once the lane is done. Files are read in
/// parallel, one per core, and a large file is read in pieces side by side (`IATIPieces`); each file or piece
/// spools its own rows, which are appended to the tables in file order as soon as those before them are in,
/// so the outputs are the same whatever the scheduling.
struct IATIStage: Stage {
    static let name = "iati"

    /// What the lane produced besides its rows: totals, the diagnostic tally, and the activities' lessons kept
    /// to be grouped.
    struct Output: StageCounts, Sendable {
        var portfolio = IATIPortfolio()
        var tally: DiagnosticTally
        var rejected: [RejectedInput] = []
        var failure: PipelineError?
        /// The activities' lessons, in input order, up to `lessonsKept`, to be grouped with the reports' and
        /// recorded in the knowledge base, and how many more there were (each a row of `lessons.csv` all the same,
        /// streamed after the rows of those kept).
        var lessons: [Lesson] = []
        var lessonsNotKept = 0

        var counts: [String: Int] { portfolio.counts }
    }

    let workFolder: String
    /// The tables the rows go to.
    let sinks: TableSinks
    let normalize: NormalizeStage
    let catalogue: CatalogueStage
    let indicators: IndicatorsStage
    let series: ContextSeries
    let lessons: LessonsStage
    let classify: ClassifyStage
    let keepListed: Int
    /// The size of a piece (see `IATIPieces`).
    var pieceBytes = IATIPieces.defaultPieceBytes
    /// The rows a file or piece holds in memory per table (see `RowSpool`); the results waiting for those
    /// before them hold four times as much in all.
    var spoolBytes = RowSpool.defaultSpillBytes
    /// The activities' lessons kept, to be grouped with the reports' and recorded in the knowledge base: the
    /// first `lessonsKept` of the lane, of which at most `lessonsKeptPerPiece` from each file or piece, so that
    /// memory stays bounded whatever a file holds, and which are kept does not depend on the scheduling.
    static let lessonsKept = 20_000
    static let lessonsKeptPerPiece = 2_000

    /// Adds `lessons` to `kept` while it holds fewer than `bound`; returns those it had no room for.
    static func keep(_ lessons: [Lesson], in kept: inout [Lesson], upTo bound: Int) -> ArraySlice<Lesson> {
        let room = max(0, bound - kept.count)
        kept += lessons.prefix(room)
        return lessons.dropFirst(room)
    }

    func run(_ files: [InputFile], diagnostics: inout DiagnosticLog) -> Output {
        let planned = ResultSlots<IATIPieces>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            planned[index] = IATIPieces(path: files[index].path, pieceBytes: pieceBytes)
        }
        let plans = planned.values
        // The work: every piece of every file, or the whole file when it is not cut.
        let work = files.indices.flatMap { file in
            plans[file].map { plan in plan.pieces.indices.map { (file: file, piece: Optional($0)) } } ?? [(file, nil)]
        }
        // With fewer pieces than cores, each one reads on a thread of its own, ahead of its writing.
        let overlap = work.count < ProcessInfo.processInfo.activeProcessorCount
        let joiner = Joiner(stage: self, files: files, plans: plans, work: work)
        DispatchQueue.concurrentPerform(iterations: work.count) { index in
            let (file, piece) = work[index]
            joiner.add(process(files[file], piece: piece.map { (plans[file]!.pieces[$0], plans[file]!) }, index: index, overlap: overlap), at: index)
        }
        return joiner.output
    }

    /// Joins what files and pieces produced, in file order, as soon as each is ready, so that what a piece
    /// holds (its totals, its first diagnostics) is not kept to the end of the run.
    private final class Joiner: @unchecked Sendable {
        private let lock = NSLock()
        private let stage: IATIStage
        private let files: [InputFile]
        private let plans: [IATIPieces?]
        private let work: [(file: Int, piece: Int?)]
        /// Results that arrived before those ahead of them, and the next one to join.
        private var waiting: [Int: FileResult] = [:]
        private var next = 0
        /// The bytes of rows the waiting results hold in memory; past four spools' worth (16 MiB), a result
        /// that must wait spills its rows to its working files first.
        private var waitingBytes = 0
        private var waitingLimit: Int { 4 * stage.spoolBytes }
        /// The totals of the file being joined, and whether the rest of it was read again in one stream.
        private var portfolio = IATIPortfolio()
        private var firstError: Diagnostic?
        private var restRead = false
        private(set) var output: Output

        init(stage: IATIStage, files: [InputFile], plans: [IATIPieces?], work: [(file: Int, piece: Int?)]) {
            self.stage = stage
            self.files = files
            self.plans = plans
            self.work = work
            output = Output(tally: DiagnosticTally(keep: stage.keepListed))
        }

        func add(_ result: FileResult, at index: Int) {
            lock.withLock {
                if index != next {
                    if waitingBytes + result.heldBytes > waitingLimit { result.spill() }
                    waitingBytes += result.heldBytes
                }
                waiting[index] = result
                while let ready = waiting.removeValue(forKey: next) {
                    if next != index { waitingBytes -= ready.heldBytes }
                    join(ready, at: next)
                    next += 1
                }
            }
        }

        private func join(_ result: FileResult, at index: Int) {
            let (fileIndex, piece) = work[index]
            var result = result
            if restRead {
                result.discard()
            } else {
                if let piece, let plan = plans[fileIndex], !plan.pieces[piece].provesCut(result.reading) {
                    // A piece that did not end cleanly, or held other activities than the scan counted: the
                    // cut after it cannot be trusted (or the file is broken there), so the file is read again
                    // from that piece to its end in one stream, and its faults are reported as one stream
                    // meets them. (Rare: the other cores wait meanwhile.)
                    result.discard()
                    result = stage.process(
                        files[fileIndex], piece: (plan.rest(from: piece), plan), index: work.count + fileIndex, overlap: true)
                    restRead = true
                }
                // The lessons the lane has no more room for are rows at once, before those the piece wrote.
                let rest = IATIStage.keep(result.lessons, in: &output.lessons, upTo: IATIStage.lessonsKept)
                if !rest.isEmpty {
                    var rows = CSVBuffer()
                    for lesson in rest { TableWriters.writeLessonRow(lesson, to: &rows) }
                    stage.sinks.write(rows, to: TableSinks.lessons)
                }
                output.lessonsNotKept += rest.count + result.lessonsNotKept
                stage.sinks.append(result.rows)
                output.tally.append(result.tally)
                output.failure = output.failure ?? result.failure
                portfolio.merge(result.portfolio)
                firstError = firstError ?? result.firstError
            }
            guard index + 1 == work.count || work[index + 1].file != fileIndex else { return }
            // The file's last piece: its totals join the lane's.
            if portfolio.activities > 0 {
                portfolio.files = 1
            } else if let error = firstError {
                output.rejected.append(RejectedInput(file: files[fileIndex].displayPath, error: error))
            }
            output.portfolio.merge(portfolio)
            (portfolio, firstError, restRead) = (IATIPortfolio(), nil, false)
        }
    }

    /// What the reading thread hands over: an activity with its diagnostics, then the file's own findings.
    enum Handoff: Sendable {
        case activity(Intervention, DiagnosticLog)
        case end(DiagnosticLog, IATIReader.Reading)
    }

    /// What one file, or one piece of a file, produced.
    struct FileResult: Sendable {
        /// Its rows, one spool per table of `TableSinks.names`.
        var rows: [RowSpool]
        var portfolio = IATIPortfolio()
        var tally: DiagnosticTally
        var firstError: Diagnostic?
        var failure: PipelineError?
        var reading: IATIReader.Reading?
        /// Its activities' lessons kept (see `lessonsKept`), and how many more it had (rows of its spool).
        var lessons: [Lesson] = []
        var lessonsNotKept = 0

        /// Drops the rows (of a piece whose reading is not used).
        func discard() {
            for spool in rows { spool.discard() }
        }

        /// The bytes of rows held in memory.
        var heldBytes: Int { rows.reduce(0) { $0 + $1.heldBytes } }

        /// Writes the rows held in memory to the working files.
        func spill() {
            for spool in rows {
                spool.spill(releasing: true)
                _ = spool.finish()
            }
        }
    }

    /// Reads a file, or one piece of it, and spools its rows. With `overlap`, reading runs on a thread of its
    /// own.
    private func process(_ file: InputFile, piece: (IATIPieces.Piece, IATIPieces)?, index: Int, overlap: Bool) -> FileResult {
        let base = (workFolder as NSString).appendingPathComponent(String(format: "iati-%05d", index))
        let spools = TableSinks.names.map { RowSpool(path: "\(base).\($0).part", spillBytes: spoolBytes) }
        let (interventionRows, indicatorRows, diagnosticRows, contextRows, lessonRows) =
            (spools[0], spools[1], spools[2], spools[3], spools[4])
        var result = FileResult(rows: spools, tally: DiagnosticTally(keep: keepListed))
        var pending = DiagnosticLog()
        func flush(_ stage: String) {
            for var diagnostic in pending.entries {
                diagnostic.stage = diagnostic.stage ?? stage
                diagnosticRows.write { TableWriters.writeDiagnosticRow(diagnostic, to: &$0) }
                result.tally.add(diagnostic)
                if diagnostic.severity == .error, result.firstError == nil { result.firstError = diagnostic }
            }
            pending = DiagnosticLog()
        }
        func write(_ measured: consuming Intervention, _ log: DiagnosticLog) {
            pending = log
            flush("parse")
            normalize.normalize(&measured, diagnostics: &pending)
            flush(NormalizeStage.name)
            catalogue.apply(to: &measured, diagnostics: &pending)
            flush(CatalogueStage.name)
            indicators.measure(&measured, diagnostics: &pending)
            flush(IndicatorsStage.name)
            let activityLessons = lessons.lessons(of: measured, diagnostics: &pending).map(classify.classify)
            flush(LessonsStage.name)
            interventionRows.write { TableWriters.writeInterventionRow(measured, lessons: activityLessons.count, to: &$0) }
            indicatorRows.write { TableWriters.writeIndicatorRows(measured, to: &$0) }
            contextRows.write { csv in
                for row in ContextStage().rows(for: measured, in: series) { TableWriters.writeContextRow(row, to: &csv) }
            }
            // The first lessons are kept to be grouped; the others are rows at once.
            let rest = Self.keep(activityLessons, in: &result.lessons, upTo: Self.lessonsKeptPerPiece)
            if !rest.isEmpty {
                lessonRows.write { csv in
                    for lesson in rest { TableWriters.writeLessonRow(lesson, to: &csv) }
                }
                result.lessonsNotKept += rest.count
            }
            result.portfolio.lessons += activityLessons.count
            result.portfolio.lessonTally.add(activityLessons)
            result.portfolio.add(measured)
        }
        @Sendable func read(_ fileLog: inout DiagnosticLog, _ body: (consuming Intervention, DiagnosticLog) -> Void) -> IATIReader.Reading {
            guard let (piece, plan) = piece else { return IATIReader().read(file, diagnostics: &fileLog, body) }
            return IATIReader().read(file, piece: piece, of: plan, diagnostics: &fileLog, body)
        }
        var fileLog = DiagnosticLog()
        if overlap {
            // Reading (libxml2 and building activities) runs on its own thread, ahead of normalising and
            // writing on this one; the bounded queue keeps at most 64 activities in flight.
            let queue = BoundedQueue<Handoff>(capacity: 64)
            let reading = Thread {
                var fileLog = DiagnosticLog()
                let reading = read(&fileLog) { activity, log in queue.push(.activity(consume activity, log)) }
                queue.push(.end(fileLog, reading))
            }
            reading.stackSize = 8 << 20
            reading.start()
            reading: while true {
                switch queue.pop() {
                case .activity(let activity, let log):
                    write(consume activity, log)
                case .end(let log, let reading):
                    fileLog = log
                    result.reading = reading
                    break reading
                }
            }
        } else {
            result.reading = read(&fileLog, write)
        }
        pending = fileLog
        flush("parse")
        for rows in spools where !rows.finish() {
            result.failure = PipelineError(path: rows.path, reason: .io("cannot write a working file (disk full?)"))
        }
        return result
    }
}
