import Foundation

/// IR(ME)R justification: a practitioner entitled for the exam accepts, rejects, returns the request
/// for more information, or changes the exam; or an operator entitled to authorise accepts it under a
/// named, versioned guideline.
public struct JustifyRequest: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var decision: JustificationDecision
        /// Set when an operator authorises under a practitioner's written guideline (accept only).
        public var guideline: GuidelineReference?
        /// For `changeExam`: the exam to do instead.
        public var newExamCode: String?
        /// For `changeExam` when the new exam has a side.
        public var newLaterality: Laterality?
        /// Needed to reject, ask for information or change the exam.
        public var reason: String?

        public init(
            examID: UUID, decision: JustificationDecision, guideline: GuidelineReference? = nil,
            newExamCode: String? = nil, newLaterality: Laterality? = nil, reason: String? = nil
        ) {
            self.examID = examID
            self.decision = decision
            self.guideline = guideline
            self.newExamCode = newExamCode
            self.newLaterality = newLaterality
            self.reason = reason
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .justify)
        let staffID = try actor.requireStaffID()
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            let action: ExamAction =
                switch command.decision {
                case .accept: command.guideline == nil ? .accept : .authorise
                case .reject: .reject
                case .requestInformation: .returnForInformation
                case .changeExam: .changeExam
                }
            try ExamTransition.check(action, exam)

            var problems: [FieldProblem] = []
            let reason = command.reason?.trimmed ?? ""
            if let guideline = command.guideline {
                if command.decision != .accept {
                    problems.append(
                        FieldProblem(
                            "guideline",
                            "an operator authorising under a guideline can only accept; refer to a practitioner to "
                                + "reject, return or change the exam"))
                }
                if guideline.id.trimmed.isEmpty { problems.append(FieldProblem("guideline.id", "name the guideline")) }
                if guideline.version.trimmed.isEmpty {
                    problems.append(FieldProblem("guideline.version", "give the guideline's version"))
                }
            }
            if command.decision != .accept && reason.isEmpty {
                problems.append(FieldProblem("reason", "say why (it goes back to the referrer)"))
            }
            var entry = try await unit.catalogueEntry(exam.examCode)
            var laterality = exam.laterality
            if command.decision == .changeExam {
                if let code = command.newExamCode?.trimmed, !code.isEmpty {
                    if let newEntry = try await unit.catalogue.get(code: code), newEntry.active {
                        entry = newEntry
                        laterality =
                            newEntry.lateralityRequired ? (command.newLaterality ?? exam.laterality) : .notApplicable
                        if newEntry.lateralityRequired && laterality == .notApplicable {
                            problems.append(FieldProblem("newLaterality", "say which side the new exam is on"))
                        }
                    } else {
                        problems.append(
                            FieldProblem("newExamCode", "\(code) is not an exam in the catalogue", code: .unknownExam))
                    }
                } else {
                    problems.append(FieldProblem("newExamCode", "say which exam to do instead"))
                }
            }
            guard problems.isEmpty else {
                throw DomainError.problems(
                    problems, fallback: .validationFailed, message: "The decision is incomplete.")
            }

            let duty: Duty = command.guideline == nil ? .justify : .authorise
            let (member, entitlement) = try await EntitlementVerifier(unit: unit).require(
                staffID, duty, for: entry, at: now)
            if entitlement.supervisionRequired {
                throw DomainError(
                    .entitlementMissing,
                    "\(member.displayName) may \(duty.label) \(entry.name) only under supervision; a practitioner must decide."
                )
            }
            let originalCode = exam.examCode
            if command.decision == .changeExam {
                exam.examCode = entry.code
                exam.examName = entry.name
                exam.modality = entry.modality
                exam.bodyRegion = entry.bodyRegion
                exam.laterality = laterality
            }
            exam.justification = JustificationRecord(
                decision: command.decision, staffID: staffID, entitlementID: entitlement.id,
                guideline: command.guideline, note: reason.isEmpty ? nil : reason,
                originalExamCode: command.decision == .changeExam ? originalCode : nil, at: now)
            let event = try ExamTransition.apply(
                action, to: &exam, at: now, by: actor, note: reason.isEmpty ? nil : reason)
            var detail = "\(action.label) \(exam.examName) (\(exam.examCode)) by \(member.displayName)"
            if let guideline = command.guideline {
                detail += " under guideline \(guideline.id) version \(guideline.version)"
            }
            if command.decision == .changeExam { detail += ", changed from \(originalCode)" }
            if !reason.isEmpty { detail += ": \(reason)" }
            try await unit.save(exam, events: [event], actor: actor, at: now, detail: detail)
            return Outcome(exam, events: [event])
        }
    }
}
