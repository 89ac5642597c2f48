import Foundation

/// Grants a person a duty for a scope of exams, from a start to an expiry, on recorded training evidence.
public struct GrantEntitlement: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var staffID: UUID
        public var duty: Duty
        public var scope: ExamScope
        public var starts: Date
        public var expires: Date?
        public var supervisionRequired: Bool
        public var trainingEvidence: String

        public init(
            staffID: UUID, duty: Duty, scope: ExamScope, starts: Date, expires: Date?,
            supervisionRequired: Bool = false,
            trainingEvidence: String
        ) {
            self.staffID = staffID
            self.duty = duty
            self.scope = scope
            self.starts = starts
            self.expires = expires
            self.supervisionRequired = supervisionRequired
            self.trainingEvidence = trainingEvidence
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Entitlement> {
        try environment.policy.require(actor, .manageEntitlements)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            guard let member = try await unit.staff.get(command.staffID) else {
                throw DomainError.notFound("staff member", command.staffID)
            }
            var problems: [FieldProblem] = []
            if command.scope.isEmpty {
                problems.append(FieldProblem("scope", "give a modality, exam code or body region"))
            }
            if let code = command.scope.examCode, try await unit.catalogue.get(code: code) == nil {
                problems.append(FieldProblem("scope.examCode", "\(code) is not in the catalogue", code: .unknownExam))
            }
            if let expires = command.expires, expires <= command.starts {
                problems.append(FieldProblem("expires", "must be after the start"))
            }
            if command.trainingEvidence.trimmed.isEmpty {
                problems.append(
                    FieldProblem("trainingEvidence", "record the training or competence behind the entitlement"))
            }
            if [.justify, .report].contains(command.duty) && member.profession.actsUnderSupervision {
                problems.append(
                    FieldProblem("duty", "a \(member.profession.rawValue) cannot be a practitioner or reporter"))
            }
            if command.duty == .checkImages && !member.profession.mayCheckImages {
                problems.append(FieldProblem("duty", "only radiographers and radiologists check images"))
            }
            guard problems.isEmpty else {
                throw DomainError.problems(
                    problems, fallback: .validationFailed, message: "The entitlement is incomplete.")
            }
            let entitlement = Entitlement(
                id: id, staffID: member.id, duty: command.duty, scope: command.scope, starts: command.starts,
                expires: command.expires, supervisionRequired: command.supervisionRequired,
                trainingEvidence: command.trainingEvidence.trimmed, grantedBy: actor.username, grantedAt: now)
            try await unit.entitlements.insert(entitlement)
            var detail = "Entitled \(member.displayName) to \(command.duty.rawValue) \(command.scope.summary)"
            if let expires = command.expires { detail += " until \(expires.formatted(.iso8601))" }
            if command.supervisionRequired { detail += " under supervision" }
            try await unit.record(actor, "entitlement.granted", patientID: nil, examID: nil, at: now, detail)
            return Outcome(
                entitlement, events: [DomainEvent(name: "entitlement.granted", subjectID: id.uuidString, at: now)])
        }
    }
}
