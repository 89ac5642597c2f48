import Foundation

/// Who is told under the duty of candour (Health and Social Care Act 2008 (Regulated Activities) Regulations 2014,
/// reg. 20; IR(ME)R 2017 reg. 8(3): the referrer, the practitioner and the patient or their representative).
public enum CandourParty: String, Sendable, Codable, CaseIterable {
    case referrer
    case practitioner
    case patient

    /// The party as staff say it.
    public var label: String {
        switch self {
        case .referrer: "Referrer"
        case .practitioner: "Practitioner (IR(ME)R)"
        case .patient: "Patient or their representative"
        }
    }

    /// The party inside a sentence ("Not yet told: the referrer, the patient").
    public var phrase: String {
        switch self {
        case .referrer: "the referrer"
        case .practitioner: "the practitioner"
        case .patient: "the patient"
        }
    }
}
