import Foundation
import KDCore
import KDIngest
import KDTestSupport
import Testing

@Suite struct SchemaValidatorTests {
    func validator(_ path: String? = NativeReportSchema.path) throws -> SchemaValidator {
        var log = DiagnosticLog()
        let schema = try #require(path)
        let validator = try #require(SchemaValidator(schemaPath: schema, diagnostics: &log))
        #expect(log.entries.isEmpty)
        return validator
    }

    @Test func everyWellFormedSampleReportIsValid() throws {
        let validator = try validator()
        let folder = Fixtures.repositoryRoot.appendingPathComponent("SampleData/reports")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(names.count >= 12)
        for name in names {
            let diagnostics = validator.validate(InputFile(path: folder.appendingPathComponent(name).path, displayPath: name))
            if name == "socieux-2020-40-ghana.xml" {
                #expect(diagnostics.map(\.code) == ["XML-001"])
                #expect(diagnostics.first?.location?.line == 10)
            } else {
                #expect(diagnostics.isEmpty, "\(name): \(diagnostics.map(\.formatted))")
            }
        }
    }

    @Test func violationsCarryTheirLine() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Fixtures.write("""
            <intervention-report version="1.0">
              <identification>
                <action-code>2020-01</action-code>
                <title>T</title>
                <country code="sen">Senegal</country>
                <modality>by pigeon</modality>
              </identification>
            </intervention-report>
            """, to: "bad.xml", in: folder)
        let diagnostics = try validator().validate(InputFile(path: path, displayPath: "bad.xml"))
        #expect(diagnostics.map(\.code) == ["XSD-001", "XSD-001"])
        #expect(diagnostics.map { $0.location?.line } == [5, 6])
    }

    @Test func validatesRealIATIFilesAgainstTheIATISchema() throws {
        let data = Fixtures.sharedData.appendingPathComponent("iati")
        let validator = try validator(data.appendingPathComponent("schema-2.03/iati-activities-schema.xsd").path)
        let valid = validator.validate(InputFile(path: data.appendingPathComponent("fcdo-activity.xml").path, displayPath: "fcdo-activity.xml"))
        #expect(valid.isEmpty, "\(valid.map(\.formatted))")
        let ec = validator.validate(InputFile(path: data.appendingPathComponent("ec-intpa-activity.xml").path, displayPath: "ec.xml"))
        #expect(ec.map(\.code) == ["XSD-001"])
        #expect(ec.first?.location?.line == 1)
        #expect(ec.first?.message.contains("'version' is required") == true)
        let report = Fixtures.repositoryRoot.appendingPathComponent("SampleData/reports/socieux-2017-04-togo.xml").path
        let wrong = validator.validate(InputFile(path: report, displayPath: "togo.xml"))
        #expect(wrong.first?.code == "XSD-001")
        #expect(wrong.first?.location?.line == 2)
    }
}
