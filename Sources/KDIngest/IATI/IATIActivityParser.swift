import KDCore

/// Builds one intervention from an `<iati-activity>` as libxml2 parses it, without an element tree: the
/// reader's calls (`IATIReader`) open and close its elements and add their texts.
///
/// Names are recognised by the pointers libxml2 interns them under (see `SAXStreamReader.NameTable`), so
/// no String is made for a name; a String is made only for the attributes and texts that are kept. Elements
/// kdpipe does not map (transactions, budgets, locations, contacts…) are left out by the reader as libxml2
/// starts them (`filter`): no node is made for them. The elements that are kept, and where, are listed in
/// `kept`.
struct IATIActivityParser {
    let file: SourceLocation
    /// The version on the document's root element, for activities without one of their own.
    var fileVersion: String?

    /// Names of attributes, recognised by pointer.
    private var attributeNames: SAXStreamReader.NameTable<Attribute>
    /// Short attribute values already read, found again rather than made anew.
    private let shortValues = ShortValues()

    /// Open elements, outermost first; frames are reused from one element to the next.
    private var frames: [Frame] = []
    private var depth = 0
    /// The `xml:lang` of the document's root element, in scope where an activity's elements have none.
    private var documentLanguage: String?

    /// The elements of the open activity read so far, and, past `SAXStreamReader.maximumRecordElements`, how
    /// deep the reader is in elements passed over (139 MB of indicators in one activity took 1.1 GB).
    private var elements = 0
    private var passedOver = 0

    // What the open result, indicator, period and split have gathered so far.
    private var activity = ActivityDraft()
    private var result = ResultDraft()
    private var indicator = IndicatorDraft()
    private var period = PeriodDraft()
    private var split = SplitDraft()

    init(file: SourceLocation, fileVersion: String?) {
        self.file = file
        self.fileVersion = fileVersion
        attributeNames = SAXStreamReader.NameTable(Attribute.allCases.map { ($0.name, $0) })
    }

    /// Whether an activity is open.
    var isReading: Bool { depth > 0 }

    /// Opens the `<iati-activity>` the reader is starting; `rootLanguage` is the `xml:lang` of the document's
    /// root element.
    mutating func begin(_ xml: SAXStreamReader, inheriting rootLanguage: String?) {
        activity = ActivityDraft()
        (depth, elements, passedOver) = (0, 0, 0)
        documentLanguage = rootLanguage
        open(.activity, xml)
        (activity.line, activity.column) = (frames[0].line, frames[0].column)
        activity.language = language(of: 0)
        activity.version = frames[0].attributes[Attribute.version.rawValue]
    }

    /// Opens an element of the activity the reader is starting: one of `kept` (the reader's `filter` marks
    /// it with its tag's raw value).
    mutating func start(_ tag: Tag, _ xml: SAXStreamReader) {
        elements += 1
        guard passedOver == 0, elements <= SAXStreamReader.maximumRecordElements else {
            passedOver += 1
            return
        }
        open(tag, xml)
    }

    /// Adds a text to the innermost open element. Indentation between elements is only white space: it
    /// becomes one space, and only after text.
    mutating func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard passedOver == 0 else { return }
        if bytes.allSatisfy(WhiteSpace.isSpace) {
            if !frames[depth - 1].text.isEmpty { frames[depth - 1].text.append(0x20) }
        } else {
            frames[depth - 1].text.append(bytes)
        }
    }

    /// Closes the innermost open element; when that is the activity, returns the activity, built.
    mutating func end(ordinal: Int, diagnostics: inout DiagnosticLog) -> Intervention? {
        if passedOver > 0 {
            passedOver -= 1
            return nil
        }
        guard depth == 1 else {
            close()
            return nil
        }
        depth = 0
        return finish(ordinal: ordinal, diagnostics: &diagnostics)
    }

    // MARK: - Elements

    /// The `xml:lang` in scope on the open element at `index` in `frames`: its own, or the nearest
    /// enclosing one's (found when asked, rather than handed down to every element).
    private func language(of index: Int) -> String? {
        for index in stride(from: index, through: 0, by: -1) {
            if let language = frames[index].attributes[Attribute.lang.rawValue] { return language }
        }
        return documentLanguage
    }

    private mutating func open(_ tag: Tag, _ xml: SAXStreamReader) {
        if depth == frames.count { frames.append(Frame()) }
        // The frame is reached unretained, in open() as in close(): `frames` holds every frame while the
        // parser lives, and a reference counted twice for every element is measurable.
        Unmanaged.passUnretained(frames[depth])._withUnsafeGuaranteedRef {
            $0.start(tag, xml, names: &attributeNames, values: shortValues)
        }
        depth += 1
        switch tag {
        case .result: result = ResultDraft(firstIndicator: activity.indicators.count)
        case .indicator: indicator.reset(at: frames[depth - 1])
        case .period: period.reset(at: frames[depth - 1])
        default: break  // (a baseline, target or actual finds `split` fresh: `take()` left it so)
        }
    }

    /// Closes the innermost element, handing what it holds to the draft it belongs to.
    private mutating func close() {
        depth -= 1
        Unmanaged.passUnretained(frames[depth])._withUnsafeGuaranteedRef { element in
            Unmanaged.passUnretained(frames[depth - 1])._withUnsafeGuaranteedRef { close(element, in: $0) }
        }
    }

    private mutating func close(_ element: Frame, in parentFrame: Frame) {
        let parent = parentFrame.tag
        let isFirst = parentFrame.first(element.tag)
        switch element.tag {
        case .narrative:
            // Only a description keeps its line breaks (lesson headings are found by line); any other
            // narrative is read folded, so it is folded now, once, from its bytes.
            let text = parent == .description ? element.text.text : element.trimmedText ?? ""
            parentFrame.addNarrative(language: language(of: depth), text: text)
        case .identifier:
            if isFirst { activity.identifier = element.trimmedText }
        case .reportingOrg:
            if isFirst { activity.details.reportingOrg = organisation(element) }
        case .participatingOrg:
            activity.details.participatingOrgs.append(organisation(element))
        case .title where parent == .activity:
            activity.details.titles += element.texts(type: nil, language: language(of: depth)).map { title in
                var folded = title
                folded.text = title.text.collapsingWhitespace
                return folded
            }
        case .title where parent == .result:
            if isFirst { result.title = element.narrative }
        case .title:
            if isFirst { indicator.title = element.narrative }
        case .description where parent == .activity:
            activity.details.descriptions += element.texts(type: element.attribute(.type), language: language(of: depth))
        case .description where parent == .result:
            if isFirst { result.description = element.texts(type: nil, language: language(of: depth)).first?.text }
        case .description:
            if isFirst { indicator.description = element.narrative }
        case .activityStatus:
            if isFirst { activity.details.activityStatus = element.attribute(.code) }
        case .activityDate:
            if let type = element.attribute(.type), let iso = element.attribute(.isoDate) { activity.details.dates[type] = iso }
        case .recipientCountry:
            if let share = share(element) { activity.details.recipientCountries.append(share) }
        case .recipientRegion:
            if let share = share(element) { activity.details.recipientRegions.append(share) }
        case .sector:
            if let share = share(element) { activity.details.sectors.append(share) }
        case .documentLink:
            if let url = element.attribute(.url) { activity.details.documentLinks.append(url) }
        case .result:
            closeResult(element)
        case .indicator:
            closeIndicator(element)
        case .reference:
            if isFirst { indicator.firstReference = element.attribute(.code) }
            if let code = element.attribute(.code) {
                indicator.references.append(element.attribute(.vocabulary).map { "\($0):\(code)" } ?? code)
            }
        case .baseline:
            split.value = element.attribute(.value).map { Reported(raw: $0) }
            split.year = element.attribute(.year).flatMap { Int($0) }
            indicator.baselines.append(split.take())
        case .period:
            closePeriod()
        case .periodStart:
            if isFirst { period.start = element.attribute(.isoDate).map { Reported(raw: $0) } }
        case .periodEnd:
            if isFirst { period.end = element.attribute(.isoDate).map { Reported(raw: $0) } }
        case .target, .actual:
            split.value = element.attribute(.value).map { Reported(raw: $0) }
            if element.tag == .target { period.targets.append(split.take()) } else { period.actuals.append(split.take()) }
        case .comment:
            if isFirst { split.comment = element.narrative }
        case .dimension:
            if let name = element.attribute(.name) { split.dimensions.append("\(name)=\(element.attribute(.value) ?? "")") }
        case .location:
            if let ref = element.attribute(.ref) { split.locations.append("location=\(ref)") }
        case .activity, .activities:
            break
        }
    }

    private func organisation(_ element: Frame) -> IATIDetails.Organisation {
        IATIDetails.Organisation(
            ref: element.attribute(.ref), type: element.attribute(.type), role: element.attribute(.role), name: element.narrative)
    }

    private func share(_ element: Frame) -> IATIDetails.Share? {
        guard let code = element.attribute(.code) else { return nil }
        return IATIDetails.Share(
            code: code, vocabulary: element.attribute(.vocabulary), percentage: element.attribute(.percentage), name: element.narrative)
    }

    // MARK: - Results and indicators

    private mutating func closeResult(_ element: Frame) {
        activity.details.results += 1
        let (type, aggregationStatus) = (element.attribute(.type), element.attribute(.aggregationStatus))
        for index in result.firstIndicator..<activity.indicators.count {
            activity.indicators[index].resultType = type
            activity.indicators[index].resultTitle = result.title
            activity.indicators[index].resultDescription = result.description
            activity.indicators[index].aggregationStatus = aggregationStatus
        }
    }

    /// Appends the indicator and fills it where it lies in the activity (a local value appended at the end
    /// would be copied, every String of it retained and released).
    private mutating func closeIndicator(_ element: Frame) {
        activity.indicators.append(Indicator(title: indicator.title ?? "(untitled indicator)", location: file.at(line: indicator.line, column: indicator.column)))
        Self.fill(&activity.indicators[activity.indicators.count - 1], from: indicator, element)
    }

    private static func fill(_ made: inout Indicator, from indicator: IndicatorDraft, _ element: Frame) {
        made.numberStyle = .pointDialect
        made.measure = element.attribute(.measure)
        made.declaredDirection = element.attribute(.ascending)
        made.description = indicator.description
        made.references = indicator.references
        if made.code == nil { made.code = indicator.firstReference }
        let baselines = indicator.baselines
        if let undimensioned = baselines.firstIndex(where: { $0.key == nil }) ?? baselines.indices.first {
            made.baseline = baselines[undimensioned].value
            made.baselineYear = baselines[undimensioned].year
        }
        // The periods are handed over whole (their buffer is shared, not copied); only a period split like a
        // baseline takes that baseline.
        made.periods = indicator.periods
        if baselines.contains(where: { $0.key != nil }) {
            var firstBaseline: [String: Int] = [:]
            for (index, baseline) in baselines.enumerated() {
                if let key = baseline.key, firstBaseline[key] == nil { firstBaseline[key] = index }
            }
            for index in made.periods.indices {
                if let key = made.periods[index].dimensions, let own = firstBaseline[key] {
                    made.periods[index].baseline = baselines[own].value
                    made.periods[index].baselineYear = baselines[own].year
                }
            }
        }
    }

    /// One row per dimension combination of the period's targets and actuals (one row when there are none).
    private mutating func closePeriod() {
        let (targets, actuals) = (period.targets, period.actuals)
        // The usual period: at most one target and one actual, for the same combination (or none).
        if targets.count <= 1, actuals.count <= 1, targets.isEmpty || actuals.isEmpty || targets[0].key == actuals[0].key {
            let key = targets.isEmpty ? (actuals.isEmpty ? nil : actuals[0].key) : targets[0].key
            return appendPeriodRow(key: key, target: targets.indices.first, actual: actuals.indices.first)
        }
        // Each combination's first target and actual, in the order the combinations first appear (found by
        // key: a hostile period of 60,000 split values took 13 s searched in lists).
        var (firstTarget, firstActual) = ([String?: Int](), [String?: Int]())
        var keys: [String?] = []
        for (index, split) in targets.enumerated() where firstTarget[split.key] == nil {
            firstTarget[split.key] = index
            keys.append(split.key)
        }
        for (index, split) in actuals.enumerated() where firstActual[split.key] == nil {
            firstActual[split.key] = index
            if firstTarget[split.key] == nil { keys.append(split.key) }
        }
        for key in keys { appendPeriodRow(key: key, target: firstTarget[key], actual: firstActual[key]) }
    }

    /// Appends an empty row and fills it where it lies (see `closeIndicator`), from the period's target and
    /// actual at the indices given (the splits are read where they lie, not copied). The first row makes
    /// room for four, so that the second (two periods an indicator are usual) does not move the first.
    private mutating func appendPeriodRow(key: String?, target: Int?, actual: Int?) {
        if indicator.periods.isEmpty { indicator.periods.reserveCapacity(4) }
        indicator.periods.append(IndicatorPeriod())
        let last = indicator.periods.count - 1
        indicator.periods[last].start = period.start
        indicator.periods[last].end = period.end
        indicator.periods[last].target = target.flatMap { period.targets[$0].value }
        indicator.periods[last].actual = actual.flatMap { period.actuals[$0].value }
        indicator.periods[last].dimensions = key
        indicator.periods[last].line = period.line
        indicator.periods[last].column = period.column
        switch (target.flatMap { period.targets[$0].comment }, actual.flatMap { period.actuals[$0].comment }) {
        case let (target?, actual?): indicator.periods[last].comment = target + " | " + actual
        case let (one, other): indicator.periods[last].comment = one ?? other
        }
    }

    // MARK: - The activity

    private mutating func finish(ordinal: Int, diagnostics: inout DiagnosticLog) -> Intervention {
        // The draft is taken whole, a fresh one left in its place, so that its values move into the
        // intervention rather than being copied and then released with the draft.
        var draft = ActivityDraft()
        swap(&draft, &activity)
        let location = file.at(line: draft.line, column: draft.column)
        var identifier = draft.identifier
        if identifier == nil {
            identifier = "\(file.file)#\(ordinal)"
            diagnostics.report(
                .warning, "IAT-001", "activity \(ordinal) has no <iati-identifier>; it is recorded as '\(identifier!)'",
                at: location)
        }
        let id = identifier!
        if elements > SAXStreamReader.maximumRecordElements {
            let budget = Format.thousands(SAXStreamReader.maximumRecordElements)
            diagnostics.report(
                .warning, "IAT-002",
                "activity holds \(elements) elements kdpipe reads, more than the \(budget) it keeps of one activity; the first \(budget) were read, the rest passed over",
                at: location, record: id)
        }
        var made = Intervention(id: id, actionCode: id, source: location, origin: .iati)
        let language = draft.language?.lowercased()
        made.language = language
        made.numberStyle = .pointDialect
        draft.details.version = draft.version ?? fileVersion
        let details = draft.details
        made.title = (details.titles.first { $0.language == language } ?? details.titles.first)?.text
        if let country = details.recipientCountries.first {
            made.country = CountryField(raw: country.name, declaredCode: country.code)
        }
        if let status = details.activityStatus {
            made.status = Reported(raw: Self.statusNames[status] ?? "status \(status)", value: Self.statusKeys[status])
        }
        made.start = (details.dates["2"] ?? details.dates["1"]).map { Reported(raw: $0) }
        made.end = (details.dates["4"] ?? details.dates["3"]).map { Reported(raw: $0) }
        made.institution = details.participatingOrgs.first { $0.role == "4" }?.name.map { Institution(name: $0) }
        made.iati = details
        made.indicators = draft.indicators
        return made
    }
}
