import Foundation

/// The physicist (a clinical scientist) closes an investigation with what was found and done, and whether the dose
/// is judged real. Audited (`staff-dose.investigation-closed`).
public struct CloseStaffDoseInvestigation: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var investigationID: UUID
        public var findings: String
        /// Whether the dose is judged real (false: a dosemeter left in the room, for instance).
        public var doseConfirmed: Bool

        public init(investigationID: UUID, findings: String, doseConfirmed: Bool) {
            self.investigationID = investigationID
            self.findings = findings
            self.doseConfirmed = doseConfirmed
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> StaffDoseInvestigation {
        try environment.policy.require(actor, .investigateStaffDose)
        let staffID = try actor.requireStaffID()
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            guard var investigation = try await unit.staffDosimetry.investigation(command.investigationID) else {
                throw DomainError.notFound("staff dose investigation", command.investigationID)
            }
            guard investigation.isOpen else {
                throw DomainError(.transitionNotAllowed, "This investigation is already closed.")
            }
            var problems: [FieldProblem] = []
            let physicist = try await unit.staff.get(staffID)
            if let physicist, physicist.profession != .clinicalScientist {
                problems.append(
                    FieldProblem(
                        "closedBy", "\(physicist.displayName) is not a clinical scientist (medical physics expert)"))
            } else if physicist == nil {
                problems.append(FieldProblem("closedBy", "no member of staff with id \(staffID)"))
            }
            let findings = command.findings.trimmed
            if findings.isEmpty {
                problems.append(FieldProblem("findings", "say what was found and done"))
            } else if findings.count > 4_000 {
                problems.append(FieldProblem("findings", "must be at most 4000 characters"))
            }
            guard problems.isEmpty, let physicist else {
                throw DomainError.problems(
                    problems, fallback: .validationFailed, message: "The investigation cannot be closed.")
            }
            investigation.findings = findings
            investigation.doseConfirmed = command.doseConfirmed
            investigation.closedBy = physicist.id
            investigation.closedByName = physicist.displayName
            investigation.closedAt = now
            try await unit.staffDosimetry.update(investigation)
            try await unit.record(
                actor, "staff-dose.investigation-closed", patientID: nil, examID: nil, at: now,
                "Investigation \(investigation.id) for \(investigation.staffName) closed by \(physicist.displayName), "
                    + "dose \(command.doseConfirmed ? "confirmed" : "not confirmed"): \(findings)")
            return investigation
        }
    }
}
