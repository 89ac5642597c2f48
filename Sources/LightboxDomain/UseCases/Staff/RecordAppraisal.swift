import Foundation

/// Records an appraisal held and the date the next is due. Audited.
public struct RecordAppraisal: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var staffID: UUID
        public var heldOn: Date
        public var nextDue: Date
        public var appraiser: String

        public init(staffID: UUID, heldOn: Date, nextDue: Date, appraiser: String) {
            self.staffID = staffID
            self.heldOn = heldOn
            self.nextDue = nextDue
            self.appraiser = appraiser
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Appraisal> {
        try environment.policy.require(actor, .manageStaff)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let member = try await StaffRecordAccess.member(command.staffID, in: unit)
            var problems: [FieldProblem] = []
            if command.heldOn > now { problems.append(FieldProblem("heldOn", "is in the future")) }
            if command.nextDue <= command.heldOn {
                problems.append(FieldProblem("nextDue", "must be after the appraisal"))
            }
            if command.appraiser.trimmed.isEmpty { problems.append(FieldProblem("appraiser", "is empty")) }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The appraisal is incomplete.", fields: problems)
            }
            let appraisal = Appraisal(
                id: id, staffID: member.id, heldOn: command.heldOn, nextDue: command.nextDue,
                appraiser: command.appraiser.trimmed, recordedBy: actor.username, recordedAt: now)
            try await unit.staffRecords.insert(appraisal)
            try await unit.record(
                actor, "appraisal.recorded", patientID: nil, examID: nil, at: now,
                "Appraisal of \(member.displayName) by \(appraisal.appraiser); next due "
                    + command.nextDue.formatted(.iso8601))
            return Outcome(
                appraisal, events: [DomainEvent(name: "appraisal.recorded", subjectID: id.uuidString, at: now)])
        }
    }
}
