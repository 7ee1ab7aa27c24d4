/// What an IATI activity carries beyond the fields every intervention has.
public struct IATIDetails: Sendable, Hashable, Codable {
    /// A code with an optional vocabulary and share, as IATI lists countries, regions and sectors.
    public struct Share: Sendable, Hashable, Codable {
        /// The code (`JO`, `298`, `15110`).
        public var code: String
        /// The vocabulary, when given.
        public var vocabulary: String?
        /// The percentage, as written.
        public var percentage: String?
        /// The name given beside the code.
        public var name: String?

        /// Creates a share.
        public init(code: String, vocabulary: String? = nil, percentage: String? = nil, name: String? = nil) {
            self.code = code
            self.vocabulary = vocabulary
            self.percentage = percentage
            self.name = name
        }
    }

    /// An organisation named in the activity.
    public struct Organisation: Sendable, Hashable, Codable {
        /// The organisation identifier (`44000`, `XM-DAC-41122`).
        public var ref: String?
        /// The organisation type code.
        public var type: String?
        /// The role code (participating organisations: 1 funding … 4 implementing).
        public var role: String?
        /// The name.
        public var name: String?

        /// Creates an organisation.
        public init(ref: String? = nil, type: String? = nil, role: String? = nil, name: String? = nil) {
            self.ref = ref
            self.type = type
            self.role = role
            self.name = name
        }
    }

    /// A text with its language and IATI type (descriptions: 1 general, 2 objectives…).
    public struct Text: Sendable, Hashable, Codable {
        /// The IATI type code, when given.
        public var type: String?
        /// ISO 639-1.
        public var language: String?
        /// The text.
        public var text: String

        /// Creates a text.
        public init(type: String? = nil, language: String? = nil, text: String) {
            self.type = type
            self.language = language
            self.text = text
        }
    }

    /// The IATI version the activity declares (on itself or on its file).
    public var version: String?
    /// The reporting organisation.
    public var reportingOrg: Organisation?
    /// Titles in every language given.
    public var titles: [Text] = []
    /// Descriptions by type and language.
    public var descriptions: [Text] = []
    /// IATI activity status code (1 pipeline … 5 cancelled, 6 suspended).
    public var activityStatus: String?
    /// Activity dates as `type` → ISO date (1 planned start, 2 actual start, 3 planned end, 4 actual end).
    public var dates: [String: String] = [:]
    /// Recipient countries (ISO 3166-1 alpha-2) with percentages.
    public var recipientCountries: [Share] = []
    /// Recipient regions with vocabulary and percentages.
    public var recipientRegions: [Share] = []
    /// Sectors with vocabulary and percentages.
    public var sectors: [Share] = []
    /// Participating organisations.
    public var participatingOrgs: [Organisation] = []
    /// Document links (URLs).
    public var documentLinks: [String] = []
    /// How many `<result>` elements the activity has (a result may have no indicator).
    public var results = 0

    /// An empty set of details.
    public init() {}
}
