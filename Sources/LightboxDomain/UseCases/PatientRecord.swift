import Foundation

/// A patient's record as shown to staff: the patient and their exams.
public struct PatientRecord: Sendable, Codable, Equatable {
    public var patient: Patient
    public var exams: [Exam]

    public init(patient: Patient, exams: [Exam]) {
        self.patient = patient
        self.exams = exams
    }
}
