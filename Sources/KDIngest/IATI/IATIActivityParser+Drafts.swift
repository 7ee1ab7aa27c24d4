import KDCore

/// What the open activity, result, indicator, period and split have gathered so far, until they close.
extension IATIActivityParser {
    struct ActivityDraft {
        var line = 0
        var column: Int?
        var identifier: String?
        var language: String?
        var version: String?
        var details = IATIDetails()
        var indicators: [Indicator] = []
    }

    struct ResultDraft {
        var title: String?
        var description: String?
        /// Where the result's indicators start in the activity's.
        var firstIndicator = 0
    }

    struct IndicatorDraft {
        var line = 0
        var column: Int?
        var title: String?
        var description: String?
        var references: [String] = []
        var firstReference: String?
        var baselines: [SplitDraft] = []
        var periods: [IndicatorPeriod] = []

        /// Empties the draft for the next indicator, keeping the room its baselines took (its references
        /// and periods were handed to the indicator made from it).
        mutating func reset(at frame: Frame) {
            (line, column) = (frame.line, frame.column)
            (title, description, firstReference) = (nil, nil, nil)
            (references, periods) = ([], [])
            baselines.removeAll(keepingCapacity: true)
        }
    }

    struct PeriodDraft {
        var line = 0
        var column: Int?
        var start: ReportedDate?
        var end: ReportedDate?
        var targets: [SplitDraft] = []
        var actuals: [SplitDraft] = []

        /// Empties the draft for the next period, keeping the room its lists took (a period's one target
        /// and one actual would otherwise allocate two lists for every period).
        mutating func reset(at frame: Frame) {
            (line, column) = (frame.line, frame.column)
            (start, end) = (nil, nil)
            targets.removeAll(keepingCapacity: true)
            actuals.removeAll(keepingCapacity: true)
        }
    }

    /// A baseline, target or actual with the dimension combination it is split by.
    struct SplitDraft {
        var dimensions: [String] = []
        var locations: [String] = []
        var value: ReportedNumber?
        var year: Int?
        var comment: String?
        /// `sex=female; location=GH`, from the non-empty dimensions and location references; nil when there
        /// are none. Set once, when the element closes (`take()`).
        private(set) var key: String?

        /// The split as it closes, with its key, taken by move: a fresh draft is left in its place.
        mutating func take() -> SplitDraft {
            if !dimensions.isEmpty || !locations.isEmpty { key = (dimensions + locations).joined(separator: "; ") }
            var taken = SplitDraft()
            swap(&self, &taken)
            return taken
        }
    }
}
