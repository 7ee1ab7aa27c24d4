import Foundation
import KDCore
import KDIngest
import KDReports
import KDTransforms

/// The IATI lane: streams every IATI file one activity at a time through the per-record stages
/// (normalize, indicators) and straight to part files of the CSV outputs, keeping only running totals.
/// Files are read in parallel, one per core; each writes its own parts, which are joined in file order,
/// so the outputs are the same whatever the scheduling.
struct IATIStage: Stage {
    static let name = "iati"

    /// What the lane produced: part files to append, totals, and the diagnostic tally.
    struct Output: StageCounts, Sendable {
        var interventionParts: [String] = []
        var indicatorParts: [String] = []
        var diagnosticParts: [String] = []
        var contextParts: [String] = []
        var lessonParts: [String] = []
        var portfolio = IATIPortfolio()
        var tally: DiagnosticTally
        var rejected: [RejectedInput] = []
        var failure: PipelineError?

        var counts: [String: Int] { portfolio.counts }
    }

    let workFolder: String
    let normalize: NormalizeStage
    let catalogue: CatalogueStage
    let indicators: IndicatorsStage
    let series: ContextSeries
    let lessons: LessonsStage
    let classify: ClassifyStage
    let keepListed: Int

    func run(_ files: [InputFile], diagnostics: inout DiagnosticLog) -> Output {
        let results = ResultSlots<FileResult>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results[index] = process(files[index], index: index)
        }
        var output = Output(tally: DiagnosticTally(keep: keepListed))
        for (file, result) in zip(files, results.values) {
            guard let result else { continue }
            output.interventionParts.append(result.interventions)
            output.indicatorParts.append(result.indicators)
            output.diagnosticParts.append(result.diagnostics)
            output.contextParts.append(result.context)
            output.lessonParts.append(result.lessons)
            output.portfolio.merge(result.portfolio)
            output.tally.append(result.tally)
            if result.portfolio.activities == 0, let error = result.firstError {
                output.rejected.append(RejectedInput(file: file.displayPath, reason: "[\(error.code)] \(error.message)"))
            }
            output.failure = output.failure ?? result.failure
        }
        return output
    }

    /// What the reading thread hands over: an activity with its diagnostics, then the file's own findings.
    enum Handoff: Sendable {
        case activity(Intervention, DiagnosticLog)
        case end(DiagnosticLog)
    }

    /// What one file produced.
    struct FileResult: Sendable {
        var interventions: String
        var indicators: String
        var diagnostics: String
        var context: String
        var lessons: String
        var portfolio = IATIPortfolio()
        var tally: DiagnosticTally
        var firstError: Diagnostic?
        var failure: PipelineError?
    }

    private func process(_ file: InputFile, index: Int) -> FileResult {
        let base = (workFolder as NSString).appendingPathComponent(String(format: "iati-%05d", index))
        var result = FileResult(
            interventions: base + ".interventions.part", indicators: base + ".indicators.part",
            diagnostics: base + ".diagnostics.part", context: base + ".context.part",
            lessons: base + ".lessons.part", tally: DiagnosticTally(keep: keepListed))
        let interventionRows: RowFile
        let indicatorRows: RowFile
        let diagnosticRows: RowFile
        let contextRows: RowFile
        let lessonRows: RowFile
        do {
            interventionRows = try RowFile(path: result.interventions)
            indicatorRows = try RowFile(path: result.indicators)
            diagnosticRows = try RowFile(path: result.diagnostics)
            contextRows = try RowFile(path: result.context)
            lessonRows = try RowFile(path: result.lessons)
        } catch {
            result.failure = error
            return result
        }
        var pending = DiagnosticLog()
        func flush(_ stage: String) {
            for var diagnostic in pending.entries {
                diagnostic.stage = diagnostic.stage ?? stage
                diagnosticRows.append(TableWriters.diagnosticRow(diagnostic))
                result.tally.add(diagnostic)
                if diagnostic.severity == .error, result.firstError == nil { result.firstError = diagnostic }
            }
            pending = DiagnosticLog()
        }
        // Reading (libxml2, the element tree, mapping) runs on its own thread, ahead of normalising and
        // writing on this one; the bounded queue keeps at most 64 activities in flight.
        let queue = BoundedQueue<Handoff>(capacity: 64)
        let reading = Thread {
            var fileLog = DiagnosticLog()
            IATIReader().read(file, diagnostics: &fileLog) { activity, log in queue.push(.activity(activity, log)) }
            queue.push(.end(fileLog))
        }
        reading.stackSize = 8 << 20
        reading.start()
        while true {
            switch queue.pop() {
            case .activity(let activity, let log):
                pending = log
                flush("parse")
                var measured = activity
                normalize.normalize(&measured, diagnostics: &pending)
                flush(NormalizeStage.name)
                catalogue.apply(to: &measured, diagnostics: &pending)
                flush(CatalogueStage.name)
                indicators.measure(&measured, diagnostics: &pending)
                flush(IndicatorsStage.name)
                let activityLessons = lessons.lessons(of: measured, diagnostics: &pending)
                flush(LessonsStage.name)
                interventionRows.append(TableWriters.interventionRow(measured, lessons: activityLessons.count))
                for row in TableWriters.indicatorRows(measured) { indicatorRows.append(row) }
                for row in ContextStage().rows(for: measured, in: series) { contextRows.append(TableWriters.contextRow(row)) }
                for lesson in activityLessons { lessonRows.append(TableWriters.lessonRow(classify.classify(lesson))) }
                result.portfolio.lessons += activityLessons.count
                result.portfolio.add(measured)
                continue
            case .end(let fileLog):
                pending = fileLog
                flush("parse")
            }
            break
        }
        if result.portfolio.activities > 0 { result.portfolio.files = 1 }
        for rows in [interventionRows, indicatorRows, diagnosticRows, contextRows, lessonRows] where !rows.close() {
            result.failure = PipelineError(path: rows.path, reason: .io("cannot write a working file (disk full?)"))
        }
        return result
    }
}

/// Fixed slots that concurrent workers fill, one slot each, read after they have all finished.
final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    subscript(index: Int) -> Value? {
        get { lock.withLock { storage[index] } }
        set { lock.withLock { storage[index] = newValue } }
    }

    var values: [Value?] { lock.withLock { storage } }
}
