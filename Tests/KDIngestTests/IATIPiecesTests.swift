import Foundation
import KDCore
import KDIngest
import KDTestSupport
import Testing

@Suite struct IATIPiecesTests {
    static let folder = Fixtures.sharedData.appendingPathComponent("iati")

    /// Reads the whole file in one stream, or piece by piece when `plan` is given.
    func read(_ path: String, plan: IATIPieces? = nil) -> (activities: [Intervention], diagnostics: [Diagnostic], readings: [IATIReader.Reading]) {
        let file = InputFile(path: path, displayPath: URL(fileURLWithPath: path).lastPathComponent)
        var activities: [Intervention] = []
        var diagnostics: [Diagnostic] = []
        var readings: [IATIReader.Reading] = []
        for piece in plan?.pieces.map(Optional.some) ?? [nil] {
            var fileLog = DiagnosticLog()
            let body = { (activity: Intervention, log: DiagnosticLog) in
                activities.append(activity)
                diagnostics += log.entries
            }
            if let piece, let plan {
                readings.append(IATIReader().read(file, piece: piece, of: plan, diagnostics: &fileLog, body))
            } else {
                readings.append(IATIReader().read(file, diagnostics: &fileLog, body))
            }
            diagnostics += fileLog.entries
        }
        return (activities, diagnostics, readings)
    }

    /// The 1-based line of every byte offset, counted on the file itself.
    func line(at offset: Int, in bytes: [UInt8]) -> Int {
        bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    @Test func piecesOfARealFileReadAsOneStream() throws {
        let path = Self.folder.appendingPathComponent("iaticloud-ocha-cbpf-southsudan-2.03.xml").path
        let plan = try #require(IATIPieces(path: path, pieceBytes: 64 << 10))
        #expect(plan.pieces.count > 10)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        var offset = 0
        for piece in plan.pieces {
            #expect(piece.offset == offset)
            #expect(piece.firstLine == line(at: piece.offset, in: bytes))
            let startsWithAnActivity = bytes[piece.offset...].drop { $0 == 0x20 }.starts(with: Array("<iati-activity".utf8))
            #expect(piece.offset == 0 || startsWithAnActivity, "piece at \(piece.offset)")
            offset += piece.length
        }
        #expect(offset == bytes.count)
        #expect(plan.pieces.last?.isLast == true && plan.pieces.dropLast().allSatisfy { !$0.isLast })
        let whole = read(path)
        let pieces = read(path, plan: plan)
        #expect(pieces.readings.allSatisfy { $0.complete })
        #expect(pieces.readings.map(\.activities) == plan.pieces.map(\.activities))
        #expect(pieces.activities.count == whole.activities.count)
        #expect(pieces.activities == whole.activities)
        #expect(pieces.diagnostics == whole.diagnostics)
    }

    /// A generated file: `count` activities of `lines` lines each, after `prologue`.
    func generated(_ count: Int, lines: Int, prologue: String = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", newline: String = "\n") -> String {
        var text = prologue + "<iati-activities version=\"2.03\">" + newline
        for index in 1...count {
            text += "  <iati-activity>" + newline + "    <iati-identifier>XM-\(index)</iati-identifier>" + newline
            for filler in 0..<max(0, lines - 4) { text += "    <!-- \(filler) -->" + newline }
            text += "    <recipient-country code=\"SN\"/>" + newline + "  </iati-activity>" + newline
        }
        return text + "</iati-activities>" + newline
    }

    /// Lines past 65,535 are exact, whether the file is read in one stream or in pieces (CRLF line ends).
    @Test func linesPastLine65535AreExact() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Fixtures.write(generated(20_000, lines: 8, newline: "\r\n"), to: "long.xml", in: folder)
        let plan = try #require(IATIPieces(path: path, pieceBytes: 1 << 20))
        #expect(plan.pieces.count == 4)
        #expect(plan.pieces.last?.firstLine ?? 0 > 65_535)
        for (activities, diagnostics, readings) in [read(path), read(path, plan: plan)] {
            #expect(readings.allSatisfy { $0.complete })
            #expect(diagnostics.isEmpty)
            #expect(activities.count == 20_000)
            // Activity n starts on line 3 + 8 (n - 1).
            #expect(activities.allSatisfy { $0.source.line == 3 + 8 * (Int($0.id.dropFirst(3))! - 1) })
            #expect(activities.last?.source.line == 159_995)
        }
    }

    @Test(arguments: [
        ("not UTF-8", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n", "\n"),
        ("a DOCTYPE", "<?xml version=\"1.0\"?>\n<!DOCTYPE iati-activities [<!ENTITY org \"Enabel\">]>\n", "\n"),
        ("lone carriage returns", "<?xml version=\"1.0\"?>\r", "\r"),
    ])
    func filesThatCannotBeCutSafelyAreReadWhole(reason: String, prologue: String, newline: String) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Fixtures.write(generated(8_000, lines: 8, prologue: prologue, newline: newline), to: "file.xml", in: folder)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int > 1 << 20)
        #expect(IATIPieces(path: path, pieceBytes: 64 << 10) == nil, "\(reason)")
        #expect(read(path).activities.count == 8_000)
        // The same file with line feeds and UTF-8 is cut.
        let plain = try Fixtures.write(generated(8_000, lines: 8), to: "plain.xml", in: folder)
        #expect(IATIPieces(path: plain, pieceBytes: 64 << 10) != nil)
    }

    /// A real file whose narratives hold lone carriage returns.
    @Test func loneCarriageReturnsKeepARealFileWhole() throws {
        #expect(IATIPieces(path: Self.folder.appendingPathComponent("dportal-ebola-multipublisher.xml").path, pieceBytes: 64 << 10) == nil)
    }

    @Test func aSmallFileIsOnePiece() throws {
        #expect(IATIPieces(path: Self.folder.appendingPathComponent("worldbank-activity.xml").path, pieceBytes: 1024) == nil)
    }
}
