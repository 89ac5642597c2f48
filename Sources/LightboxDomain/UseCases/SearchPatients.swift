import Foundation

/// Finds patients (by NHS number, hospital number, family name, date of birth); audited as
/// "patient.search" with the filters used.
public struct SearchPatients: Sendable {
    public typealias Command = PatientQuery

    /// The most patients one search returns.
    public static let maximumLimit = 200

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<[Patient]> {
        try environment.policy.require(actor, .viewPatient)
        let now = environment.clock.now()
        guard (1...Self.maximumLimit).contains(command.limit) else {
            throw DomainError(
                .validationFailed, "Ask for between 1 and \(Self.maximumLimit) patients.",
                fields: [FieldProblem("limit", "must be 1 to \(Self.maximumLimit)")])
        }
        guard
            command.nhsNumber != nil || command.hospitalNumber != nil || command.familyName != nil
                || command.dateOfBirth != nil
        else {
            throw DomainError(
                .validationFailed, "Search by NHS number, hospital number, family name or date of birth.",
                fields: [FieldProblem("query", "give at least one search term")])
        }
        return try await environment.store.transaction { unit in
            let found = try await unit.patients.search(command)
            var terms: [String] = []
            if let number = command.nhsNumber { terms.append("NHS number \(number)") }
            if let hospitalNumber = command.hospitalNumber { terms.append("hospital number \(hospitalNumber)") }
            if let family = command.familyName { terms.append("family name \(family)") }
            if let dob = command.dateOfBirth { terms.append("date of birth \(dob)") }
            try await unit.record(
                actor, "patient.search", patientID: found.count == 1 ? found.first?.id : nil, examID: nil, at: now,
                "Searched \(terms.joined(separator: ", ")): \(found.count) found")
            return Outcome(found, events: [])
        }
    }
}
