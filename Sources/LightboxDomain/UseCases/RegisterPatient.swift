import Foundation

/// Registers a new patient.
public struct RegisterPatient: Sendable {
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
            let number = try await command.validate(excluding: nil, in: unit, today: today)
            let patient = Patient(
                id: id, nhsNumber: number, hospitalNumbers: command.hospitalNumbers, name: command.name,
                dateOfBirth: command.dateOfBirth, sex: command.sex,
                childbearingPotential: command.childbearingPotential,
                address: command.address, gpPracticeCode: command.gpPracticeCode,
                previousContrastReaction: command.previousContrastReaction, alerts: command.alerts, createdAt: now,
                updatedAt: now)
            try await unit.patients.insert(patient)
            try await unit.record(
                actor, "patient.registered", patientID: id, examID: nil, at: now, "Registered \(patient.name.display)")
            return Outcome(patient, events: [DomainEvent(name: "patient.registered", patientID: id, at: now)])
        }
    }
}
