import KDCore

/// The controlled vocabularies of the normalize stage: areas, statuses and indicator directions, in the
/// five languages, matched on folded text.
public enum Vocabulary {
    /// The area keys, each with the phrases that name it.
    public static let areas: [(key: String, phrases: [String])] = [
        ("social_protection", ["social protection", "protection sociale", "proteccion social", "protecao social",
                               "sociale bescherming", "social security", "securite sociale", "seguridad social",
                               "seguranca social", "sociale zekerheid"]),
        ("labour", ["labour", "labor", "travail", "trabajo", "trabalho", "arbeid"]),
        ("employment", ["employment", "emploi", "empleo", "emprego", "werkgelegenheid", "tewerkstelling"]),
    ]

    /// The statuses, checked in this order (so "completed with changes" is not read as "completed").
    public static let statuses: [(key: String, stems: [String])] = [
        ("cancelled", ["cancel", "annul", "anulad", "geannuleerd"]),
        ("partially_completed", ["partial", "partiel", "parcial", "gedeeltelijk", "incomplet"]),
        ("completed_with_changes", ["with changes", "avec modification", "con cambio", "com altera", "met wijziging"]),
        ("completed", ["complet", "termine", "acheve", "finalizad", "concluid", "afgerond", "voltooid"]),
    ]

    /// Words that say higher values are better, or lower.
    public static let directions: [(ascending: Bool, words: [String])] = [
        (true, ["higher", "ascending", "true", "1", "increase", "up", "hausse", "plus eleve", "mayor", "aumento", "maior", "hoger"]),
        (false, ["lower", "descending", "false", "0", "decrease", "down", "baisse", "plus bas", "menor", "reduccion", "reducao", "lager"]),
    ]

    /// The area key `text` names (the earliest phrase found wins), or nil.
    public static func area(_ text: String) -> String? {
        let folded = " " + Folding.fold(text) + " "
        var best: (position: Int, key: String)?
        for (key, phrase) in areaPhrases {
            guard let position = folded.utf8Offset(of: phrase) else { continue }
            if best == nil || position < best!.position { best = (position, key) }
        }
        return best?.key
    }

    /// Each area phrase as whole words (between spaces), in the order of `areas`.
    private static let areaPhrases = areas.flatMap { key, phrases in phrases.map { (key, " \($0) ") } }

    /// The status key `text` names, or nil.
    public static func status(_ text: String) -> String? {
        let folded = Folding.fold(text)
        return statuses.first { $0.stems.contains { folded.containsBytes(of: $0) } }?.key
    }

    /// Whether `text` says higher is better (true), lower (false), or nothing known (nil).
    public static func ascending(_ text: String) -> Bool? {
        // IATI's `ascending` attribute is "1" or "0" (or true/false): known without folding.
        switch text {
        case "1", "true": return true
        case "0", "false": return false
        default: break
        }
        let folded = Folding.fold(text)
        return directions.first { $0.words.contains(folded) }?.ascending
    }
}
