/// Which elements a `SAXStreamReader` hands out, decided as libxml2 starts each one: the root element,
/// whatever its name, marked `root`; below it, an element whose name has a mark that its parent's mark keeps.
struct ElementFilter {
    /// The marks of the names kept somewhere (0 to 63).
    var names: SAXStreamReader.NameTable<Int>
    /// For each mark, the marks kept inside its element, a bit each.
    let children: [UInt64]
    let root: Int

    /// The mark of the element named `name` (interned by libxml2) inside an element marked `parent` (nil:
    /// the root element); nil to leave the element out, with everything inside it.
    mutating func mark(_ name: UnsafeRawPointer, under parent: Int?) -> Int? {
        guard let parent else { return root }
        guard let mark = names[name], children[parent] & (1 << UInt64(mark)) != 0 else { return nil }
        return mark
    }
}

extension SAXStreamReader {
    /// Values looked up by the pointer libxml2 interns a name under. libxml2 keeps every element and attribute
    /// name of a document in one dictionary, so a name is compared as bytes once and then by pointer.
    struct NameTable<Value> {
        private let byName: [String: Value]
        private var keys = [UnsafeRawPointer?](repeating: nil, count: 256)
        private var values = [Value?](repeating: nil, count: 256)
        private var filled = 0

        init(_ names: [(String, Value)]) {
            byName = Dictionary(names, uniquingKeysWith: { first, _ in first })
        }

        subscript(name: UnsafeRawPointer?) -> Value? {
            mutating get {
                guard let name else { return nil }
                var slot = (Int(bitPattern: name) >> 3) & (keys.count - 1)
                while let key = keys[slot] {
                    if key == name { return values[slot] }
                    slot = (slot + 1) & (keys.count - 1)
                }
                let value = byName[String(cString: name.assumingMemoryBound(to: UInt8.self))]
                // Remembered while the table is at most half full; past that, names are compared as bytes.
                if filled < keys.count / 2 {
                    keys[slot] = name
                    values[slot] = value
                    filled += 1
                }
                return value
            }
        }
    }
}
