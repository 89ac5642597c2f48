import Foundation

/// Replaces one hospital number of a patient with another (HL7 ADT^A47), refusing a number that
/// already belongs to someone else.
public struct ChangePatientIdentifier: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var current: HospitalNumber
        public var replacement: HospitalNumber

        public init(current: HospitalNumber, replacement: HospitalNumber) {
            self.current = current
            self.replacement = replacement
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Patient> {
        try environment.policy.require(actor, .managePatients)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var problems: [FieldProblem] = []
            for (name, number) in [("current", command.current), ("replacement", command.replacement)] {
                if number.value.trimmed.isEmpty { problems.append(FieldProblem("\(name).value", "is empty")) }
                if number.issuingAuthority.trimmed.isEmpty {
                    problems.append(FieldProblem("\(name).issuingAuthority", "say which organisation issued it"))
                }
            }
            guard problems.isEmpty else {
                throw DomainError.problems(
                    problems, fallback: .validationFailed, message: "The identifiers are incomplete.")
            }
            guard var patient = try await unit.patients.find(hospitalNumber: command.current) else {
                throw DomainError(
                    .notFound,
                    "No patient has hospital number \(command.current.value) from \(command.current.issuingAuthority).",
                    fields: [FieldProblem("current", "no patient has this number")])
            }
            if let other = try await unit.patients.find(hospitalNumber: command.replacement), other.id != patient.id {
                throw DomainError(
                    .duplicate,
                    "Hospital number \(command.replacement.value) already belongs to \(other.name.display).",
                    fields: [FieldProblem("replacement", "already belongs to another patient", code: .duplicate)])
            }
            patient.hospitalNumbers = patient.hospitalNumbers.map { $0 == command.current ? command.replacement : $0 }
            var seen = Set<HospitalNumber>()
            patient.hospitalNumbers = patient.hospitalNumbers.filter { seen.insert($0).inserted }
            patient.updatedAt = now
            try await unit.patients.update(patient)
            try await unit.record(
                actor, "patient.identifier-changed", patientID: patient.id, examID: nil, at: now,
                "Hospital number \(command.current.value) (\(command.current.issuingAuthority)) changed to "
                    + "\(command.replacement.value) (\(command.replacement.issuingAuthority))")
            return Outcome(patient, events: [DomainEvent(name: "patient.updated", patientID: patient.id, at: now)])
        }
    }
}
