import Foundation

/// Opens or updates an incident's investigation: its owner (a member of staff), the findings and the actions agreed.
/// The first call needs an owner; later calls change what they name and keep the rest. Audited
/// (`incident.investigation-updated`) against the patient and exam.
public struct RecordIncidentInvestigation: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var incidentID: UUID
        public var ownerStaffID: UUID?
        public var findings: String?
        public var actions: String?

        public init(incidentID: UUID, ownerStaffID: UUID? = nil, findings: String? = nil, actions: String? = nil) {
            self.incidentID = incidentID
            self.ownerStaffID = ownerStaffID
            self.findings = findings
            self.actions = actions
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Incident> {
        try environment.policy.require(actor, .manageIncidents)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var incident = try await unit.openIncident(command.incidentID)
            var problems: [FieldProblem] = []
            var owner: StaffMember?
            if command.ownerStaffID != nil || incident.investigation == nil {
                let (member, problem) = try await unit.activeStaff(
                    command.ownerStaffID, field: "ownerStaffID", missing: "choose who owns the investigation")
                owner = member
                problems += problem.map { [$0] } ?? []
            }
            let findings = IncidentText.optional(command.findings)
            let actions = IncidentText.optional(command.actions)
            problems += IncidentText.problems("findings", findings ?? "", required: nil)
            problems += IncidentText.problems("actions", actions ?? "", required: nil)
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The investigation is not complete.", fields: problems)
            }
            var investigation =
                incident.investigation
                ?? IncidentInvestigation(
                    ownerStaffID: owner?.id ?? UUID(), ownerName: owner?.displayName ?? "", updatedAt: now,
                    updatedBy: actor.username)
            if let owner {
                investigation.ownerStaffID = owner.id
                investigation.ownerName = owner.displayName
            }
            if let findings { investigation.findings = findings }
            if let actions { investigation.actions = actions }
            investigation.updatedAt = now
            investigation.updatedBy = actor.username
            incident.investigation = investigation
            try await unit.incidents.update(incident)
            try await unit.record(
                actor, "incident.investigation-updated", patientID: incident.patientID, examID: incident.examID,
                at: now,
                "\(incident.reference): owner \(investigation.ownerName)"
                    + (findings.map { "; findings: \($0)" } ?? "") + (actions.map { "; actions: \($0)" } ?? ""))
            return Outcome(
                incident,
                events: [
                    DomainEvent(name: "incident.investigation-updated", subjectID: incident.id.uuidString, at: now)
                ]
            )
        }
    }
}
