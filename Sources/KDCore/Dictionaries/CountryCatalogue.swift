/// Every ISO 3166-1 country (and Kosovo), with names in English, French, Spanish, Portuguese and Dutch for
/// the facility's partner countries and EU member states, in English for the others.
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

    /// A country as the reports' tables show it, `Cambodia (KHM)`; a code that is not known, as written.
    public func labelled(_ code: String) -> String {
        entries[code] == nil ? code : "\(name(of: code)) (\(code))"
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
# The other ISO 3166-1 entries (and Kosovo, XK, as IATI and the World Bank use it), English names only.
ABW|AW|Aruba|Aruba|Aruba|Aruba|Aruba|
AIA|AI|Anguilla|Anguilla|Anguilla|Anguilla|Anguilla|
ALA|AX|Åland Islands|Åland Islands|Åland Islands|Åland Islands|Åland Islands|
AND|AD|Andorra|Andorra|Andorra|Andorra|Andorra|Principality of Andorra
ARE|AE|United Arab Emirates|United Arab Emirates|United Arab Emirates|United Arab Emirates|United Arab Emirates|
ASM|AS|American Samoa|American Samoa|American Samoa|American Samoa|American Samoa|
ATA|AQ|Antarctica|Antarctica|Antarctica|Antarctica|Antarctica|
ATF|TF|French Southern Territories|French Southern Territories|French Southern Territories|French Southern Territories|French Southern Territories|
ATG|AG|Antigua and Barbuda|Antigua and Barbuda|Antigua and Barbuda|Antigua and Barbuda|Antigua and Barbuda|
AUS|AU|Australia|Australia|Australia|Australia|Australia|
BES|BQ|Bonaire, Sint Eustatius and Saba|Bonaire, Sint Eustatius and Saba|Bonaire, Sint Eustatius and Saba|Bonaire, Sint Eustatius and Saba|Bonaire, Sint Eustatius and Saba|
BHR|BH|Bahrain|Bahrain|Bahrain|Bahrain|Bahrain|Kingdom of Bahrain
BHS|BS|Bahamas|Bahamas|Bahamas|Bahamas|Bahamas|Commonwealth of the Bahamas
BLM|BL|Saint Barthélemy|Saint Barthélemy|Saint Barthélemy|Saint Barthélemy|Saint Barthélemy|
BMU|BM|Bermuda|Bermuda|Bermuda|Bermuda|Bermuda|
BRB|BB|Barbados|Barbados|Barbados|Barbados|Barbados|
BRN|BN|Brunei Darussalam|Brunei Darussalam|Brunei Darussalam|Brunei Darussalam|Brunei Darussalam|
BVT|BV|Bouvet Island|Bouvet Island|Bouvet Island|Bouvet Island|Bouvet Island|
CCK|CC|Cocos (Keeling) Islands|Cocos (Keeling) Islands|Cocos (Keeling) Islands|Cocos (Keeling) Islands|Cocos (Keeling) Islands|
COK|CK|Cook Islands|Cook Islands|Cook Islands|Cook Islands|Cook Islands|
CUW|CW|Curaçao|Curaçao|Curaçao|Curaçao|Curaçao|
CXR|CX|Christmas Island|Christmas Island|Christmas Island|Christmas Island|Christmas Island|
CYM|KY|Cayman Islands|Cayman Islands|Cayman Islands|Cayman Islands|Cayman Islands|
DMA|DM|Dominica|Dominica|Dominica|Dominica|Dominica|Commonwealth of Dominica
ESH|EH|Western Sahara|Western Sahara|Western Sahara|Western Sahara|Western Sahara|
FLK|FK|Falkland Islands (Malvinas)|Falkland Islands (Malvinas)|Falkland Islands (Malvinas)|Falkland Islands (Malvinas)|Falkland Islands (Malvinas)|
FRO|FO|Faroe Islands|Faroe Islands|Faroe Islands|Faroe Islands|Faroe Islands|
FSM|FM|Micronesia, Federated States of|Micronesia, Federated States of|Micronesia, Federated States of|Micronesia, Federated States of|Micronesia, Federated States of|Federated States of Micronesia
GGY|GG|Guernsey|Guernsey|Guernsey|Guernsey|Guernsey|
GIB|GI|Gibraltar|Gibraltar|Gibraltar|Gibraltar|Gibraltar|
GLP|GP|Guadeloupe|Guadeloupe|Guadeloupe|Guadeloupe|Guadeloupe|
GRD|GD|Grenada|Grenada|Grenada|Grenada|Grenada|
GRL|GL|Greenland|Greenland|Greenland|Greenland|Greenland|
GUF|GF|French Guiana|French Guiana|French Guiana|French Guiana|French Guiana|
GUM|GU|Guam|Guam|Guam|Guam|Guam|
HKG|HK|Hong Kong|Hong Kong|Hong Kong|Hong Kong|Hong Kong|Hong Kong Special Administrative Region of China
HMD|HM|Heard Island and McDonald Islands|Heard Island and McDonald Islands|Heard Island and McDonald Islands|Heard Island and McDonald Islands|Heard Island and McDonald Islands|
IMN|IM|Isle of Man|Isle of Man|Isle of Man|Isle of Man|Isle of Man|
IOT|IO|British Indian Ocean Territory|British Indian Ocean Territory|British Indian Ocean Territory|British Indian Ocean Territory|British Indian Ocean Territory|
IRN|IR|Iran|Iran|Iran|Iran|Iran|Islamic Republic of Iran;Iran, Islamic Republic of
ISL|IS|Iceland|Iceland|Iceland|Iceland|Iceland|Republic of Iceland
ISR|IL|Israel|Israel|Israel|Israel|Israel|State of Israel
JEY|JE|Jersey|Jersey|Jersey|Jersey|Jersey|
JPN|JP|Japan|Japan|Japan|Japan|Japan|
KIR|KI|Kiribati|Kiribati|Kiribati|Kiribati|Kiribati|Republic of Kiribati
KNA|KN|Saint Kitts and Nevis|Saint Kitts and Nevis|Saint Kitts and Nevis|Saint Kitts and Nevis|Saint Kitts and Nevis|
KOR|KR|South Korea|South Korea|South Korea|South Korea|South Korea|Korea, Republic of
KWT|KW|Kuwait|Kuwait|Kuwait|Kuwait|Kuwait|State of Kuwait
LCA|LC|Saint Lucia|Saint Lucia|Saint Lucia|Saint Lucia|Saint Lucia|
LIE|LI|Liechtenstein|Liechtenstein|Liechtenstein|Liechtenstein|Liechtenstein|Principality of Liechtenstein
MAC|MO|Macao|Macao|Macao|Macao|Macao|Macao Special Administrative Region of China
MAF|MF|Saint Martin (French part)|Saint Martin (French part)|Saint Martin (French part)|Saint Martin (French part)|Saint Martin (French part)|
MCO|MC|Monaco|Monaco|Monaco|Monaco|Monaco|Principality of Monaco
MDV|MV|Maldives|Maldives|Maldives|Maldives|Maldives|Republic of Maldives
MHL|MH|Marshall Islands|Marshall Islands|Marshall Islands|Marshall Islands|Marshall Islands|Republic of the Marshall Islands
MNP|MP|Northern Mariana Islands|Northern Mariana Islands|Northern Mariana Islands|Northern Mariana Islands|Northern Mariana Islands|Commonwealth of the Northern Mariana Islands
MSR|MS|Montserrat|Montserrat|Montserrat|Montserrat|Montserrat|
MTQ|MQ|Martinique|Martinique|Martinique|Martinique|Martinique|
MYT|YT|Mayotte|Mayotte|Mayotte|Mayotte|Mayotte|
NCL|NC|New Caledonia|New Caledonia|New Caledonia|New Caledonia|New Caledonia|
NFK|NF|Norfolk Island|Norfolk Island|Norfolk Island|Norfolk Island|Norfolk Island|
NIU|NU|Niue|Niue|Niue|Niue|Niue|
NOR|NO|Norway|Norway|Norway|Norway|Norway|Kingdom of Norway
NRU|NR|Nauru|Nauru|Nauru|Nauru|Nauru|Republic of Nauru
NZL|NZ|New Zealand|New Zealand|New Zealand|New Zealand|New Zealand|
OMN|OM|Oman|Oman|Oman|Oman|Oman|Sultanate of Oman
PCN|PN|Pitcairn|Pitcairn|Pitcairn|Pitcairn|Pitcairn|
PLW|PW|Palau|Palau|Palau|Palau|Palau|Republic of Palau
PRI|PR|Puerto Rico|Puerto Rico|Puerto Rico|Puerto Rico|Puerto Rico|
PRK|KP|North Korea|North Korea|North Korea|North Korea|North Korea|Democratic People's Republic of Korea;Korea, Democratic People's Republic of
PYF|PF|French Polynesia|French Polynesia|French Polynesia|French Polynesia|French Polynesia|
QAT|QA|Qatar|Qatar|Qatar|Qatar|Qatar|State of Qatar
REU|RE|Réunion|Réunion|Réunion|Réunion|Réunion|
RUS|RU|Russian Federation|Russian Federation|Russian Federation|Russian Federation|Russian Federation|
SAU|SA|Saudi Arabia|Saudi Arabia|Saudi Arabia|Saudi Arabia|Saudi Arabia|Kingdom of Saudi Arabia
SGP|SG|Singapore|Singapore|Singapore|Singapore|Singapore|Republic of Singapore
SGS|GS|South Georgia and the South Sandwich Islands|South Georgia and the South Sandwich Islands|South Georgia and the South Sandwich Islands|South Georgia and the South Sandwich Islands|South Georgia and the South Sandwich Islands|
SHN|SH|Saint Helena, Ascension and Tristan da Cunha|Saint Helena, Ascension and Tristan da Cunha|Saint Helena, Ascension and Tristan da Cunha|Saint Helena, Ascension and Tristan da Cunha|Saint Helena, Ascension and Tristan da Cunha|
SJM|SJ|Svalbard and Jan Mayen|Svalbard and Jan Mayen|Svalbard and Jan Mayen|Svalbard and Jan Mayen|Svalbard and Jan Mayen|
SMR|SM|San Marino|San Marino|San Marino|San Marino|San Marino|Republic of San Marino
SPM|PM|Saint Pierre and Miquelon|Saint Pierre and Miquelon|Saint Pierre and Miquelon|Saint Pierre and Miquelon|Saint Pierre and Miquelon|
SXM|SX|Sint Maarten (Dutch part)|Sint Maarten (Dutch part)|Sint Maarten (Dutch part)|Sint Maarten (Dutch part)|Sint Maarten (Dutch part)|
SYC|SC|Seychelles|Seychelles|Seychelles|Seychelles|Seychelles|Republic of Seychelles
SYR|SY|Syria|Syria|Syria|Syria|Syria|Syrian Arab Republic
TCA|TC|Turks and Caicos Islands|Turks and Caicos Islands|Turks and Caicos Islands|Turks and Caicos Islands|Turks and Caicos Islands|
TKL|TK|Tokelau|Tokelau|Tokelau|Tokelau|Tokelau|
TKM|TM|Turkmenistan|Turkmenistan|Turkmenistan|Turkmenistan|Turkmenistan|
TON|TO|Tonga|Tonga|Tonga|Tonga|Tonga|Kingdom of Tonga
TTO|TT|Trinidad and Tobago|Trinidad and Tobago|Trinidad and Tobago|Trinidad and Tobago|Trinidad and Tobago|Republic of Trinidad and Tobago
TUV|TV|Tuvalu|Tuvalu|Tuvalu|Tuvalu|Tuvalu|
TWN|TW|Taiwan|Taiwan|Taiwan|Taiwan|Taiwan|Taiwan, Province of China;Taiwan, Province of China
UMI|UM|United States Minor Outlying Islands|United States Minor Outlying Islands|United States Minor Outlying Islands|United States Minor Outlying Islands|United States Minor Outlying Islands|
VAT|VA|Holy See (Vatican City State)|Holy See (Vatican City State)|Holy See (Vatican City State)|Holy See (Vatican City State)|Holy See (Vatican City State)|
VCT|VC|Saint Vincent and the Grenadines|Saint Vincent and the Grenadines|Saint Vincent and the Grenadines|Saint Vincent and the Grenadines|Saint Vincent and the Grenadines|
VGB|VG|Virgin Islands, British|Virgin Islands, British|Virgin Islands, British|Virgin Islands, British|Virgin Islands, British|British Virgin Islands
VIR|VI|Virgin Islands, U.S.|Virgin Islands, U.S.|Virgin Islands, U.S.|Virgin Islands, U.S.|Virgin Islands, U.S.|Virgin Islands of the United States
VUT|VU|Vanuatu|Vanuatu|Vanuatu|Vanuatu|Vanuatu|Republic of Vanuatu
WLF|WF|Wallis and Futuna|Wallis and Futuna|Wallis and Futuna|Wallis and Futuna|Wallis and Futuna|
WSM|WS|Samoa|Samoa|Samoa|Samoa|Samoa|Independent State of Samoa
XKX|XK|Kosovo|Kosovo|Kosovo|Kosovo|Kosovo|
"""
