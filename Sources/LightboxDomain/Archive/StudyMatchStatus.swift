import Foundation

/// Where an archived study stands with the department's exams. Images are never merged into a
/// record silently: a study that matches no exam, or whose patient disagrees with the exam's
/// patient, waits on the reconciliation list for a person to decide.
public enum StudyMatchStatus: String, Sendable, Codable, CaseIterable {
    /// Linked to an exam by accession number or Study Instance UID, patient attributes agree.
    case matched
    /// No exam has the study's accession number or Study Instance UID (reconciliation list).
    case unmatched
    /// An exam matched but the images' Patient ID, name or birth date disagree with its patient
    /// (reconciliation list).
    case patientMismatch = "patient-mismatch"
    /// Linked to an exam by a person from the reconciliation list.
    case linked
    /// Rejected by a person from the reconciliation list (kept, never shown as the patient's images).
    case rejected

    /// Whether the study waits for a person's decision.
    public var awaitsReconciliation: Bool { self == .unmatched || self == .patientMismatch }
}
