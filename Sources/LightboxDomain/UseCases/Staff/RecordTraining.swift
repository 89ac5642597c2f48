import Foundation

/// Records completion of a mandatory training course (DOMAIN.md, Staff) with its expiry; audited.
public struct RecordTraining: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var staffID: UUID
        public var course: MandatoryTraining
        public var completedOn: Date
        public var expires: Date?
        public var evidence: String

        public init(staffID: UUID, course: MandatoryTraining, completedOn: Date, expires: Date?, evidence: String) {
            self.staffID = staffID
            self.course = course
            self.completedOn = completedOn
            self.expires = expires
            self.evidence = evidence
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<TrainingRecord> {
        try environment.policy.require(actor, .manageStaff)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let member = try await StaffRecordAccess.member(command.staffID, in: unit)
            var problems: [FieldProblem] = []
            if command.completedOn > now { problems.append(FieldProblem("completedOn", "is in the future")) }
            if let expires = command.expires, expires <= command.completedOn {
                problems.append(FieldProblem("expires", "must be after the completion date"))
            }
            if command.evidence.trimmed.isEmpty {
                problems.append(FieldProblem("evidence", "name the certificate or course record"))
            }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The training record is incomplete.", fields: problems)
            }
            let record = TrainingRecord(
                id: id, staffID: member.id, course: command.course, completedOn: command.completedOn,
                expires: command.expires, evidence: command.evidence.trimmed, recordedBy: actor.username,
                recordedAt: now)
            try await unit.staffRecords.insert(record)
            var detail =
                "\(command.course.label) training of \(member.displayName) completed "
                + command.completedOn.formatted(.iso8601)
            if let expires = command.expires { detail += ", expires \(expires.formatted(.iso8601))" }
            try await unit.record(actor, "training.recorded", patientID: nil, examID: nil, at: now, detail)
            return Outcome(record, events: [DomainEvent(name: "training.recorded", subjectID: id.uuidString, at: now)])
        }
    }
}
