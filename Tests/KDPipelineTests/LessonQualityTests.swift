import Foundation
import KDCore
import KDPipeline
import KDTestSupport
import Testing

/// Measures lesson extraction and grouping on SampleData against a labelled expectation file
/// (`Fixtures/lessons-expected.csv`: every lesson the sample reports and tables hold, by file and first
/// words, and which ones say the same thing). Targets (issue 5): precision and recall ≥ 0.9, pairwise F1 ≥ 0.8.
@Suite struct LessonQualityTests {
    struct Expected: Hashable {
        var file: String
        var start: String
        var kind: String
        var group: String
    }

    static func expected() throws -> [Expected] {
        let url = Fixtures.folder("KDPipelineTests").appendingPathComponent("lessons-expected.csv")
        return try parse(String(contentsOf: url, encoding: .utf8)).dropFirst().map { Expected(file: $0[0], start: $0[1], kind: $0[2], group: $0[3]) }
    }

    /// A minimal RFC 4180 split for the test's own fixtures and outputs.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(text).makeIterator()
        var pending: Character?
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { field.append(character) }
            } else if character == "\"" { quoted = true }
            else if character == "," { row.append(field); field = "" }
            else if character == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.append(character) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    @Test func extractionAndGroupingReachTheirTargets() throws {
        let config = try PipelineConfig.load(path: Fixtures.repositoryRoot.appendingPathComponent("Pipelines/sample.yml").path)
        let (_, output) = try runPipeline(config)
        defer { try? FileManager.default.removeItem(at: output) }
        let table = Self.parse(try String(contentsOf: output.appendingPathComponent("lessons.csv"), encoding: .utf8))
        let header = table[0]
        let column = { (name: String) in header.firstIndex(of: name)! }
        let extracted = table.dropFirst().map {
            (file: $0[column("source_file")], text: $0[column("text")], kind: $0[column("kind")], cluster: $0[column("cluster_id")])
        }
        let expected = try Self.expected()
        #expect(expected.count >= 60)

        var matched: [Int: Int] = [:]  // expected index → extracted index
        for (index, lesson) in expected.enumerated() {
            if let hit = extracted.indices.first(where: { extracted[$0].file == lesson.file && extracted[$0].text.hasPrefix(lesson.start) }) {
                matched[index] = hit
            }
        }
        let precision = Double(matched.count) / Double(extracted.count)
        let recall = Double(matched.count) / Double(expected.count)
        print("lesson extraction: precision \(precision), recall \(recall) (\(matched.count) of \(expected.count) expected, \(extracted.count) extracted)")
        #expect(precision >= 0.9)
        #expect(recall >= 0.9)
        let rightKind = matched.count { expected[$0.key].kind == extracted[$0.value].kind }
        let kindAccuracy = Double(rightKind) / Double(max(matched.count, 1))
        print("lesson kinds: \(rightKind) of \(matched.count) as labelled (accuracy \(kindAccuracy))")
        #expect(kindAccuracy >= 0.9)

        var truePairs = 0, falsePairs = 0, missedPairs = 0
        let indices = Array(matched.keys).sorted()
        for (position, a) in indices.enumerated() {
            for b in indices[(position + 1)...] {
                let sameExpected = !expected[a].group.isEmpty && expected[a].group == expected[b].group
                let clusterA = extracted[matched[a]!].cluster, clusterB = extracted[matched[b]!].cluster
                let sameFound = !clusterA.isEmpty && clusterA == clusterB
                switch (sameExpected, sameFound) {
                case (true, true): truePairs += 1
                case (false, true): falsePairs += 1
                case (true, false): missedPairs += 1
                default: break
                }
            }
        }
        let f1 = Double(2 * truePairs) / Double(2 * truePairs + falsePairs + missedPairs)
        print("lesson grouping: pairwise F1 \(f1) (\(truePairs) pairs found, \(falsePairs) wrong, \(missedPairs) missed)")
        #expect(f1 >= 0.8)
    }
}
