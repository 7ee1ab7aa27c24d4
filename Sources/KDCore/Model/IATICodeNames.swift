/// The names IATI codelists give codes (the IATI Standard's `Sector.xml`, `SectorCategory.xml` and `Region.xml`,
/// which an analyst downloads and lists among the context files), for the codes activities give without a name.
public struct IATICodeNames: Sendable, Equatable {
    /// Names by codelist (`Sector`), then by code (`16010`: Social protection).
    public private(set) var lists: [String: [String: String]] = [:]

    /// The codelists kdpipe names sectors from, and the sector vocabularies each serves: IATI 2.0x's `1` and
    /// `2`, and IATI 1.0x's `DAC` and `DAC-3`.
    public static let sectorLists = ["Sector": ["1", "DAC"], "SectorCategory": ["2", "DAC-3"]]
    /// The codelist kdpipe names recipient regions from (the OECD DAC's regions, region vocabulary `1`).
    public static let regionList = "Region"
    /// Every codelist kdpipe uses.
    public static var usedLists: Set<String> { Set(sectorLists.keys).union([regionList]) }

    /// No names.
    public init() {}

    /// Adds the name of `code` in the codelist `list`; a code already named keeps its first name. Returns
    /// false when it was already named.
    @discardableResult
    public mutating func add(_ name: String, code: String, list: String) -> Bool {
        guard lists[list]?[code] == nil else { return false }
        // A name is a few words; a hostile file's is cut as the IATI totals cut their texts.
        lists[list, default: [:]][code] = IATIPortfolio.kept(name)
        return true
    }

    /// The name of a sector key (`1:16010`, `DAC:72050`, `2:160`) when a codelist gives one; nil for the
    /// vocabularies no codelist here names (a reporting organisation's own, 98 and 99).
    public func sectorName(_ key: String) -> String? {
        guard let colon = key.firstIndex(of: ":") else { return nil }
        let vocabulary = key[..<colon]
        guard let list = Self.sectorLists.first(where: { $0.value.contains(String(vocabulary)) })?.key else { return nil }
        return lists[list]?[String(key[key.index(after: colon)...])]
    }

    /// The name of a region key (`1:298`) when the Region codelist gives one; nil for other vocabularies.
    public func regionName(_ key: String) -> String? {
        guard key.hasPrefix("1:") else { return nil }
        return lists[Self.regionList]?[String(key.dropFirst(2))]
    }

    /// How many codes are named.
    public var count: Int { lists.values.reduce(0) { $0 + $1.count } }
}
