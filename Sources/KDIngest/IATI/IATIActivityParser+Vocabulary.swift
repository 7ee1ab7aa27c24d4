import KDCore

/// What the parser reads of IATI: the elements and attributes it maps, and which elements it keeps where.
extension IATIActivityParser {
    /// The elements kdpipe maps.
    enum Tag: Int, CaseIterable {
        case activities, activity, identifier, reportingOrg, participatingOrg, title, description, narrative,
             activityStatus, activityDate, recipientCountry, recipientRegion, sector, documentLink, result, indicator,
             reference, baseline, period, periodStart, periodEnd, target, actual, comment, dimension, location

        var name: String {
            switch self {
            case .activities: "iati-activities"
            case .activity: "iati-activity"
            case .identifier: "iati-identifier"
            case .reportingOrg: "reporting-org"
            case .participatingOrg: "participating-org"
            case .activityStatus: "activity-status"
            case .activityDate: "activity-date"
            case .recipientCountry: "recipient-country"
            case .recipientRegion: "recipient-region"
            case .documentLink: "document-link"
            case .periodStart: "period-start"
            case .periodEnd: "period-end"
            default: "\(self)"
            }
        }
    }

    /// The attributes kdpipe reads.
    enum Attribute: Int, CaseIterable {
        case lang, version, ref, type, role, code, vocabulary, percentage, isoDate, url, aggregationStatus, measure,
             ascending, value, year, name

        var name: String {
            switch self {
            case .lang: "xml:lang"
            case .isoDate: "iso-date"
            case .aggregationStatus: "aggregation-status"
            default: "\(self)"
            }
        }
    }

    /// The child elements kept under each element; everything else is left out while streaming.
    static let kept: [Tag: Set<Tag>] = [
        .activities: [.activity],
        .activity: [
            .identifier, .reportingOrg, .title, .description, .activityStatus, .activityDate, .recipientCountry,
            .recipientRegion, .sector, .participatingOrg, .documentLink, .result,
        ],
        .reportingOrg: [.narrative], .participatingOrg: [.narrative], .title: [.narrative], .description: [.narrative],
        .recipientCountry: [.narrative], .recipientRegion: [.narrative], .sector: [.narrative], .comment: [.narrative],
        .result: [.title, .description, .indicator],
        .indicator: [.title, .description, .reference, .baseline, .period],
        .baseline: [.comment, .dimension, .location],
        .period: [.periodStart, .periodEnd, .target, .actual],
        .target: [.comment, .dimension, .location],
        .actual: [.comment, .dimension, .location],
    ]

    /// The reader's filter: the root element whatever its name (`IATIReader` checks it), the activities in
    /// it, and inside them the elements of `kept`, each marked with its tag's raw value.
    static var filter: ElementFilter {
        ElementFilter(
            names: SAXStreamReader.NameTable(Tag.allCases.map { ($0.name, $0.rawValue) }),
            children: Tag.allCases.map { tag in (kept[tag] ?? []).reduce(0) { $0 | (1 << UInt64($1.rawValue)) } },
            root: Tag.activities.rawValue)
    }

    /// IATI ActivityStatus codes and the status keys of completed interventions they correspond to.
    static let statusNames = ["1": "Pipeline/identification", "2": "Implementation", "3": "Finalisation", "4": "Closed", "5": "Cancelled", "6": "Suspended"]
    static let statusKeys = ["3": "completed", "4": "completed", "5": "cancelled"]
}
