import KDCore

/// Reads every context file into one set of series: those the pipeline names (`context_series`), or every
/// one the files hold; and the names the IATI codelists among them give codes.
public struct ContextLoadStage: Stage {
    public static let name = "context-load"

    /// The series codes kept, as the pipeline names them; nil for all.
    let wanted: [String]?

    /// Past this many series, and none named, a run is told that it puts every one of them beside every
    /// action and activity (a WDI bulk download holds some 1,500: `context.csv` would have 3,000 rows an
    /// activity).
    public static let manySeries = 50

    /// Creates the stage; `series`: the codes kept (matched without regard to case), nil for all.
    public init(series: [String]? = nil) {
        wanted = series
    }

    public func run(_ files: [InputFile], diagnostics: inout DiagnosticLog) -> ContextSeries {
        var series = ContextSeries()
        let keeping = wanted.map { Set($0.map { $0.uppercased() }) }
        for file in files { ContextReader().read(file, into: &series, keeping: keeping, diagnostics: &diagnostics) }
        guard !files.isEmpty else { return series }
        let held = series.codes
        if let wanted {
            let found = Set(held.map { $0.uppercased() })
            for code in wanted where !found.contains(code.uppercased()) {
                diagnostics.report(
                    .warning, "CTX-006",
                    "the context series '\(code)' is in none of the \(Format.counted(files.count, "context file"))")
            }
        } else if held.count > Self.manySeries {
            diagnostics.report(
                .warning, "CTX-005",
                "the context files hold \(Format.thousands(held.count)) series, and each is put beside every action and activity (two rows each in context.csv); name those wanted in the pipeline's options: context_series")
        }
        return series
    }
}

extension ContextSeries: StageCounts {
    public var counts: [String: Int] {
        var counts = ["context_values": count, "context_countries": points.keys.count { isCountry($0) }, "context_aggregates": aggregates.count]
        if codeNames.count > 0 { counts["iati_code_names"] = codeNames.count }
        return counts
    }
}
