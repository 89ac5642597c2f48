import Foundation

/// The procedure codes of one exam (DOMAIN.md "Codes"): the NICIP code it was requested under, the SNOMED CT
/// concept the catalogue maps it to, and the CPT code for departments that bill. The Diagnostic Imaging Dataset
/// reports the first two.
public struct ProcedureCoding: Sendable, Codable, Equatable {
    public var nicip: String
    public var snomedCT: String?
    public var cpt: String?

    public init(nicip: String, snomedCT: String?, cpt: String?) {
        self.nicip = nicip
        self.snomedCT = snomedCT
        self.cpt = cpt
    }

    /// The exam's codes from its catalogue entry (nil when the entry is no longer in the catalogue).
    public init(exam: Exam, entry: CatalogueEntry?) {
        self.init(nicip: exam.examCode, snomedCT: entry?.snomedCT, cpt: entry?.cpt)
    }

    /// "NICIP XCHEST; SNOMED CT 399208008; CPT 71046", naming what the catalogue does not map.
    public var text: String {
        var parts = ["NICIP \(nicip)"]
        parts.append(snomedCT.map { "SNOMED CT \($0)" } ?? "SNOMED CT not mapped")
        if let cpt { parts.append("CPT \(cpt)") }
        return parts.joined(separator: "; ")
    }

    /// A CPT code: five characters, four digits then a digit (Category I), F (II), T (III) or U (PLA).
    public static func isCPT(_ code: String) -> Bool {
        let characters = Array(code)
        guard characters.count == 5, characters.prefix(4).allSatisfy({ $0.isASCII && $0.isNumber }),
            let last = characters.last
        else { return false }
        return (last.isASCII && last.isNumber) || ["F", "T", "U"].contains(last)
    }
}
