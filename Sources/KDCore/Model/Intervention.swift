/// One completed intervention (a SOCIEUX+ action), from a report, a register row, or both.
public struct Intervention: Sendable, Hashable, Codable {
    /// The normalised key: `2020-22` for `SOCIEUX 2020-22 NIGERIA`; the code as written when it has no such form.
    public var id: String
    /// The action code exactly as written.
    public var actionCode: String
    /// Where the record was read (the report file, or the register row).
    public var source: SourceLocation
    /// Which kind of input the record came from.
    public var origin: Origin
    /// The report's declared language (ISO 639-1), when there is one.
    public var language: String?
    /// The title.
    public var title: String?
    /// The partner country.
    public var country: CountryField
    /// The partner institution.
    public var institution: Institution?
    /// Area as written and its normalised key (`social_protection`, `labour`, `employment`).
    public var area: Reported<String>?
    /// Sub-area as written (pensions, labour inspection…).
    public var subArea: String?
    /// Types of assistance, in the facility's vocabulary.
    public var assistanceTypes: [String]
    /// Status as written and normalised (`completed`, `completed_with_changes`, `partially_completed`, `cancelled`).
    public var status: Reported<String>?
    /// First day of the action.
    public var start: ReportedDate?
    /// Last day of the action.
    public var end: ReportedDate?
    /// Onsite, remote or hybrid.
    public var modality: String?
    /// Activities carried out.
    public var activities: [Activity]
    /// Objectives as stated.
    public var objectives: [String]
    /// Outputs as stated.
    public var outputs: [String]
    /// Outcome indicators.
    public var indicators: [Indicator]
    /// Narrative sections (lessons learned, recommendations…).
    public var sections: [NarrativeSection]
    /// How the source writes decimals.
    public var numberStyle: NumberStyle = .unknown
    /// What an IATI activity carries beyond the common fields (nil for SOCIEUX+ records).
    public var iati: IATIDetails?

    /// The kinds of input an intervention record can come from.
    public enum Origin: String, Sendable, Hashable, Codable {
        case report, register, iati
    }

    /// Creates an intervention with only its identity; the rest is filled by the reader.
    public init(id: String, actionCode: String, source: SourceLocation, origin: Origin) {
        self.id = id
        self.actionCode = actionCode
        self.source = source
        self.origin = origin
        self.country = CountryField()
        self.assistanceTypes = []
        self.activities = []
        self.objectives = []
        self.outputs = []
        self.indicators = []
        self.sections = []
    }

    /// The year the action was requested, from its code.
    public var requestYear: Int? { ActionCode(actionCode)?.year }

    /// Total expert working days over all activities.
    public var expertDays: Double {
        activities.reduce(0) { $0 + $1.experts.reduce(0) { $0 + ($1.days?.value ?? 0) } }
    }
}

/// A partner country as written, with its ISO 3166-1 alpha-3 code once known.
public struct CountryField: Sendable, Hashable, Codable {
    /// The name or code as written.
    public var raw: String?
    /// The code given in an attribute or column, if any.
    public var declaredCode: String?
    /// The ISO 3166-1 alpha-3 code resolved by the normalize stage.
    public var iso3: String?

    /// Creates a country field.
    public init(raw: String? = nil, declaredCode: String? = nil, iso3: String? = nil) {
        self.raw = raw
        self.declaredCode = declaredCode
        self.iso3 = iso3
    }
}

/// A partner institution: English name, original-language name, acronym.
public struct Institution: Sendable, Hashable, Codable {
    /// The English name.
    public var name: String
    /// The name in the institution's own language.
    public var originalName: String?
    /// The acronym.
    public var acronym: String?

    /// Creates an institution.
    public init(name: String, originalName: String? = nil, acronym: String? = nil) {
        self.name = name
        self.originalName = originalName
        self.acronym = acronym
    }
}
