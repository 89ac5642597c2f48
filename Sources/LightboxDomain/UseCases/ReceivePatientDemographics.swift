import Foundation

/// Registers a patient announced by the hospital's patient administration system (HL7 ADT A01, A04,
/// A05, A08, A28, A31), or updates the record already held: the patient is found by NHS number, else by
/// any of the hospital numbers given. Hospital numbers are added, never dropped (another system's
/// number stays valid); what Lightbox alone records (alerts, contrast reaction, GP practice when not
/// sent) is kept.
public struct ReceivePatientDemographics: Sendable {
    public typealias Command = PatientDetails

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Patient> {
        try environment.policy.require(actor, .managePatients)
        let now = environment.clock.now()
        let id = environment.ids.next()
        let today = CalendarDate(now, in: environment.configuration.timeZone)
        return try await environment.store.transaction { unit in
            var existing: Patient?
            if let text = command.nhsNumber, let number = try? NHSNumber(text) {
                existing = try await unit.patients.find(nhsNumber: number)
            }
            for hospitalNumber in command.hospitalNumbers where existing == nil {
                existing = try await unit.patients.find(hospitalNumber: hospitalNumber)
            }
            guard var patient = existing else {
                let number = try await command.validate(excluding: nil, in: unit, today: today)
                let patient = Patient(
                    id: id, nhsNumber: number, hospitalNumbers: command.hospitalNumbers, name: command.name,
                    dateOfBirth: command.dateOfBirth, sex: command.sex,
                    childbearingPotential: command.childbearingPotential, address: command.address,
                    gpPracticeCode: command.gpPracticeCode, previousContrastReaction: command.previousContrastReaction,
                    alerts: command.alerts, createdAt: now, updatedAt: now)
                try await unit.patients.insert(patient)
                try await unit.record(
                    actor, "patient.registered", patientID: id, examID: nil, at: now,
                    "Registered \(patient.name.display)")
                return Outcome(patient, events: [DomainEvent(name: "patient.registered", patientID: id, at: now)])
            }
            var details = command
            details.hospitalNumbers =
                patient.hospitalNumbers + command.hospitalNumbers.filter { !patient.hospitalNumbers.contains($0) }
            if details.nhsNumber == nil { details.nhsNumber = patient.nhsNumber?.digits }
            let number = try await details.validate(excluding: patient.id, in: unit, today: today)
            let before = patient
            patient.nhsNumber = number
            patient.hospitalNumbers = details.hospitalNumbers
            patient.name = details.name
            patient.dateOfBirth = details.dateOfBirth ?? before.dateOfBirth
            if details.sex != .unknown { patient.sex = details.sex }
            patient.address = details.address ?? before.address
            patient.gpPracticeCode = details.gpPracticeCode ?? before.gpPracticeCode
            patient.updatedAt = now
            try await unit.patients.update(patient)
            try await unit.record(
                actor, "patient.updated", patientID: patient.id, examID: nil, at: now,
                "Updated \(patient.name.display): " + UpdatePatient.changes(before, patient).joined(separator: ", "))
            return Outcome(patient, events: [DomainEvent(name: "patient.updated", patientID: patient.id, at: now)])
        }
    }
}
