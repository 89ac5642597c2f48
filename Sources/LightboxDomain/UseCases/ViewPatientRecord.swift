import Foundation

/// Reads a patient's record; every read is audited ("patient.read").
public struct ViewPatientRecord: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var patientID: UUID

        public init(patientID: UUID) {
            self.patientID = patientID
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<PatientRecord> {
        try environment.policy.require(actor, .viewPatient)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let patient = try await unit.patient(command.patientID)
            let exams = try await unit.exams.list(ExamQuery(patientID: patient.id))
            try await unit.record(
                actor, "patient.read", patientID: patient.id, examID: nil, at: now, "Viewed \(patient.name.display)")
            return Outcome(PatientRecord(patient: patient, exams: exams), events: [])
        }
    }
}
