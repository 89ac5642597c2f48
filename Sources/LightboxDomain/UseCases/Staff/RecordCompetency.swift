import Foundation

/// Records an assessed competency (a duty for a scope of exams) with its assessor and expiry; entitlements can
/// then be granted on it (`GrantEntitlement.Command.competencyID`). Audited.
public struct RecordCompetency: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var staffID: UUID
        public var duty: Duty
        public var scope: ExamScope
        public var assessorID: UUID
        public var assessedOn: Date
        public var expires: Date?
        public var evidence: String

        public init(
            staffID: UUID, duty: Duty, scope: ExamScope, assessorID: UUID, assessedOn: Date, expires: Date?,
            evidence: String
        ) {
            self.staffID = staffID
            self.duty = duty
            self.scope = scope
            self.assessorID = assessorID
            self.assessedOn = assessedOn
            self.expires = expires
            self.evidence = evidence
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Competency> {
        try environment.policy.require(actor, .manageStaff)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let member = try await StaffRecordAccess.member(command.staffID, in: unit)
            var problems: [FieldProblem] = []
            let assessor = try await unit.staff.get(command.assessorID)
            if let assessor {
                if assessor.id == member.id {
                    problems.append(FieldProblem("assessorID", "no one assesses their own competence"))
                } else if !assessor.active || !assessor.profession.maySupervise {
                    problems.append(
                        FieldProblem(
                            "assessorID", "\(assessor.displayName) is not an active radiographer or radiologist"))
                }
            } else {
                problems.append(FieldProblem("assessorID", "no member of staff has that id"))
            }
            if command.scope.isEmpty {
                problems.append(FieldProblem("scope", "give a modality, exam code or body region"))
            }
            if let code = command.scope.examCode, try await unit.catalogue.get(code: code) == nil {
                problems.append(FieldProblem("scope.examCode", "\(code) is not in the catalogue", code: .unknownExam))
            }
            if command.assessedOn > now { problems.append(FieldProblem("assessedOn", "is in the future")) }
            if let expires = command.expires, expires <= command.assessedOn {
                problems.append(FieldProblem("expires", "must be after the assessment"))
            }
            if command.evidence.trimmed.isEmpty {
                problems.append(FieldProblem("evidence", "record how competence was assessed"))
            }
            guard problems.isEmpty, let assessor else {
                throw DomainError.problems(
                    problems, fallback: .validationFailed, message: "The competency is incomplete.")
            }
            let competency = Competency(
                id: id, staffID: member.id, duty: command.duty, scope: command.scope, assessorID: assessor.id,
                assessorName: assessor.displayName, assessedOn: command.assessedOn, expires: command.expires,
                evidence: command.evidence.trimmed, recordedBy: actor.username, recordedAt: now)
            try await unit.staffRecords.insert(competency)
            var detail =
                "Competency of \(member.displayName) to \(command.duty.label) \(command.scope.summary), assessed by "
                + assessor.displayName
            if let expires = command.expires { detail += ", expires \(expires.formatted(.iso8601))" }
            try await unit.record(actor, "competency.recorded", patientID: nil, examID: nil, at: now, detail)
            return Outcome(
                competency, events: [DomainEvent(name: "competency.recorded", subjectID: id.uuidString, at: now)])
        }
    }
}
