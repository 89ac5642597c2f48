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
        /// The recorded competency the entitlement rests on; its lapse removes the entitlement. When given, the
        /// training evidence may be left empty (the competency is the evidence).
        public var competencyID: UUID?

        public init(
            staffID: UUID, duty: Duty, scope: ExamScope, starts: Date, expires: Date?,
            supervisionRequired: Bool = false,
            trainingEvidence: String, competencyID: UUID? = nil
        ) {
            self.competencyID = competencyID
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
            var evidence = command.trainingEvidence.trimmed
            var expires = command.expires
            if let competencyID = command.competencyID {
                if let competency = try await unit.staffRecords.get(Competency.self, competencyID),
                    competency.staffID == member.id
                {
                    if competency.duty != command.duty || competency.scope != command.scope {
                        problems.append(
                            FieldProblem(
                                "competencyID",
                                "the competency is for \(competency.duty.label) \(competency.scope.summary), not this duty and scope"
                            ))
                    } else if !competency.isCurrent(at: now) {
                        problems.append(FieldProblem("competencyID", "the competency has lapsed"))
                    } else if let lapse = competency.expires {
                        // An entitlement never outlives the competency it rests on.
                        expires = min(expires ?? lapse, lapse)
                    }
                    if evidence.isEmpty {
                        evidence = "Competency assessed by \(competency.assessorName): \(competency.evidence)"
                    }
                } else {
                    problems.append(FieldProblem("competencyID", "no competency of this member of staff has that id"))
                }
            }
            if let expires, expires <= command.starts {
                problems.append(FieldProblem("expires", "must be after the start"))
            }
            if evidence.isEmpty {
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
                expires: expires, supervisionRequired: command.supervisionRequired,
                trainingEvidence: evidence, grantedBy: actor.username, grantedAt: now,
                competencyID: command.competencyID)
            try await unit.entitlements.insert(entitlement)
            var detail = "Entitled \(member.displayName) to \(command.duty.rawValue) \(command.scope.summary)"
            if let expires { detail += " until \(expires.formatted(.iso8601))" }
            if command.supervisionRequired { detail += " under supervision" }
            if let competencyID = command.competencyID { detail += " on competency \(competencyID)" }
            try await unit.record(actor, "entitlement.granted", patientID: nil, examID: nil, at: now, detail)
            return Outcome(
                entitlement, events: [DomainEvent(name: "entitlement.granted", subjectID: id.uuidString, at: now)])
        }
    }
}
