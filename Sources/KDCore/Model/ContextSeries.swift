/// National context series (World Bank WDI, ILOSTAT): values by country, indicator code and year,
/// each with the indicator's published name (a code such as SI.POV.DDAY changes definition between
/// vintages, so the name always travels with the value).
public struct ContextSeries: Sendable {
    /// One value of a series.
    public struct Point: Sendable, Hashable {
        /// The year.
        public var year: Int
        /// The value.
        public var value: Double
        /// The indicator's published name.
        public var name: String
        /// The file it was read from.
        public var source: String

        /// Creates a point.
        public init(year: Int, value: Double, name: String, source: String) {
            self.year = year
            self.value = value
            self.name = name
            self.source = source
        }
    }

    /// Points by country code, indicator code, sorted by year.
    public private(set) var points: [String: [String: [Point]]] = [:]
    /// Codes the metadata files mark as aggregates (empty Region: WLD, EUU, LMC…).
    public var aggregates: Set<String> = []
    /// Codes the metadata files mark as countries.
    public var countries: Set<String> = []
    /// The names of IATI codes, from the IATI codelists among the context files.
    public var codeNames = IATICodeNames()

    /// An empty set of series.
    public init() {}

    /// Adds a point; returns the point already there for that country, code and year, if any (then nothing is added).
    @discardableResult
    public mutating func add(country: String, code: String, _ point: Point) -> Point? {
        Self.insert(point, into: &points[country, default: [:]][code, default: []])
    }

    /// Inserts `point` into `series` (sorted by year) where it lies, in place: a series copied out and back
    /// for each point took time growing with the square of its length (2.5 million values in 12 s); returns
    /// the point already there for its year instead, if any.
    private static func insert(_ point: Point, into series: inout [Point]) -> Point? {
        // Years mostly come in order: the usual place is the end.
        if series.last.map({ $0.year < point.year }) ?? true {
            series.append(point)
            return nil
        }
        var (low, high) = (0, series.count)
        while low < high {
            let middle = (low + high) / 2
            if series[middle].year < point.year { low = middle + 1 } else { high = middle }
        }
        if low < series.count, series[low].year == point.year { return series[low] }
        series.insert(point, at: low)
        return nil
    }

    /// Whether `code` names a country (not an aggregate): by the metadata when it lists the code, otherwise
    /// by the ISO 3166-1 catalogue.
    public func isCountry(_ code: String, catalogue: CountryCatalogue = .standard) -> Bool {
        if aggregates.contains(code) { return false }
        if countries.contains(code) { return true }
        return catalogue.entries[code] != nil
    }

    /// The series codes held (of any country).
    public var codes: Set<String> { points.values.reduce(into: Set<String>()) { $0.formUnion($1.keys) } }

    /// How many values are held.
    public var count: Int { points.values.reduce(0) { $0 + $1.values.reduce(0) { $0 + $1.count } } }
}

/// A context value attached to an intervention: the value nearest before its start, or the latest up to its end.
public struct ContextRow: Sendable, Hashable {
    /// Which of the two values this is.
    public enum Role: String, Sendable, Hashable {
        case before, after
    }

    /// The intervention.
    public var interventionID: String
    /// Its action code as written.
    public var actionCode: String
    /// The country (ISO3).
    public var countryISO3: String
    /// The indicator code.
    public var code: String
    /// The published name.
    public var name: String
    /// Before the start, or after (latest up to the end).
    public var role: Role
    /// The year of the value.
    public var year: Int
    /// The value.
    public var value: Double
    /// For `after`: the change since `before`, in the series' unit (percentage points for rates).
    public var change: Double?
    /// The file the value was read from.
    public var source: String

    /// Creates a row.
    public init(
        interventionID: String, actionCode: String, countryISO3: String, code: String, name: String, role: Role,
        year: Int, value: Double, change: Double?, source: String
    ) {
        self.interventionID = interventionID
        self.actionCode = actionCode
        self.countryISO3 = countryISO3
        self.code = code
        self.name = name
        self.role = role
        self.year = year
        self.value = value
        self.change = change
        self.source = source
    }
}
