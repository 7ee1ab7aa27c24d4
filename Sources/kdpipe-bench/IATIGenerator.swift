import Foundation

/// Writes a realistic IATI 2.03 activity file of about the requested size: narratives in several languages
/// with entities and non-ASCII text, budgets and transactions (parsed, then skipped by kdpipe), and
/// 3 results × 2 indicators × 2 periods per activity, with some non-numeric values as publishers write them.
/// The file is valid against the IATI 2.03 schema (`kdpipe validate --schema …/iati-activities-schema.xsd`);
/// its faults are in the values, where publishers put them.
struct IATIGenerator {
    var seed: UInt64 = 42

    private static let countries = ["SN", "TG", "BJ", "PE", "EC", "CV", "MZ", "KE", "KH", "NG", "SR", "MA", "CO", "BO"]
    private static let sectors = ["16010", "16020", "15110", "12220", "11330", "16050"]
    private static let narratives = [
        ("en", "Strengthening social protection systems &amp; extending coverage to informal-economy workers &#x2022; phase II"),
        ("fr", "Renforcement de la protection sociale et de l&apos;accès à l&apos;assurance maladie — volet « travailleurs indépendants »"),
        ("es", "Fortalecimiento de la inspección del trabajo y formalización laboral en la región andina (niñas, niños y jóvenes)"),
        ("pt", "Apoio à extensão da proteção social básica às famílias em situação de pobreza — ação de capacitação"),
        ("nl", "Ondersteuning van het sociaal register &amp; digitalisering van uitkeringen; capaciteitsopbouw"),
    ]
    private static let values = ["1250", "2015:1004106", "1584728 (158%)", "Not available", "45.5", "0", "3200", "78"]

    /// Writes activities to `path` until the file reaches `bytes`; returns the number of activities.
    func write(to path: String, bytes: Int) throws -> Int {
        guard let file = fopen(path, "wb") else { throw CocoaError(.fileWriteNoPermission) }
        defer { fclose(file) }
        setvbuf(file, nil, _IOFBF, 1 << 20)
        func put(_ text: String) {
            var text = text
            text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
        }
        put("\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\" generated-datetime=\"2026-11-01T00:00:00Z\">\n")
        var written = 120
        var random = seed
        func next(_ bound: Int) -> Int {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return Int((random >> 33) % UInt64(bound))
        }
        var count = 0
        while written < bytes - 200 {
            count += 1
            let activity = activityXML(index: count, pick: next)
            put(activity)
            written += activity.utf8.count
        }
        put("</iati-activities>\n")
        return count
    }

    private func activityXML(index: Int, pick: (Int) -> Int) -> String {
        let (lang, title) = Self.narratives[pick(Self.narratives.count)]
        let country = Self.countries[pick(Self.countries.count)]
        var x = "  <iati-activity default-currency=\"EUR\" hierarchy=\"1\" last-updated-datetime=\"2026-10-01T00:00:00Z\" xml:lang=\"\(lang)\">\n"
        x += "    <iati-identifier>BE-BCE_KBO-0264814354-BENCH\(index)</iati-identifier>\n"
        x += "    <reporting-org ref=\"BE-BCE_KBO-0264814354\" type=\"10\"><narrative xml:lang=\"en\">Enabel</narrative><narrative xml:lang=\"fr\">Enabel, agence belge de développement</narrative></reporting-org>\n"
        x += "    <title><narrative>\(title) (\(index))</narrative></title>\n"
        for type in 1...2 {
            x += "    <description type=\"\(type)\"><narrative>\(title). Les bénéficiaires — 45,5 % de femmes — ont été formés ; « coûts » &lt; budget &amp; délais respectés.</narrative></description>\n"
        }
        x += "    <participating-org ref=\"BE-BCE_KBO-0264814354\" role=\"4\" type=\"10\"><narrative>Enabel</narrative></participating-org>\n"
        x += "    <participating-org role=\"1\" type=\"10\"><narrative>European Commission – INTPA</narrative></participating-org>\n"
        x += "    <activity-status code=\"\(3 + pick(2))\"/>\n"
        x += "    <activity-date iso-date=\"2019-0\(1 + pick(9))-15\" type=\"2\"/>\n    <activity-date iso-date=\"2022-0\(1 + pick(9))-28\" type=\"4\"/>\n"
        x += "    <recipient-country code=\"\(country)\" percentage=\"100\"/>\n"
        x += "    <sector vocabulary=\"1\" code=\"\(Self.sectors[pick(Self.sectors.count)])\" percentage=\"100\"/>\n"
        x += "    <budget type=\"1\" status=\"2\"><period-start iso-date=\"2020-01-01\"/><period-end iso-date=\"2020-12-31\"/><value currency=\"EUR\" value-date=\"2020-01-01\">\(100_000 + pick(900_000))</value></budget>\n"
        for month in 1...4 {
            x += "    <transaction><transaction-type code=\"3\"/><transaction-date iso-date=\"2020-0\(month)-01\"/><value currency=\"EUR\" value-date=\"2020-0\(month)-01\">\(10_000 + pick(90_000)).00</value><description><narrative>Décaissement trimestriel n° \(month)</narrative></description></transaction>\n"
        }
        for result in 1...3 {
            x += "    <result type=\"\(result == 3 ? 2 : 1)\" aggregation-status=\"1\">\n      <title><narrative>Résultat \(result) : couverture et capacités</narrative></title>\n"
            for indicator in 1...2 {
                let measure = indicator == 1 ? "1" : "2"
                x += "      <indicator measure=\"\(measure)\" ascending=\"\(pick(4) == 0 ? 0 : 1)\">\n"
                x += "        <title><narrative>Indicateur \(result).\(indicator) — personnes couvertes par au moins une prestation</narrative></title>\n"
                x += "        <reference vocabulary=\"1\" code=\"\(result)\"/>\n"
                x += "        <baseline year=\"2019\" value=\"\(pick(50))\"><comment><narrative>Enquête de référence</narrative></comment></baseline>\n"
                for period in 1...2 {
                    x += "        <period><period-start iso-date=\"202\(period)-01-01\"/><period-end iso-date=\"202\(period)-12-31\"/>"
                    x += "<target value=\"\(50 + pick(100))\"/><actual value=\"\(Self.values[pick(Self.values.count)])\"><comment><narrative>Source : rapport annuel</narrative></comment></actual></period>\n"
                }
                x += "      </indicator>\n"
            }
            x += "    </result>\n"
        }
        x += "  </iati-activity>\n"
        return x
    }
}
