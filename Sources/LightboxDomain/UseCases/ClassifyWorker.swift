import Foundation

/// Designates a member of staff a classified worker, or ends the designation (IRR17 reg. 21), with the date and why.
/// Audited (`staff-dose.classification-changed`).
public struct ClassifyWorker: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var staffID: UUID
        public var classified: Bool
        public var from: CalendarDate
        public var reason: String

        public init(staffID: UUID, classified: Bool, from: CalendarDate, reason: String) {
            self.staffID = staffID
            self.classified = classified
            self.from = from
            self.reason = reason
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> ClassifiedWorker {
        try environment.policy.require(actor, .manageStaffDosimetry)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var problems: [FieldProblem] = []
            let member = try await unit.staff.get(command.staffID)
            if member == nil {
                problems.append(FieldProblem("staffID", "no member of staff with id \(command.staffID)"))
            }
            let reason = command.reason.trimmed
            if reason.isEmpty {
                problems.append(FieldProblem("reason", "say why"))
            } else if reason.count > 1_000 {
                problems.append(FieldProblem("reason", "must be at most 1000 characters"))
            }
            guard problems.isEmpty, let member else {
                throw DomainError.problems(
                    problems, fallback: .validationFailed, message: "The classification is not valid.")
            }
            let change = ClassifiedWorker(
                staffID: member.id, staffName: member.displayName, classified: command.classified, from: command.from,
                reason: reason, changedBy: actor.username, changedAt: now)
            try await unit.staffDosimetry.insert(change)
            try await unit.record(
                actor, "staff-dose.classification-changed", patientID: nil, examID: nil, at: now,
                "\(member.displayName) (\(member.id)) \(command.classified ? "classified" : "no longer classified") "
                    + "from \(command.from.iso): \(reason)")
            return change
        }
    }
}
