/// Countries by ISO 3166-1 code, with their names in English, French, Spanish, Portuguese and Dutch.
///
/// `resolve` accepts an alpha-3 or alpha-2 code, or a name in any of the five languages (case- and
/// accent-insensitive, with common short forms), and answers the alpha-3 code.
public struct CountryCatalogue: Sendable {
    /// One country.
    public struct Entry: Sendable, Hashable {
        /// ISO 3166-1 alpha-3.
        public var iso3: String
        /// ISO 3166-1 alpha-2.
        public var iso2: String
        /// Names by language: en, fr, es, pt, nl.
        public var names: [String: String]
    }

    /// The catalogue shipped with kdpipe.
    public static let standard = CountryCatalogue(table: countryTable)

    /// Entries by alpha-3 code.
    public let entries: [String: Entry]
    private let byKey: [String: String]

    /// Builds a catalogue from `ISO3|ISO2|en|fr|es|pt|nl|alias;alias` lines.
    public init(table: String) {
        var entries: [String: Entry] = [:]
        var byKey: [String: String] = [:]
        let languages = ["en", "fr", "es", "pt", "nl"]
        for line in table.split(separator: "\n") where !line.hasPrefix("#") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard cells.count >= 7 else { continue }
            var names: [String: String] = [:]
            for (offset, language) in languages.enumerated() { names[language] = cells[2 + offset] }
            let entry = Entry(iso3: cells[0], iso2: cells[1], names: names)
            entries[entry.iso3] = entry
            let aliases = cells.count > 7 ? cells[7].split(separator: ";").map(String.init) : []
            for name in Array(names.values) + aliases {
                byKey[Folding.fold(name)] = entry.iso3
            }
        }
        self.entries = entries
        self.byKey = byKey
        self.byISO2 = Dictionary(entries.values.map { ($0.iso2, $0.iso3) }, uniquingKeysWith: { first, _ in first })
    }

    private let byISO2: [String: String]

    /// The alpha-3 code for a code or a name, or nil when it is not known.
    public func resolve(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: "")
        let upper = trimmed.uppercased()
        if upper.count == 3, entries[upper] != nil { return upper }
        if upper.count == 2, let iso3 = byISO2[upper] { return iso3 }
        return byKey[Folding.fold(trimmed)]
    }

    /// The English name of a country, or the code itself when unknown.
    public func name(of iso3: String, language: String = "en") -> String {
        entries[iso3]?.names[language] ?? iso3
    }
}

private let countryTable = """
# ISO3|ISO2|English|French|Spanish|Portuguese|Dutch|aliases
AFG|AF|Afghanistan|Afghanistan|Afganistán|Afeganistão|Afghanistan
AGO|AO|Angola|Angola|Angola|Angola|Angola
ALB|AL|Albania|Albanie|Albania|Albânia|Albanië
ARG|AR|Argentina|Argentine|Argentina|Argentina|Argentinië
ARM|AM|Armenia|Arménie|Armenia|Arménia|Armenië
AUT|AT|Austria|Autriche|Austria|Áustria|Oostenrijk
AZE|AZ|Azerbaijan|Azerbaïdjan|Azerbaiyán|Azerbaijão|Azerbeidzjan
BDI|BI|Burundi|Burundi|Burundi|Burundi|Burundi
BEL|BE|Belgium|Belgique|Bélgica|Bélgica|België
BEN|BJ|Benin|Bénin|Benín|Benim|Benin
BFA|BF|Burkina Faso|Burkina Faso|Burkina Faso|Burquina Faso|Burkina Faso
BGD|BD|Bangladesh|Bangladesh|Bangladés|Bangladesh|Bangladesh
BGR|BG|Bulgaria|Bulgarie|Bulgaria|Bulgária|Bulgarije
BIH|BA|Bosnia and Herzegovina|Bosnie-Herzégovine|Bosnia y Herzegovina|Bósnia e Herzegovina|Bosnië en Herzegovina
BLR|BY|Belarus|Biélorussie|Bielorrusia|Bielorrússia|Belarus
BLZ|BZ|Belize|Belize|Belice|Belize|Belize
BOL|BO|Bolivia|Bolivie|Bolivia|Bolívia|Bolivia|Plurinational State of Bolivia;Estado Plurinacional de Bolivia
BRA|BR|Brazil|Brésil|Brasil|Brasil|Brazilië
BTN|BT|Bhutan|Bhoutan|Bután|Butão|Bhutan
BWA|BW|Botswana|Botswana|Botsuana|Botsuana|Botswana
CAF|CF|Central African Republic|République centrafricaine|República Centroafricana|República Centro-Africana|Centraal-Afrikaanse Republiek
CAN|CA|Canada|Canada|Canadá|Canadá|Canada
CHE|CH|Switzerland|Suisse|Suiza|Suíça|Zwitserland
CHL|CL|Chile|Chili|Chile|Chile|Chili
CHN|CN|China|Chine|China|China|China
CIV|CI|Côte d'Ivoire|Côte d'Ivoire|Costa de Marfil|Costa do Marfim|Ivoorkust|Ivory Coast
CMR|CM|Cameroon|Cameroun|Camerún|Camarões|Kameroen
COD|CD|Democratic Republic of the Congo|République démocratique du Congo|República Democrática del Congo|República Democrática do Congo|Democratische Republiek Congo|DR Congo;DRC;RDC;Congo, Dem. Rep.
COG|CG|Congo|Congo|Congo|Congo|Congo-Brazzaville|Republic of the Congo;Congo, Rep.
COL|CO|Colombia|Colombie|Colombia|Colômbia|Colombia
COM|KM|Comoros|Comores|Comoras|Comores|Comoren
CPV|CV|Cabo Verde|Cap-Vert|Cabo Verde|Cabo Verde|Kaapverdië|Cape Verde
CRI|CR|Costa Rica|Costa Rica|Costa Rica|Costa Rica|Costa Rica
CUB|CU|Cuba|Cuba|Cuba|Cuba|Cuba
CYP|CY|Cyprus|Chypre|Chipre|Chipre|Cyprus
CZE|CZ|Czechia|Tchéquie|Chequia|Chéquia|Tsjechië|Czech Republic;République tchèque;República Checa;República Tcheca
DEU|DE|Germany|Allemagne|Alemania|Alemanha|Duitsland
DJI|DJ|Djibouti|Djibouti|Yibuti|Djibuti|Djibouti
DNK|DK|Denmark|Danemark|Dinamarca|Dinamarca|Denemarken
DOM|DO|Dominican Republic|République dominicaine|República Dominicana|República Dominicana|Dominicaanse Republiek
DZA|DZ|Algeria|Algérie|Argelia|Argélia|Algerije
ECU|EC|Ecuador|Équateur|Ecuador|Equador|Ecuador
EGY|EG|Egypt|Égypte|Egipto|Egito|Egypte|Egypt, Arab Rep.;Egipto
ERI|ER|Eritrea|Érythrée|Eritrea|Eritreia|Eritrea
ESP|ES|Spain|Espagne|España|Espanha|Spanje
EST|EE|Estonia|Estonie|Estonia|Estónia|Estland
ETH|ET|Ethiopia|Éthiopie|Etiopía|Etiópia|Ethiopië
FIN|FI|Finland|Finlande|Finlandia|Finlândia|Finland
FJI|FJ|Fiji|Fidji|Fiyi|Fiji|Fiji
FRA|FR|France|France|Francia|França|Frankrijk
GAB|GA|Gabon|Gabon|Gabón|Gabão|Gabon
GBR|GB|United Kingdom|Royaume-Uni|Reino Unido|Reino Unido|Verenigd Koninkrijk|UK
GEO|GE|Georgia|Géorgie|Georgia|Geórgia|Georgië
GHA|GH|Ghana|Ghana|Ghana|Gana|Ghana
GIN|GN|Guinea|Guinée|Guinea|Guiné|Guinee|Guinée Conakry
GMB|GM|Gambia|Gambie|Gambia|Gâmbia|Gambia|The Gambia;Gambia, The
GNB|GW|Guinea-Bissau|Guinée-Bissau|Guinea-Bisáu|Guiné-Bissau|Guinee-Bissau
GNQ|GQ|Equatorial Guinea|Guinée équatoriale|Guinea Ecuatorial|Guiné Equatorial|Equatoriaal-Guinea
GRC|GR|Greece|Grèce|Grecia|Grécia|Griekenland
GTM|GT|Guatemala|Guatemala|Guatemala|Guatemala|Guatemala
GUY|GY|Guyana|Guyana|Guyana|Guiana|Guyana
HND|HN|Honduras|Honduras|Honduras|Honduras|Honduras
HRV|HR|Croatia|Croatie|Croacia|Croácia|Kroatië
HTI|HT|Haiti|Haïti|Haití|Haiti|Haïti
HUN|HU|Hungary|Hongrie|Hungría|Hungria|Hongarije
IDN|ID|Indonesia|Indonésie|Indonesia|Indonésia|Indonesië
IND|IN|India|Inde|India|Índia|India
IRL|IE|Ireland|Irlande|Irlanda|Irlanda|Ierland
IRQ|IQ|Iraq|Irak|Irak|Iraque|Irak
ITA|IT|Italy|Italie|Italia|Itália|Italië
JAM|JM|Jamaica|Jamaïque|Jamaica|Jamaica|Jamaica
JOR|JO|Jordan|Jordanie|Jordania|Jordânia|Jordanië
KAZ|KZ|Kazakhstan|Kazakhstan|Kazajistán|Cazaquistão|Kazachstan
KEN|KE|Kenya|Kenya|Kenia|Quénia|Kenia|Quênia
KGZ|KG|Kyrgyzstan|Kirghizistan|Kirguistán|Quirguistão|Kirgizië|Kyrgyz Republic
KHM|KH|Cambodia|Cambodge|Camboya|Camboja|Cambodja
LAO|LA|Lao PDR|Laos|Laos|Laos|Laos|Lao People's Democratic Republic
LBN|LB|Lebanon|Liban|Líbano|Líbano|Libanon
LBR|LR|Liberia|Libéria|Liberia|Libéria|Liberia
LBY|LY|Libya|Libye|Libia|Líbia|Libië
LKA|LK|Sri Lanka|Sri Lanka|Sri Lanka|Sri Lanka|Sri Lanka
LSO|LS|Lesotho|Lesotho|Lesoto|Lesoto|Lesotho
LTU|LT|Lithuania|Lituanie|Lituania|Lituânia|Litouwen
LUX|LU|Luxembourg|Luxembourg|Luxemburgo|Luxemburgo|Luxemburg
LVA|LV|Latvia|Lettonie|Letonia|Letónia|Letland
MAR|MA|Morocco|Maroc|Marruecos|Marrocos|Marokko
MDA|MD|Moldova|Moldavie|Moldavia|Moldávia|Moldavië|Republic of Moldova
MDG|MG|Madagascar|Madagascar|Madagascar|Madagáscar|Madagaskar
MEX|MX|Mexico|Mexique|México|México|Mexico
MKD|MK|North Macedonia|Macédoine du Nord|Macedonia del Norte|Macedónia do Norte|Noord-Macedonië
MLI|ML|Mali|Mali|Malí|Mali|Mali
MLT|MT|Malta|Malte|Malta|Malta|Malta
MMR|MM|Myanmar|Myanmar|Myanmar|Myanmar|Myanmar|Burma
MNE|ME|Montenegro|Monténégro|Montenegro|Montenegro|Montenegro
MNG|MN|Mongolia|Mongolie|Mongolia|Mongólia|Mongolië
MOZ|MZ|Mozambique|Mozambique|Mozambique|Moçambique|Mozambique
MRT|MR|Mauritania|Mauritanie|Mauritania|Mauritânia|Mauritanië
MUS|MU|Mauritius|Maurice|Mauricio|Maurícia|Mauritius|Île Maurice
MWI|MW|Malawi|Malawi|Malaui|Malawi|Malawi
MYS|MY|Malaysia|Malaisie|Malasia|Malásia|Maleisië
NAM|NA|Namibia|Namibie|Namibia|Namíbia|Namibië
NER|NE|Niger|Niger|Níger|Níger|Niger
NGA|NG|Nigeria|Nigeria|Nigeria|Nigéria|Nigeria
NIC|NI|Nicaragua|Nicaragua|Nicaragua|Nicarágua|Nicaragua
NLD|NL|Netherlands|Pays-Bas|Países Bajos|Países Baixos|Nederland
NPL|NP|Nepal|Népal|Nepal|Nepal|Nepal
PAK|PK|Pakistan|Pakistan|Pakistán|Paquistão|Pakistan
PAN|PA|Panama|Panama|Panamá|Panamá|Panama
PER|PE|Peru|Pérou|Perú|Peru|Peru
PHL|PH|Philippines|Philippines|Filipinas|Filipinas|Filipijnen
PNG|PG|Papua New Guinea|Papouasie-Nouvelle-Guinée|Papúa Nueva Guinea|Papua-Nova Guiné|Papoea-Nieuw-Guinea
POL|PL|Poland|Pologne|Polonia|Polónia|Polen
PRT|PT|Portugal|Portugal|Portugal|Portugal|Portugal
PRY|PY|Paraguay|Paraguay|Paraguay|Paraguai|Paraguay
PSE|PS|Palestine|Palestine|Palestina|Palestina|Palestina|West Bank and Gaza
ROU|RO|Romania|Roumanie|Rumania|Roménia|Roemenië
RWA|RW|Rwanda|Rwanda|Ruanda|Ruanda|Rwanda
SDN|SD|Sudan|Soudan|Sudán|Sudão|Soedan
SEN|SN|Senegal|Sénégal|Senegal|Senegal|Senegal
SLB|SB|Solomon Islands|Îles Salomon|Islas Salomón|Ilhas Salomão|Salomonseilanden
SLE|SL|Sierra Leone|Sierra Leone|Sierra Leona|Serra Leoa|Sierra Leone
SLV|SV|El Salvador|Salvador|El Salvador|El Salvador|El Salvador
SOM|SO|Somalia|Somalie|Somalia|Somália|Somalië
SRB|RS|Serbia|Serbie|Serbia|Sérvia|Servië
SSD|SS|South Sudan|Soudan du Sud|Sudán del Sur|Sudão do Sul|Zuid-Soedan
STP|ST|São Tomé and Príncipe|Sao Tomé-et-Principe|Santo Tomé y Príncipe|São Tomé e Príncipe|Sao Tomé en Principe
SUR|SR|Suriname|Suriname|Surinam|Suriname|Suriname
SVK|SK|Slovakia|Slovaquie|Eslovaquia|Eslováquia|Slowakije|Slovak Republic
SVN|SI|Slovenia|Slovénie|Eslovenia|Eslovénia|Slovenië
SWE|SE|Sweden|Suède|Suecia|Suécia|Zweden
SWZ|SZ|Eswatini|Eswatini|Esuatini|Essuatíni|Eswatini|Swaziland
TCD|TD|Chad|Tchad|Chad|Chade|Tsjaad
TGO|TG|Togo|Togo|Togo|Togo|Togo
THA|TH|Thailand|Thaïlande|Tailandia|Tailândia|Thailand
TJK|TJ|Tajikistan|Tadjikistan|Tayikistán|Tajiquistão|Tadzjikistan
TLS|TL|Timor-Leste|Timor oriental|Timor Oriental|Timor-Leste|Oost-Timor|East Timor
TUN|TN|Tunisia|Tunisie|Túnez|Tunísia|Tunesië
TUR|TR|Türkiye|Turquie|Turquía|Turquia|Turkije|Turkey
TZA|TZ|Tanzania|Tanzanie|Tanzania|Tanzânia|Tanzania|United Republic of Tanzania
UGA|UG|Uganda|Ouganda|Uganda|Uganda|Oeganda
UKR|UA|Ukraine|Ukraine|Ucrania|Ucrânia|Oekraïne
URY|UY|Uruguay|Uruguay|Uruguay|Uruguai|Uruguay
USA|US|United States|États-Unis|Estados Unidos|Estados Unidos|Verenigde Staten|USA
UZB|UZ|Uzbekistan|Ouzbékistan|Uzbekistán|Uzbequistão|Oezbekistan
VEN|VE|Venezuela|Venezuela|Venezuela|Venezuela|Venezuela
VNM|VN|Viet Nam|Viêt Nam|Vietnam|Vietname|Vietnam|Vietnam
YEM|YE|Yemen|Yémen|Yemen|Iémen|Jemen|Yemen, Rep.
ZAF|ZA|South Africa|Afrique du Sud|Sudáfrica|África do Sul|Zuid-Afrika
ZMB|ZM|Zambia|Zambie|Zambia|Zâmbia|Zambia
ZWE|ZW|Zimbabwe|Zimbabwe|Zimbabue|Zimbábue|Zimbabwe
"""
