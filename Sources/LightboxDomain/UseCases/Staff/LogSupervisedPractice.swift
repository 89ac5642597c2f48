import Foundation

/// An apprentice, student or assistant practitioner logs supervised practice, naming the supervisor who signs
/// it off (`SignOffSupervisedPractice`). Audited.
public struct LogSupervisedPractice: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        /// The learner; the actor's own record when not given (a manager may log for a learner).
        public var staffID: UUID?
        public var supervisorID: UUID
        public var performedOn: Date
        public var activity: String
        public var examID: UUID?
        public var reflection: String?

        public init(
            staffID: UUID? = nil, supervisorID: UUID, performedOn: Date, activity: String, examID: UUID? = nil,
            reflection: String? = nil
        ) {
            self.staffID = staffID
            self.supervisorID = supervisorID
            self.performedOn = performedOn
            self.activity = activity
            self.examID = examID
            self.reflection = reflection
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<SupervisedPracticeEntry> {
        let learnerID = try StaffRecordAccess.subject(
            command.staffID, actor: actor, policy: environment.policy, otherwise: .manageStaff)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let learner = try await StaffRecordAccess.member(learnerID, in: unit)
            var problems: [FieldProblem] = []
            if !learner.profession.actsUnderSupervision {
                problems.append(
                    FieldProblem(
                        "staffID", "\(learner.displayName) is not an apprentice, student or assistant practitioner"))
            }
            let supervisor = try await unit.staff.get(command.supervisorID)
            if let supervisor {
                if !supervisor.active || !supervisor.profession.maySupervise {
                    problems.append(
                        FieldProblem(
                            "supervisorID", "\(supervisor.displayName) is not an active radiographer or radiologist"))
                }
            } else {
                problems.append(FieldProblem("supervisorID", "no member of staff has that id"))
            }
            if command.performedOn > now { problems.append(FieldProblem("performedOn", "is in the future")) }
            if command.activity.trimmed.isEmpty { problems.append(FieldProblem("activity", "say what was done")) }
            var patientID: UUID?
            if let examID = command.examID {
                if let exam = try await unit.exams.get(examID) {
                    patientID = exam.patientID
                } else {
                    problems.append(FieldProblem("examID", "no exam has that id"))
                }
            }
            guard problems.isEmpty, let supervisor else {
                throw DomainError(.validationFailed, "The practice log entry is incomplete.", fields: problems)
            }
            let entry = SupervisedPracticeEntry(
                id: id, staffID: learner.id, supervisorID: supervisor.id, supervisorName: supervisor.displayName,
                performedOn: command.performedOn, activity: command.activity.trimmed, examID: command.examID,
                reflection: command.reflection?.trimmed.nilIfEmpty, recordedBy: actor.username, recordedAt: now)
            try await unit.staffRecords.insert(entry)
            try await unit.record(
                actor, "practice.logged", patientID: patientID, examID: command.examID, at: now,
                "\(learner.displayName) logged supervised practice (\(entry.activity)) for sign-off by "
                    + supervisor.displayName)
            return Outcome(entry, events: [DomainEvent(name: "practice.logged", subjectID: id.uuidString, at: now)])
        }
    }
}
