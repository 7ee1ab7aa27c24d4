/// One activity of an action (an assessment, a training, a study visit…).
public struct Activity: Sendable, Hashable, Codable {
    /// The number as written (`1`, `1.1`).
    public var number: String
    /// assessment, advisory, training, study visit, workshop.
    public var type: String?
    /// The activity's title.
    public var title: String?
    /// First day.
    public var start: ReportedDate?
    /// Last day.
    public var end: ReportedDate?
    /// Where it took place.
    public var place: String?
    /// Onsite, remote or hybrid.
    public var modality: String?
    /// The experts deployed.
    public var experts: [Expert]
    /// Female participants.
    public var participantsFemale: Int?
    /// Male participants.
    public var participantsMale: Int?

    /// Creates an activity.
    public init(number: String) {
        self.number = number
        self.experts = []
    }
}

/// An expert deployed on an activity.
public struct Expert: Sendable, Hashable, Codable {
    /// Position (key expert, expert…).
    public var position: String?
    /// Expertise-domain code (`F.00`, `E15`).
    public var domain: String?
    /// The EU member state the expert comes from (ISO code as written).
    public var memberState: String?
    /// Working days.
    public var days: ReportedNumber?

    /// Creates an expert.
    public init(position: String? = nil, domain: String? = nil, memberState: String? = nil, days: ReportedNumber? = nil) {
        self.position = position
        self.domain = domain
        self.memberState = memberState
        self.days = days
    }
}
