import CLibXML2
import KDCore

/// Validates XML files against an XSD with libxml2, streaming each file through the same safe reader
/// kdpipe uses everywhere (no network, no entity expansion). Errors carry their line.
public final class SchemaValidator {
    private let schema: xmlSchemaPtr

    /// Loads the schema at `path` (and the schemas it includes or imports, from disk only: see
    /// `XMLLibrary.offline`).
    /// Returns nil, with the schema's own errors in `diagnostics`, when it cannot be loaded.
    public init?(schemaPath path: String, diagnostics: inout DiagnosticLog) {
        XMLLibrary.offline
        let box = ValidationErrors()
        guard let context = xmlSchemaNewParserCtxt(path) else { return nil }
        defer { xmlSchemaFreeParserCtxt(context) }
        let record: xmlStructuredErrorFunc = { box, error in
            guard let box, let error else { return }
            Unmanaged<ValidationErrors>.fromOpaque(box).takeUnretainedValue().record(error.pointee)
        }
        xmlSchemaSetParserStructuredErrors(context, record, Unmanaged.passUnretained(box).toOpaque())
        // Errors met while loading an import or include (a refused network location, a missing file) are
        // raised without the parser's context: this thread's handler takes them while the schema is read,
        // so that they too are diagnostics rather than lines libxml2 prints itself.
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(box).toOpaque(), record)
        let schema = xmlSchemaParse(context)
        xmlSetStructuredErrorFunc(nil, nil)
        for error in box.errors {
            diagnostics.report(.error, "XSD-002", "schema: \(error.message)", at: SourceLocation(file: error.file ?? path, line: error.line > 0 ? error.line : nil))
        }
        guard let schema else { return nil }
        self.schema = schema
    }

    deinit {
        xmlSchemaFree(schema)
    }

    /// Validates one file; each violation is an `XSD-001` error at its line, each well-formedness fault `XML-001`.
    public func validate(_ file: InputFile) -> [Diagnostic] {
        let place = SourceLocation(file: file.displayPath)
        guard let reader = XMLStreamReader(path: file.path) else {
            return [Diagnostic(.error, "XML-005", "cannot open the file for reading", at: place)]
        }
        reader.validate(against: schema)
        while reader.read() {}
        var result = reader.errors.filter(\.isFatal).map { error in
            error.isValidity
                ? Diagnostic(.error, "XSD-001", error.message, at: place.at(line: error.line > 0 ? error.line : nil))
                : Diagnostic(.error, "XML-001", "not well-formed XML: \(error.message)", at: place.at(line: error.line, column: error.column))
        }
        if reader.failed, !result.contains(where: { $0.code == "XML-001" }) {
            let (line, column) = reader.parserPosition
            result.append(Diagnostic(.error, "XML-001", "not well-formed XML: the parser stopped here", at: place.at(line: line, column: column)))
        }
        return result
    }
}

private final class ValidationErrors {
    struct Entry {
        var line: Int
        var file: String?
        var message: String
    }

    var errors: [Entry] = []

    func record(_ error: xmlError) {
        let message = error.message.map { String(cString: $0) } ?? "schema validation error"
        errors.append(Entry(line: Int(error.line), file: error.file.map { String(cString: $0) }, message: message.collapsingWhitespace))
    }
}
