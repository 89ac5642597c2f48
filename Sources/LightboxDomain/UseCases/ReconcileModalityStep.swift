import Foundation

/// A person's decision on a performed procedure step held for an unknown exam (``HeldModalityStep``), audited:
/// - `link`: the step is the exam's. In one transaction the exam follows the step as if its messages had named it
///   from the start: started by the modality (with the start's rules, flagged outside the pathway where one is
///   broken), then each N-SET the modality sent, in order — progress, completion with its series and dose, or
///   discontinuation with its reason. The step's later N-SETs then go to the exam.
/// - `reject`: the step belongs to no exam here (kept, with the reason).
public struct ReconcileModalityStep: Sendable {
    public enum Decision: Sendable, Codable, Equatable {
        case link(examID: UUID)
        case reject(reason: String)
    }

    public struct Command: Sendable, Codable, Equatable {
        /// The ``HeldModalityStep``.
        public var stepID: UUID
        public var decision: Decision

        public init(stepID: UUID, decision: Decision) {
            self.stepID = stepID
            self.decision = decision
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> HeldModalityStep {
        try environment.policy.require(actor, .reconcileImages)
        let now = environment.clock.now()
        let environment = self.environment
        return try await environment.store.transaction { unit in
            guard var step = try await unit.heldModalitySteps.get(command.stepID) else {
                throw DomainError.notFound("held performed procedure step", command.stepID)
            }
            try ReconciliationChecks.requireWaiting(
                step.decision == .waiting, "The performed procedure step \(step.sopInstanceUID)",
                status: step.decision.rawValue)
            switch command.decision {
            case .link(let examID):
                var exam = try await unit.exam(examID)
                exam = try await StartExam.startedByModality(
                    step.start, exam: exam, unit: unit, actor: actor, at: now
                ).value
                for update in step.updates {
                    exam = try await ReceiveModalityStep.apply(
                        update.end, status: update.status, to: exam, environment: environment, unit: unit,
                        actor: actor, at: now
                    ).value
                }
                step.decision = .linked
                step.examID = exam.id
                step.detail =
                    "Linked to exam \(exam.accessionNumber) by \(actor.username); the exam followed the step "
                    + "(\(step.status.rawValue))."
                step.updatedAt = now
                try await unit.heldModalitySteps.update(step)
                try await unit.record(
                    actor, "mpps.held-linked", patientID: exam.patientID, examID: exam.id, at: now,
                    "Performed procedure step \(step.sopInstanceUID): \(step.detail)")
            case .reject(let reason):
                let text = try ReconciliationChecks.rejectionReason(reason, of: "step")
                step.decision = .rejected
                step.detail = "Rejected by \(actor.username): \(text)"
                step.updatedAt = now
                try await unit.heldModalitySteps.update(step)
                try await unit.record(
                    actor, "mpps.held-rejected", patientID: nil, examID: nil, at: now,
                    "Performed procedure step \(step.sopInstanceUID): \(step.detail)")
            }
            return step
        }
    }
}
