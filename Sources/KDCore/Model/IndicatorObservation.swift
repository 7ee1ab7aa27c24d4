/// An indicator reported in a table (one row per action × indicator), to be attached to its intervention.
public struct IndicatorObservation: Sendable, Hashable, Codable {
    /// The action code as written in the row.
    public var actionCode: String
    /// The normalised action key.
    public var interventionID: String
    /// The indicator, with one period.
    public var indicator: Indicator

    /// Creates an observation.
    public init(actionCode: String, interventionID: String, indicator: Indicator) {
        self.actionCode = actionCode
        self.interventionID = interventionID
        self.indicator = indicator
    }
}
