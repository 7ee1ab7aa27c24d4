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
        // The project's own sample IATI file is valid too.
        let sample = Fixtures.repositoryRoot.appendingPathComponent("SampleData/iati/enabel-social-protection-2.03.xml").path
        let ours = validator.validate(InputFile(path: sample, displayPath: "enabel.xml"))
        #expect(ours.isEmpty, "\(ours.map(\.formatted))")
        let report = Fixtures.repositoryRoot.appendingPathComponent("SampleData/reports/socieux-2017-04-togo.xml").path
        let wrong = validator.validate(InputFile(path: report, displayPath: "togo.xml"))
        #expect(wrong.first?.code == "XSD-001")
        #expect(wrong.first?.location?.line == 2)
    }

    /// A schema that imports another from the network: nothing is fetched (a socket listening where the
    /// import points is never connected to), the refusal and the skipped import are diagnostics at the
    /// schema, and files are still validated against the rest of it.
    @Test func aSchemaImportFromTheNetworkIsNotFetched() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                try #require(bind(listener, address, length) == 0 && listen(listener, 4) == 0)
                try #require(getsockname(listener, address, &length) == 0)
            }
        }
        let port = UInt16(bigEndian: address.sin_port)

        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let schema = try Fixtures.write("""
            <?xml version="1.0"?>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:import namespace="urn:kdpipe:other" schemaLocation="http://127.0.0.1:\(port)/other.xsd"/>
              <xs:element name="a" type="xs:integer"/>
            </xs:schema>
            """, to: "remote.xsd", in: folder)
        var log = DiagnosticLog()
        let validator = try #require(SchemaValidator(schemaPath: schema, diagnostics: &log))
        #expect(log.entries.map(\.code) == ["XSD-002", "XSD-002"])
        #expect(log.entries.contains { $0.message.contains("Attempt to load network entity http://127.0.0.1:\(port)/other.xsd") })
        #expect(log.entries.allSatisfy { $0.location?.file == schema && $0.location?.line != 0 })
        let file = try Fixtures.write("<a>twelve</a>", to: "a.xml", in: folder)
        #expect(validator.validate(InputFile(path: file, displayPath: "a.xml")).map(\.code) == ["XSD-001"])

        // No connection is waiting to be accepted.
        #expect(fcntl(listener, F_SETFL, O_NONBLOCK) == 0)
        let connection = accept(listener, nil, nil)
        if connection >= 0 { close(connection) }
        #expect(connection == -1 && errno == EAGAIN, "the import was fetched from the network")
    }
}
