import KDCore

extension IATIActivityParser {
    /// An open element: its attributes, own text, and the narratives of its children.
    /// (A class, so that a frame is updated where it lies; its fields are only touched by the parser's own
    /// thread, one access at a time, so Swift's run-time exclusivity bookkeeping is switched off for them.)
    final class Frame {
        @exclusivity(unchecked) var tag = Tag.activity
        @exclusivity(unchecked) var attributes = [String?](repeating: nil, count: Attribute.allCases.count)
        /// The attributes set, a bit each, so that only those are cleared for the next element.
        @exclusivity(unchecked) var attributesSet: UInt32 = 0
        @exclusivity(unchecked) var text = ByteBuffer()
        /// Where its start tag ends (kept for an activity, an indicator and a period only; 0 and nil otherwise).
        @exclusivity(unchecked) var line = 0
        @exclusivity(unchecked) var column: Int?
        /// The narratives of its children so far: the first `narrativeCount` slots (slots are reused from one
        /// element to the next, so that starting an element releases nothing).
        @exclusivity(unchecked) private var narrativeSlots: [(language: String?, text: String)] = []
        @exclusivity(unchecked) private var narrativeCount = 0
        /// Whether a child with this tag was already seen (for elements of which only the first counts).
        @exclusivity(unchecked) var seen: UInt32 = 0

        /// The attribute's value with white space folded, or nil when absent or blank.
        func attribute(_ attribute: Attribute) -> String? { attributes[attribute.rawValue] }

        /// The text with white space folded, or nil when blank.
        var trimmedText: String? { text.withUnsafeBytes(WhiteSpace.folded) }

        var narratives: ArraySlice<(language: String?, text: String)> { narrativeSlots[..<narrativeCount] }

        func addNarrative(language: String?, text: String) {
            if narrativeCount < narrativeSlots.count {
                narrativeSlots[narrativeCount] = (language, text)
            } else {
                narrativeSlots.append((language, text))
            }
            narrativeCount += 1
        }

        /// The first non-blank narrative, folded; the element's own text when it has no narratives (IATI 1.0x).
        var narrative: String? {
            if narrativeCount == 0 { return trimmedText }
            for index in 0..<narrativeCount {
                // A description's narratives keep their line breaks; any other's were folded as they closed.
                if tag == .description {
                    if let text = narrativeSlots[index].text.collapsedOrNil { return text }
                } else if !narrativeSlots[index].text.isEmpty {
                    return narrativeSlots[index].text
                }
            }
            return nil
        }

        /// Every non-blank narrative with its language (own text for 1.0x, in the element's `language`); line
        /// breaks are kept, for lesson headings inside descriptions.
        func texts(type: String?, language: String?) -> [IATIDetails.Text] {
            if narratives.isEmpty {
                return trimmedText.map { [IATIDetails.Text(type: type, language: language?.lowercased(), text: $0)] } ?? []
            }
            return narratives.compactMap { narrative in
                narrative.text.isBlank ? nil
                    : IATIDetails.Text(type: type, language: narrative.language?.lowercased(), text: narrative.text.trimmingCharacters(in: ""))
            }
        }

        /// Makes this frame the element `tag` that `xml` is starting: its attributes read (names recognised
        /// in `names`, values found again in `values`), what the frame held before cleared.
        func start(
            _ tag: Tag, _ xml: SAXStreamReader, names: inout SAXStreamReader.NameTable<Attribute>, values: ShortValues
        ) {
            self.tag = tag
            if !text.isEmpty { text.removeAll() }
            narrativeCount = 0
            seen = 0
            while attributesSet != 0 {
                attributes[attributesSet.trailingZeroBitCount] = nil
                attributesSet &= attributesSet - 1
            }
            xml.forEachAttribute { name, value in
                guard let attribute = names[name] else { return }
                attributes[attribute.rawValue] = values.folded(value)
                attributesSet |= 1 << UInt32(attribute.rawValue)
            }
            (line, column) = tag == .activity || tag == .indicator || tag == .period ? (xml.line, xml.column) : (0, nil)
        }

        /// Marks the first child with `tag`; false when one was seen before.
        func first(_ tag: Tag) -> Bool {
            let bit = UInt32(1) << UInt32(tag.rawValue)
            defer { seen |= bit }
            return seen & bit == 0
        }
    }
}
