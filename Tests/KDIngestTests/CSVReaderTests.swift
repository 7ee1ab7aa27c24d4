import Foundation
import KDCore
import KDIngest
import KDTestSupport
import Testing

@Suite struct CSVReaderTests {
    func records(_ bytes: [UInt8], rowBytes: Int = CSVReader.maximumRowBytes, fields: Int = CSVReader.maximumFields) throws -> (CSVReader, [CSVReader.Record]) {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Fixtures.write(bytes: bytes, to: "table.csv", in: folder)
        let reader = try #require(CSVReader(path: path, rowBytes: rowBytes, fields: fields))
        var result: [CSVReader.Record] = []
        while let record = reader.next() { result.append(record) }
        return (reader, result)
    }

    func records(_ text: String, rowBytes: Int = CSVReader.maximumRowBytes, fields: Int = CSVReader.maximumFields) throws -> (CSVReader, [CSVReader.Record]) {
        try records(Array(text.utf8), rowBytes: rowBytes, fields: fields)
    }

    @Test func europeanDialectWithBOMAndCRLF() throws {
        let (reader, rows) = try records("\u{FEFF}code;valeur\r\nA;45,5 %\r\nB;\"1 004 106\"\r\n")
        #expect(reader.delimiter == UInt8(ascii: ";"))
        #expect(rows.map(\.fields) == [["code", "valeur"], ["A", "45,5 %"], ["B", "1 004 106"]])
        #expect(rows.map(\.line) == [1, 2, 3])
    }

    @Test func quotedNewlinesKeepLineNumbersRight() throws {
        let (_, rows) = try records("a,b\n\"line one\r\nline two\",x\n\"say \"\"hi\"\"\",y\nlast,z")
        #expect(rows.map(\.fields) == [["a", "b"], ["line one\nline two", "x"], ["say \"hi\"", "y"], ["last", "z"]])
        #expect(rows.map(\.line) == [1, 2, 4, 5])
    }

    @Test func detectsTabsAndHonoursExcelSepLine() throws {
        let (tabs, tabRows) = try records("a\tb,c\n1\t2,5\n")
        #expect(tabs.delimiter == UInt8(ascii: "\t"))
        #expect(tabRows[1].fields == ["1", "2,5"])
        let (sep, sepRows) = try records("sep=;\na;b\n1;2\n")
        #expect(sep.delimiter == UInt8(ascii: ";"))
        #expect(sepRows.map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(sepRows.map(\.line) == [2, 3])
    }

    @Test func decodesWindows1252InsteadOfDroppingIt() throws {
        // "Sénégal;80 €" in Windows-1252: é = 0xE9, € = 0x80.
        let bytes: [UInt8] = Array("pays;montant\n".utf8) + [0x53, 0xE9, 0x6E, 0xE9, 0x67, 0x61, 0x6C, 0x3B, 0x38, 0x30, 0x20, 0x80, 0x0A]
        let (reader, rows) = try records(bytes)
        #expect(rows[1].fields == ["Sénégal", "80 €"])
        #expect(reader.windows1252Line == 2)
    }

    @Test func reportsStrayAndUnterminatedQuotes() throws {
        let (reader, rows) = try records("a,b\nab\"c,d\n\"open,e\nf,g\n")
        #expect(rows[1].fields == ["ab\"c", "d"])
        #expect(reader.issues.contains(.init(kind: .strayQuote, line: 2)))
        #expect(reader.issues.contains(.init(kind: .unterminatedQuote, line: 3)))
    }

    @Test func flagsUTF16InsteadOfReadingGarbage() throws {
        let (reader, rows) = try records([0xFF, 0xFE] + Array("a,b".utf8).flatMap { [$0, 0] })
        #expect(reader.isUTF16)
        #expect(rows.isEmpty)
    }

    @Test func fieldsSpanningTheReadBufferAreWhole() throws {
        var text = "id,note\n"
        let note = "\"" + String(repeating: "x", count: 700) + "\nwith \"\"quote\"\"\""
        for index in 0..<4000 { text += "\(index),\(note)\r\n" }
        let (_, rows) = try records(text)
        #expect(rows.count == 4001)
        #expect(rows.last?.fields[0] == "3999")
        #expect(rows.last?.fields[1] == String(repeating: "x", count: 700) + "\nwith \"quote\"")
        #expect(rows.last?.line == 2 + 3999 * 2)
        #expect(rows.allSatisfy { $0.fields.count == 2 })
    }

    /// Rows written from known fields (quoted or not, with delimiters, doubled quotes, line breaks, non-ASCII
    /// text, CRLF or LF line ends; three read buffers' worth) come back exactly, each with its line.
    @Test func readsBackEveryFieldWrittenAcrossReadBuffers() throws {
        var random = SplitMix(seed: 7)
        let pieces = ["a", "Taux de pauvreté", "45,5", " ", "\"", ";", "\n", "\r\n", "Índice", "x", "1 004 106", "ë"]
        var text = "code;value;note\n"
        var expected: [(fields: [String], line: Int)] = []
        var line = 2
        while text.utf8.count < 3 << 20 {
            let fields = (0..<3).map { _ in (0..<Int(random.next() % 40)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined() }
            expected.append((fields, line))
            text += fields.map { field in
                let quoted = field.utf8.contains { Array("\";\n\r".utf8).contains($0) } || random.next() % 4 == 0
                return quoted ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ";")
            text += random.next() % 2 == 0 ? "\r\n" : "\n"
            line += 1 + fields.joined().filter { $0 == "\n" || $0 == "\r\n" }.count
        }
        let (reader, rows) = try records(text)
        #expect(reader.issues.isEmpty)
        #expect(rows.count == expected.count + 1)
        for (row, want) in zip(rows.dropFirst(), expected) {
            #expect(row.fields == want.fields.map { $0.replacingOccurrences(of: "\r\n", with: "\n") }, "line \(want.line)")
            #expect(row.line == want.line)
            if row.line != want.line { break }
        }
    }

    /// A row past the limits is read to its end but not kept: the rows around it are whole, with their lines;
    /// a row of exactly the limit is kept. (Small limits here; the table reader's test uses the defaults.)
    @Test func rowsTooLargeToKeepAreReadOnAndFlagged() throws {
        let huge = String(repeating: "y", count: 1000)
        let many = String(repeating: ",", count: 10)
        let (reader, rows) = try records("a,b\n1,\"\(huge)\n\"\n2,ok\n\(many)\n3,\(huge.dropLast(2))\n4,\(huge.dropLast(1))\n", rowBytes: 1000, fields: 10)
        #expect(rows.map(\.line) == [1, 2, 4, 5, 6, 7])
        #expect(rows.map(\.fields.count) == [2, 0, 2, 0, 2, 0])
        #expect(rows[2].fields == ["2", "ok"])
        #expect(rows[4].fields[1].utf8.count == 998)
        #expect(reader.issues == [.init(kind: .oversizedRow, line: 2), .init(kind: .oversizedRow, line: 5), .init(kind: .oversizedRow, line: 7)])
    }

    /// A quote never closed swallows the rest of the file into one field; it is reported, not kept.
    @Test func aQuoteNeverClosedDoesNotHoldTheRestOfTheFile() throws {
        let rest = String(repeating: "2020-01,12\n", count: 2_000)
        let (reader, rows) = try records("a,b\n\"open,1\n" + rest, rowBytes: 10_000)
        #expect(rows.count == 2)
        #expect(rows[1].fields.isEmpty)
        #expect(reader.issues == [.init(kind: .unterminatedQuote, line: 2), .init(kind: .oversizedRow, line: 2)])
    }
}

@Suite struct TableReaderTests {
    @Test func raggedRowsAreReportedWithTheirLineAndTheRestIsRead() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Fixtures.write(
            "Code action;Indicateur;Cible;Valeur atteinte\nSOCIEUX+ 2019-07 SENEGAL;Taux;42;43,5\n2020-01;Court\n2020-02;Long;1;2;3\n2020-03;Ok;1;1\n",
            to: "ind.csv", in: folder)
        var log = DiagnosticLog()
        var seen: [(Int, String?, NumberStyle)] = []
        let schema = TableReader().read(InputFile(path: path, displayPath: "ind.csv"), diagnostics: &log) { row, _, style in
            seen.append((row.line, row["target_value"], style))
        }
        #expect(schema?.format == .indicators)
        #expect(seen.map(\.0) == [2, 5])
        #expect(seen.map(\.1) == ["42", "1"])
        #expect(seen.allSatisfy { $0.2 == .commaDialect })
        #expect(log.entries.map(\.code) == ["CSV-001", "CSV-001"])
        #expect(log.entries.map { $0.location?.line } == [3, 4])
    }

    @Test func aRowTooLargeToKeepIsReportedAndTheRestIsRead() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let note = String(repeating: "x", count: CSVReader.maximumRowBytes)
        let path = try Fixtures.write(
            "action_code;indicator_title;target_value\n2020-01;Taux;42\n2020-02;\"\(note)\";1\n2020-03;Ok;1\n", to: "ind.csv", in: folder)
        var log = DiagnosticLog()
        var seen: [Int] = []
        TableReader().read(InputFile(path: path, displayPath: "ind.csv"), diagnostics: &log) { row, _, _ in seen.append(row.line) }
        #expect(seen == [2, 4])
        #expect(log.entries.map(\.code) == ["CSV-011"])
        #expect(log.entries.first?.location?.line == 3)
    }

    /// A table of more than 100,000 rows is read up to there, with a warning at the first row left out (the
    /// native lane holds every record of a run, so a table without end would hold the file).
    @Test func aTableWithoutEndIsReadUpToTheLimit() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = (0..<(TableReader.maximumRows + 5)).map { "2020-\($0 % 90);Taux;\($0)\n" }.joined()
        let path = try Fixtures.write("action_code;indicator_title;target_value\n" + rows, to: "ind.csv", in: folder)
        var log = DiagnosticLog()
        var seen = 0
        TableReader().read(InputFile(path: path, displayPath: "ind.csv"), diagnostics: &log) { _, _, _ in seen += 1 }
        #expect(seen == TableReader.maximumRows)
        #expect(log.entries.map(\.code) == ["CSV-012"])
        #expect(log.entries.first?.location?.line == TableReader.maximumRows + 2)
    }

    @Test func unknownTablesAndMissingColumnsAreDiagnosed() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var log = DiagnosticLog()
        let other = try Fixtures.write("x,y\n1,2\n", to: "other.csv", in: folder)
        #expect(TableReader().read(InputFile(path: other, displayPath: "other.csv"), diagnostics: &log) { _, _, _ in } == nil)
        let noCode = try Fixtures.write("indicator_title,target\nA,1\n", to: "nocode.csv", in: folder)
        #expect(TableReader().read(InputFile(path: noCode, displayPath: "nocode.csv"), diagnostics: &log) { _, _, _ in } == nil)
        #expect(log.entries.map(\.code) == ["CSV-007", "CSV-005"])
        #expect(log.entries[0].message.hasPrefix("the header names none of the known tables"))
    }

    /// A World Bank or ILOSTAT file among the inputs is a context file given as an input, as one declared so is (it was
    /// "the header names none of the known tables", or a missing `action_code` for the long layout).
    @Test(arguments: [
        ("API_SI.POV.GINI_sample.csv", "a World Bank WDI file (a year a column)"),
        ("SI.POV.NAHC_sample_long.csv", "a World Bank WDI file (one year per row)"),
        ("Metadata_Country_sample.csv", "a World Bank WDI Metadata_Country file"),
        ("ILOSTAT_SDG_0131_sample.csv", "an ILOSTAT file"),
    ])
    func contextFilesAmongTheInputsAreToldApart(name: String, layout: String) {
        var log = DiagnosticLog()
        let path = Fixtures.repositoryRoot.appendingPathComponent("SampleData/context/\(name)").path
        #expect(TableReader().read(InputFile(path: path, displayPath: name), diagnostics: &log) { _, _, _ in } == nil)
        #expect(log.entries.map(\.code) == ["INP-002"])
        #expect(log.entries.first?.message == "\(layout) given as an input; list it under 'context' in the pipeline (or --context)")
    }

    @Test(arguments: [
        ("Code de l'action", "action_code"), ("CÓDIGO DE ACCIÓN", "action_code"), ("Valeur de référence", "baseline_value"),
        ("Año base", "baseline_year"), ("Meta", "target_value"), ("Realisatie", "actual_value"), ("Indicador", "indicator_title"),
    ])
    func headersAreMatchedInFiveLanguages(header: String, column: String) {
        let indices = TableSchema.indicators.indices(of: ["unrelated", header])
        #expect(indices[column] == 1)
    }
}
