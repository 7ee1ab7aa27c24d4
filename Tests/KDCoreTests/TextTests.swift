import KDCore
import Foundation
import KDTestSupport
import Testing

@Suite struct TextTests {
    @Test(arguments: [
        ("Leçons apprises:", "lecons apprises"),
        ("  LECCIONES   Aprendidas ", "lecciones aprendidas"),
        ("Lições aprendidas", "licoes aprendidas"),
        ("**6.2 Défis**", "6 2 defis"),
        ("Ministère de l?Emploi", "ministere de l emploi"),
    ])
    func foldsCaseAccentsAndPunctuation(text: String, folded: String) {
        #expect(Folding.fold(text) == folded)
    }

    /// The folding table gives, scalar by scalar, what Unicode's own properties give (the rule written out
    /// here once more, as the reference), across the table's range and beyond it.
    /// A folded text's words, found byte by byte, are those a split at its space characters gives.
    @Test(arguments: [
        "Leçons apprises : la mission à distance a retardé la validation", "Résultats — « coûts » • Итоги Ελλάδα",
        "", "   ", "a", "institutionnalisation des mutuelles   2019", "ไทย भारत 中文 ok",
    ])
    func wordsOfAFoldedTextAreItsSpaceSeparatedRuns(text: String) {
        let folded = Folding.fold(text)
        let words = Folding.words(of: folded)
        #expect(words == folded.split(separator: " "))
        #expect(Folding.wordCount(of: folded) == words.count)
        #expect(Folding.words(of: " two  spaces ") == ["two", "spaces"])
    }

    @Test func foldingTableAgreesWithUnicodeProperties() {
        func reference(_ text: String) -> String {
            var out = String.UnicodeScalarView()
            var pendingSpace = false
            for scalar in text.unicodeScalars {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    let base = Folding.baseLetter(lower)
                    if base.properties.isAlphabetic || base.properties.numericType != nil {
                        if pendingSpace, !out.isEmpty { out.append(" ") }
                        pendingSpace = false
                        out.append(base)
                    } else if base.properties.generalCategory != .nonspacingMark {
                        pendingSpace = true
                    }
                }
            }
            return String(out)
        }
        var mismatches: [String] = []
        for value in Array(0x20..<0x2100) + [0x3042, 0x4E2D, 0x1F600] {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let text = "a\(Character(scalar))b"
            if Folding.fold(text) != reference(text) { mismatches.append(String(value, radix: 16)) }
        }
        #expect(mismatches.isEmpty, "scalars folded differently: \(mismatches.prefix(20))")
        #expect(Folding.fold("Résultats — « coûts » • Итоги") == "resultats couts итоги")
        // A substring is folded from its own bytes, not from its base's.
        #expect(Folding.fold("Mes leçons: ÉTÉ 😀"[...].dropFirst(4)) == "lecons ete")
    }

    @Test(arguments: [
        (45.5, "45.5"), (1004106, "1004106"), (-5.4, "-5.4"), (0.125, "0.13"), (-0.001, "0"), (100, "100"),
    ])
    func formatsNumbersWithoutLocale(value: Double, text: String) {
        #expect(Format.number(value) == text)
    }

    /// Numbers are spelled from their whole hundredths (or tenths); the spelling must be the one Swift's
    /// shortest round-trip description gives the rounded value, trailing zeros removed.
    @Test func spellsNumbersAsSwiftDescribesThem() {
        func described(_ value: Double, digits: Int) -> String {
            var scale = 1.0
            for _ in 0..<digits { scale *= 10 }
            let rounded = (value * scale).rounded() / scale
            if rounded == rounded.rounded(), abs(rounded) < 9.0e15 { return String(Int64(rounded)) }
            var text = "\(rounded)"
            if text.contains("e") { return text }
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            return text
        }
        var generator = SplitMix(seed: 2026)
        var mismatches: [String] = []
        for exponent in -4...17 {
            for _ in 0..<2_000 {
                let value = Double.random(in: -1...1, using: &generator) * pow(10, Double(exponent))
                for digits in [1, 2] where Format.number(value, digits: digits) != described(value, digits: digits) {
                    mismatches.append("\(value) (\(digits) digits): \(Format.number(value, digits: digits))")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
        #expect(Format.number(.nan) == "" && Format.number(.infinity) == "")
        #expect(Format.number(124.545, digits: 1) == "124.5" && Format.number(0.05) == "0.05" && Format.number(-0.5) == "-0.5")
    }

    @Test func groupsLargeNumbersForReaders() {
        #expect(Format.readable(1_250_000) == "1\u{202F}250\u{202F}000")
        #expect(Format.readable(9_999) == "9999")
        #expect(Format.readable(-12_345.5) == "-12\u{202F}345.5")
        // Limits as kdpipe's messages name them.
        #expect(Format.thousands(10_000_000) == "10,000,000")
        #expect(Format.thousands(100_000) == "100,000")
        #expect(Format.thousands(999) == "999")
        #expect(Format.thousands(-1_000) == "-1,000")
        #expect(Format.signed(2.5) == "+2.5")
        #expect(Format.signed(0) == "0")
    }

    @Test func partialDatesPrintWithTheirPrecision() {
        #expect(PartialDate(year: 2020).description == "2020")
        #expect(PartialDate(year: 2020, month: 3).description == "2020-03")
        #expect(PartialDate(year: 2020, month: 3, day: 7).description == "2020-03-07")
        #expect(PartialDate(year: 2020, month: 3) < PartialDate(year: 2020, month: 3, day: 1))
    }

    /// Dates are spelled in one write when every part fits its places, and part by part otherwise: both
    /// give what `String(format4:)` and `String(format2:)` give, for years and months in and out of range.
    @Test func partialDatesSpellEveryPartAsTheFormatsDo() {
        var generator = SplitMix(seed: 17)
        let years = [-1, 0, 9, 10, 999, 1_000, 9_999, 10_000, 12_345]
        let parts: [Int?] = [nil, -1, 0, 1, 9, 10, 12, 99, 100, 140]
        let edges = years.flatMap { year in parts.flatMap { month in parts.map { (year, month, $0) } } }
        let drawn = (0..<20_000).map { _ in
            (Int.random(in: -150...12_500, using: &generator),
             Bool.random(using: &generator) ? nil : Int.random(in: -3...140, using: &generator),
             Bool.random(using: &generator) ? nil : Int.random(in: -3...140, using: &generator))
        }
        for (year, month, day) in edges + drawn {
            let date = PartialDate(year: year, month: month, day: day)
            var expected = String(format4: year)
            if let month {
                expected += "-" + String(format2: month)
                if let day { expected += "-" + String(format2: day) }
            }
            #expect(date.description == expected, "\(year) \(String(describing: month)) \(String(describing: day))")
        }
    }

    @Test func bandsAreLowerBounds() {
        let bands = AchievementBands.standard
        #expect(bands.status(for: 100) == .achieved)
        #expect(bands.status(for: 240) == .achieved)
        #expect(bands.status(for: 99.9) == .largelyAchieved)
        #expect(bands.status(for: 75) == .largelyAchieved)
        #expect(bands.status(for: 50) == .partlyAchieved)
        #expect(bands.status(for: 49.9) == .notAchieved)
        #expect(bands.status(for: -250) == .notAchieved)
    }

    @Test func diagnosticsPrintWithTheirLocation() {
        let diagnostic = Diagnostic(.warning, "CSV-001", "row is short", at: SourceLocation(file: "a/b.csv", line: 4, column: 2))
        #expect(diagnostic.formatted == "a/b.csv:4:2: warning: [CSV-001] row is short")
        let unplaced = Diagnostic(.error, "XML-004", "wrong root", record: "2020-22")
        #expect(unplaced.formatted == "error: [XML-004] wrong root (2020-22)")
    }

    /// White space folds the same wherever it falls in a word of eight bytes: seeded texts of every length up
    /// to 40 from an alphabet heavy in spaces, tabs and line breaks (and a multi-byte letter), against the
    /// rule written out once more on scalars.
    @Test func spellsOutWhatATerminalWouldActOn() {
        #expect("a\u{1B}[2Jb".controlsSpelledOut == "a\\u{1B}[2Jb")
        #expect("one\ntwo\r".controlsSpelledOut == "one\\u{A}two\\u{D}")
        #expect("\u{9B}31m \u{7F} \u{202E}txt\u{2069}".controlsSpelledOut == "\\u{9B}31m \\u{7F} \\u{202E}txt\\u{2069}")
        let plain = "tab\tkept — Índice, 45,5 %, \u{2013} \u{202F}"
        #expect(plain.controlsSpelledOut == plain)
    }

    @Test func findsBytesWhereTheyAre() {
        #expect(" protection sociale ".utf8Offset(of: " sociale ") == 11)
        #expect("sécurité sociale".utf8Offset(of: "sociale") == 11)  // bytes: é is two
        #expect("abc".utf8Offset(of: "abcd") == nil)
        #expect("aab".utf8Offset(of: "ab") == 1)
        #expect("abc".utf8Offset(of: "") == 0)
        #expect(!"partial".containsBytes(of: "partiel"))
        #expect("completed with changes".containsBytes(of: "with changes"))
    }

    @Test func foldsWhiteSpaceWhereverItFalls() {
        func reference(_ text: String) -> String? {
            let words = text.unicodeScalars.split { [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D].contains($0.value) }
            return words.isEmpty ? nil : words.map { String(String.UnicodeScalarView($0)) }.joined(separator: " ")
        }
        let alphabet: [String] = ["a", "b", " ", " ", " ", "\t", "\n", "\r\n", "\u{0B}", "\u{0C}", "é", ","]
        var random = SplitMix(seed: 0x5EED_F01D)
        var mismatches: [String] = []
        for length in 0...40 {
            for _ in 0..<200 {
                let text = (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined()
                if text.collapsedOrNil != reference(text) { mismatches.append(text.debugDescription) }
            }
        }
        #expect(mismatches.isEmpty, "folded differently: \(mismatches.prefix(5))")
        #expect("word  word".collapsedOrNil == "word word")
        #expect("12345678 12345678".collapsedOrNil == "12345678 12345678")
        #expect("1234567  12345678".collapsedOrNil == "1234567 12345678")
    }

    /// A text longer than the limit keeps its start and its end around a mark saying how much was cut; a
    /// diagnostic's message and record are cut so, and a short one is left as written.
    @Test func longTextsKeepTheirStartAndEnd() {
        #expect(Format.shortened("actual 'n.d.' is not a number", to: 1_000) == "actual 'n.d.' is not a number")
        let value = String(repeating: "é", count: 5_000)
        let message = "actual '\(value)' is not a number; the text is kept as written"
        let cut = Format.shortened(message, to: 300)
        #expect(cut.hasPrefix("actual 'ééé") && cut.hasSuffix("éé' is not a number; the text is kept as written"))
        #expect(cut.contains("é… [4,754 characters cut] …é"))
        #expect(cut.count == 300 + "… [4,754 characters cut] …".count)
        let diagnostic = Diagnostic(.warning, "NRM-003", message, record: value)
        #expect(diagnostic.message.count < Diagnostic.maximumText + 40 && diagnostic.message.hasSuffix("kept as written"))
        #expect(diagnostic.recordID.map { $0.count < Diagnostic.maximumText + 40 } == true)
    }
}
