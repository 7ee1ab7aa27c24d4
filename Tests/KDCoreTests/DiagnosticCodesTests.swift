import Foundation
import KDCore
import KDTestSupport
import Testing

@Suite struct DiagnosticCodesTests {
    /// The codes the sources report, those `DiagnosticCodes` explains and those the README's table lists are
    /// the same: a code added in one place and forgotten in another fails here.
    @Test func everyCodeReportedIsExplainedAndDocumented() throws {
        let root = Fixtures.repositoryRoot
        let pattern = try Regex(#""([A-Z]{3}-[0-9]{3})""#)
        var reported = Set<String>()
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" && $0.lastPathComponent != "DiagnosticCodes.swift" } ?? []
        #expect(files.count > 50)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: pattern) { reported.insert(String(match.output[1].substring!)) }
        }
        let documented = Set(try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
            .split(separator: "\n").compactMap { line -> String? in
                guard line.hasPrefix("| "), let code = line.dropFirst(2).split(separator: " ").first,
                      code.wholeMatch(of: /[A-Z]{3}-[0-9]{3}/) != nil else { return nil }
                return String(code)
            })
        let explained = Set(DiagnosticCodes.meanings.keys)
        #expect(reported.subtracting(explained).isEmpty, "reported but not explained: \(reported.subtracting(explained).sorted())")
        #expect(explained.subtracting(reported).isEmpty, "explained but never reported: \(explained.subtracting(reported).sorted())")
        #expect(documented == explained, "README: \(documented.symmetricDifference(explained).sorted())")
    }
}
