import Foundation

/// The referrer answers a request returned for more information; it goes back for justification.
public struct ResubmitRequest: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var additionalInformation: String

        public init(examID: UUID, additionalInformation: String) {
            self.examID = examID
            self.additionalInformation = additionalInformation
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .createRequest)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            if (actor.role == .referrer || actor.referrerID != nil) && actor.referrerID != exam.referrerID {
                throw DomainError(
                    .referrerNotOwn, "Only the referrer who made the request can answer the practitioner's question.",
                    fields: [FieldProblem("examID", "was requested by another referrer", code: .referrerNotOwn)])
            }
            try ExamTransition.check(.resubmit, exam)
            let info = command.additionalInformation.trimmed
            guard !info.isEmpty else {
                throw DomainError(
                    .validationFailed, "Add the information the practitioner asked for.",
                    fields: [FieldProblem("additionalInformation", "is empty")])
            }
            exam.clinicalQuestion += "\nAdditional information: \(info)"
            let event = try ExamTransition.apply(.resubmit, to: &exam, at: now, by: actor, note: info)
            try await unit.save(exam, events: [event], actor: actor, at: now, detail: "Resubmitted with: \(info)")
            return Outcome(exam, events: [event])
        }
    }
}
