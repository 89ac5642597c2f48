import Foundation

/// Amends a patient's record (the whole editable part is replaced).
public struct UpdatePatient: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var patientID: UUID
        public var details: PatientDetails

        public init(patientID: UUID, details: PatientDetails) {
            self.patientID = patientID
            self.details = details
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Patient> {
        try environment.policy.require(actor, .managePatients)
        let now = environment.clock.now()
        let today = CalendarDate(now, in: environment.configuration.timeZone)
        return try await environment.store.transaction { unit in
            var patient = try await unit.patient(command.patientID)
            let details = command.details
            let number = try await details.validate(excluding: patient.id, in: unit, today: today)
            let before = patient
            patient.nhsNumber = number
            patient.hospitalNumbers = details.hospitalNumbers
            patient.name = details.name
            patient.dateOfBirth = details.dateOfBirth
            patient.sex = details.sex
            patient.childbearingPotential = details.childbearingPotential
            patient.address = details.address
            patient.gpPracticeCode = details.gpPracticeCode
            // A recorded contrast reaction stays on the record: it protects the next exam.
            patient.previousContrastReaction = before.previousContrastReaction || details.previousContrastReaction
            patient.alerts = details.alerts
            patient.updatedAt = now
            try await unit.patients.update(patient)
            try await unit.record(
                actor, "patient.updated", patientID: patient.id, examID: nil, at: now,
                "Updated \(patient.name.display): " + Self.changes(before, patient).joined(separator: ", "))
            return Outcome(patient, events: [DomainEvent(name: "patient.updated", patientID: patient.id, at: now)])
        }
    }

    static func changes(_ before: Patient, _ after: Patient) -> [String] {
        var changed: [String] = []
        if before.nhsNumber != after.nhsNumber { changed.append("NHS number") }
        if before.hospitalNumbers != after.hospitalNumbers { changed.append("hospital numbers") }
        if before.name != after.name { changed.append("name") }
        if before.dateOfBirth != after.dateOfBirth { changed.append("date of birth") }
        if before.sex != after.sex || before.childbearingPotential != after.childbearingPotential {
            changed.append("sex")
        }
        if before.address != after.address { changed.append("address") }
        if before.gpPracticeCode != after.gpPracticeCode { changed.append("GP practice") }
        if before.previousContrastReaction != after.previousContrastReaction {
            changed.append("contrast reaction flag")
        }
        if before.alerts != after.alerts { changed.append("alerts") }
        return changed.isEmpty ? ["no changes"] : changed
    }
}
