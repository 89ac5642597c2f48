import Foundation

/// One performed exam of a pregnancy-relevant catalogue entry, with its patient, for the pregnancy status audit.
public struct PregnancyRow: Sendable, Equatable {
    public var examCode: String
    public var performedAt: Date
    public var recorded: Bool
    public var patient: Patient

    public init(examCode: String, performedAt: Date, recorded: Bool, patient: Patient) {
        self.examCode = examCode
        self.performedAt = performedAt
        self.recorded = recorded
        self.patient = patient
    }
}
