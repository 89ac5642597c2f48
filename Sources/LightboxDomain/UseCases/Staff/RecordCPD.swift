import Foundation

/// Adds an activity to a CPD log: one's own, or anyone's for those who manage staff. Audited.
public struct RecordCPD: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var staffID: UUID?
        public var date: Date
        public var activity: String
        public var hours: Double
        public var reflection: String?

        public init(staffID: UUID? = nil, date: Date, activity: String, hours: Double, reflection: String? = nil) {
            self.staffID = staffID
            self.date = date
            self.activity = activity
            self.hours = hours
            self.reflection = reflection
        }
    }

    /// One entry is one activity: a day at most.
    public static let maximumHours: Double = 24

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<CPDEntry> {
        let staffID = try StaffRecordAccess.subject(
            command.staffID, actor: actor, policy: environment.policy, otherwise: .manageStaff)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let member = try await StaffRecordAccess.member(staffID, in: unit)
            var problems: [FieldProblem] = []
            if command.date > now { problems.append(FieldProblem("date", "is in the future")) }
            if command.activity.trimmed.isEmpty { problems.append(FieldProblem("activity", "is empty")) }
            if !(command.hours > 0 && command.hours <= Self.maximumHours) {
                problems.append(FieldProblem("hours", "must be more than 0 and at most \(Int(Self.maximumHours))"))
            }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The CPD entry is incomplete.", fields: problems)
            }
            let entry = CPDEntry(
                id: id, staffID: member.id, date: command.date, activity: command.activity.trimmed,
                hours: command.hours, reflection: command.reflection?.trimmed.nilIfEmpty, recordedBy: actor.username,
                recordedAt: now)
            try await unit.staffRecords.insert(entry)
            try await unit.record(
                actor, "cpd.recorded", patientID: nil, examID: nil, at: now,
                "CPD of \(member.displayName): \(entry.activity) (\(command.hours.clean) h)")
            return Outcome(entry, events: [DomainEvent(name: "cpd.recorded", subjectID: id.uuidString, at: now)])
        }
    }
}
