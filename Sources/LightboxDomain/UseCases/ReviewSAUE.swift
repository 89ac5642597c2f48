import Foundation

/// The physicist (a clinical scientist, the MPE) confirms the classifier's proposal or overrides it with a reason
/// (IR(ME)R 2017 reg. 14(2)(e)). A later review supersedes an earlier one, and all are kept. Audited (`saue.reviewed`).
public struct ReviewSAUE: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var caseID: UUID
        public var decision: SAUEReview.Decision
        /// Overriding: whether the incident is notifiable after all.
        public var notifiable: Bool?
        /// Overriding to notifiable: the category that applies.
        public var criterion: SAUECriterion?
        /// Required to override; a comment when confirming.
        public var reason: String?

        public init(
            caseID: UUID, decision: SAUEReview.Decision, notifiable: Bool? = nil, criterion: SAUECriterion? = nil,
            reason: String? = nil
        ) {
            self.caseID = caseID
            self.decision = decision
            self.notifiable = notifiable
            self.criterion = criterion
            self.reason = reason
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> SAUECase {
        try environment.policy.require(actor, .reviewSAUE)
        let staffID = try actor.requireStaffID()
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            guard var saueCase = try await unit.saueCases.get(command.caseID) else {
                throw DomainError.notFound("SAUE case", command.caseID)
            }
            var problems: [FieldProblem] = []
            let reviewer = try await unit.staff.get(staffID)
            if let reviewer {
                if reviewer.profession != .clinicalScientist {
                    problems.append(
                        FieldProblem(
                            "reviewedBy",
                            "\(reviewer.displayName) is not a clinical scientist (medical physics expert)"))
                } else if !reviewer.active {
                    problems.append(FieldProblem("reviewedBy", "\(reviewer.displayName) is no longer active"))
                }
            } else {
                problems.append(FieldProblem("reviewedBy", "no member of staff with id \(staffID)"))
            }
            let reason = command.reason?.trimmed.nilIfEmpty
            if let reason, reason.count > 2_000 {
                problems.append(FieldProblem("reason", "must be at most 2000 characters"))
            }
            let notifiable: Bool
            let criterion: SAUECriterion?
            switch command.decision {
            case .confirmed:
                if command.notifiable != nil || command.criterion != nil {
                    problems.append(FieldProblem("decision", "confirming keeps the proposal; override to change it"))
                }
                notifiable = saueCase.proposal.notifiable
                criterion = saueCase.proposal.proposed
            case .overridden:
                if reason == nil { problems.append(FieldProblem("reason", "say why the proposal is overridden")) }
                notifiable = command.notifiable ?? false
                criterion = notifiable ? command.criterion : nil
                if command.notifiable == nil {
                    problems.append(FieldProblem("notifiable", "say whether the incident is notifiable"))
                } else if notifiable, command.criterion == nil {
                    problems.append(FieldProblem("criterion", "name the category that applies"))
                } else if !notifiable, command.criterion != nil {
                    problems.append(FieldProblem("criterion", "a case that is not notifiable has no category"))
                } else if notifiable == saueCase.proposal.notifiable, criterion == saueCase.proposal.proposed {
                    problems.append(FieldProblem("decision", "this is the proposal: confirm it instead"))
                }
            }
            if saueCase.reviews.count >= SAUECase.maximumReviews {
                problems.append(FieldProblem("caseID", "has \(SAUECase.maximumReviews) reviews already"))
            }
            guard problems.isEmpty, let reviewer else {
                throw DomainError.problems(problems, fallback: .validationFailed, message: "The review is not valid.")
            }
            let review = SAUEReview(
                decision: command.decision, notifiable: notifiable, criterion: criterion, reason: reason,
                reviewedBy: reviewer.id, reviewedByName: reviewer.displayName, reviewedAt: now)
            saueCase.reviews.append(review)
            try await unit.saueCases.update(saueCase)
            let outcome = criterion.map { "notifiable, code \($0.code) (\($0.label))" } ?? "not notifiable"
            try await unit.record(
                actor, "saue.reviewed", patientID: saueCase.patientID, examID: saueCase.examID, at: now,
                "SAUE case \(saueCase.reference) \(command.decision.rawValue) by \(reviewer.displayName): \(outcome)"
                    + (reason.map { ": \($0)" } ?? ""))
            return saueCase
        }
    }
}
