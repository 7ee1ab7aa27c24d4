import KDCore

/// The columns of a table kdpipe reads, with the header spellings it accepts for each.
///
/// Headers are matched after folding (case, accents, punctuation): `Code de l'action`, `code_action`
/// and `ACTION CODE` all name the action code.
public struct TableSchema: Sendable {
    /// One column.
    public struct Column: Sendable, Hashable {
        /// The canonical name (used in the README and in diagnostics).
        public var name: String
        /// Accepted header spellings, folded with `_` between words.
        public var aliases: Set<String>
        /// Whether a table without it cannot be read.
        public var required: Bool
    }

    /// The format the table carries.
    public var format: InputFormat
    /// Its columns.
    public var columns: [Column]
    /// The column whose presence tells this table apart from the others.
    public var signature: String

    /// The folded form of a header cell: `Code de l'action` → `code_de_l_action`.
    public static func headerKey(_ header: String) -> String {
        Folding.key(header)
    }

    /// Maps each column name to its index in `header`.
    public func indices(of header: [String]) -> [String: Int] {
        var result: [String: Int] = [:]
        for (index, cell) in header.enumerated() {
            let key = Self.headerKey(cell)
            if let column = columns.first(where: { $0.aliases.contains(key) }), result[column.name] == nil {
                result[column.name] = index
            }
        }
        return result
    }

    /// The schemas kdpipe knows, most specific first.
    public static let all: [TableSchema] = [indicators, lessons, register]

    /// The first of `candidates` whose signature column a header of `keys` (`headerKey`) names.
    static func matching(_ keys: Set<String>, among candidates: [TableSchema] = all) -> TableSchema? {
        candidates.first { schema in !schema.columns.first { $0.name == schema.signature }!.aliases.isDisjoint(with: keys) }
    }

    private static func column(_ name: String, _ aliases: [String], required: Bool = false) -> Column {
        Column(name: name, aliases: Set([name] + aliases), required: required)
    }

    private static let actionCode = column(
        "action_code",
        ["action", "code", "code_action", "code_de_l_action", "codigo_accion", "codigo_de_accion", "codigo_acao",
         "codigo_da_acao", "actiecode", "actie_code"],
        required: true)

    /// The intervention register: one row per action, the identification fields.
    public static let register = TableSchema(
        format: .register,
        columns: [
            actionCode,
            column("title", ["titre", "titulo", "titel", "action_title"]),
            column("country", ["pays", "pais", "land", "partner_country", "pays_partenaire"]),
            column("country_code", ["iso3", "country_iso3", "code_pays", "codigo_pais"]),
            column("institution", ["partner_institution", "institution_partenaire", "institucion", "instituicao", "instelling"]),
            column("institution_original", ["original_name", "nom_original", "nombre_original", "nome_original"]),
            column("acronym", ["acronyme", "sigle", "sigla", "acroniem"]),
            column("area", ["domaine", "ambito", "area_tematica", "gebied"]),
            column("sub_area", ["subarea", "sous_domaine", "sub_ambito", "subgebied"]),
            column("assistance_types", ["type_of_assistance", "types_of_assistance", "type_d_assistance", "tipo_de_asistencia", "tipo_de_assistencia"]),
            column("status", ["statut", "estado", "situacao", "estatuto"]),
            column("start_date", ["start", "date_de_debut", "date_debut", "fecha_de_inicio", "fecha_inicio", "data_de_inicio", "startdatum"]),
            column("end_date", ["end", "date_de_fin", "date_fin", "fecha_de_fin", "fecha_fin", "data_de_fim", "einddatum"]),
            column("modality", ["modalite", "modalidad", "modalidade", "modaliteit"]),
            column("language", ["langue", "idioma", "lingua", "taal"]),
        ],
        signature: "action_code")

    /// The analysts' lessons table: one lesson per row, with its action code.
    public static let lessons = TableSchema(
        format: .lessons,
        columns: [
            actionCode,
            column("lesson_text", ["lesson", "lessons", "lecon", "lecon_apprise", "enseignement", "leccion", "leccion_aprendida", "licao", "licao_aprendida", "les", "geleerde_les"], required: true),
            column("kind", ["type", "section", "categorie", "tipo", "soort"]),
            column("theme", ["thematique", "tema", "thema", "topic"]),
            column("language", ["langue", "idioma", "lingua", "taal"]),
        ],
        signature: "lesson_text")

    /// Indicator observations: one row per action × indicator.
    public static let indicators = TableSchema(
        format: .indicators,
        columns: [
            actionCode,
            column("indicator_code", ["code_indicateur", "codigo_indicador", "indicatorcode"]),
            column("indicator_title", ["indicator", "indicator_name", "indicateur", "indicador", "indicator_naam"], required: true),
            column("unit", ["unite", "unidad", "unidade", "eenheid"]),
            column("direction", ["better_when", "sens", "sentido"]),
            column("baseline_value", ["baseline", "valeur_de_reference", "situation_de_reference", "linea_de_base", "valor_de_base", "nulmeting"]),
            column("baseline_year", ["annee_de_reference", "ano_de_base", "ano_base", "jaar_nulmeting"]),
            column("period_start", ["debut_de_periode", "inicio_del_periodo", "inicio_do_periodo"]),
            column("period_end", ["fin_de_periode", "fin_del_periodo", "fim_do_periodo"]),
            column("target_value", ["target", "cible", "valeur_cible", "meta", "streefwaarde"]),
            column("actual_value", ["actual", "valeur_atteinte", "realise", "valor_alcanzado", "valor_alcancado", "realisatie"]),
            column("source", ["fuente", "fonte", "bron"]),
            column("comment", ["commentaire", "comentario", "opmerking"]),
        ],
        signature: "indicator_title")
}
