import Foundation

/// Stops an exam in progress before it is complete, with the reason (the modality's MPPS
/// DISCONTINUED, or the operator at the desk). Exposures already given are recorded with it; the
/// exam can then have its images checked, be re-booked, or be cancelled.
public struct DiscontinueExam: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var reason: String
        /// Series acquired before stopping.
        public var projections: [PerformedProjection]
        /// Exposure figures of what was given before stopping.
        public var exposures: [ExposureFigures]

        public init(
            examID: UUID, reason: String, projections: [PerformedProjection] = [], exposures: [ExposureFigures] = []
        ) {
            self.examID = examID
            self.reason = reason
            self.projections = projections
            self.exposures = exposures
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    /// The operator (or their supervisor, or another entitled operator) discontinues at the desk.
    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .performExam)
        let staffID = try actor.requireStaffID()
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            try ExamTransition.check(.discontinue, exam)
            guard let performance = exam.performance else {
                throw DomainError(.transitionNotAllowed, "This exam has no record of being started.")
            }
            if staffID != performance.operatorStaffID && staffID != performance.supervisorStaffID {
                let entry = try await unit.catalogueEntry(exam.examCode)
                _ = try await EntitlementVerifier(unit: unit).require(staffID, .operate, for: entry, at: now)
            }
            var problems: [FieldProblem] = []
            if command.reason.trimmed.isEmpty { problems.append(FieldProblem("reason", "say why the exam stopped")) }
            problems += CompleteExam.recordProblems(command.projections, command.exposures)
                .filter { $0.field != "projections" }
            guard problems.isEmpty else {
                throw DomainError.problems(
                    problems, fallback: .validationFailed, message: "The discontinued exam's record is incomplete.")
            }
            let event = try Self.discontinue(
                &exam, reason: command.reason.trimmed, projections: command.projections, exposures: command.exposures,
                by: staffID, actor: actor, at: now)
            try await unit.save(exam, events: [event], actor: actor, at: now, detail: "Discontinued: \(command.reason)")
            return Outcome(exam, events: [event])
        }
    }

    /// The modality discontinued its performed procedure step (MPPS N-SET DISCONTINUED, PS3.4 §F.7.2.2):
    /// the reason is the Discontinuation Reason Code's meaning, or says none was given.
    public func fromModality(_ command: ModalityStepEnd, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .recordModalityStep)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let exam = try await unit.examOfOpenModalityStep(command.sopInstanceUID)
            return try await Self.discontinuedByModality(
                command, exam: exam, environment: environment, unit: unit, actor: actor, at: now)
        }
    }

    /// The exam discontinued by its modality's step, in the caller's transaction.
    static func discontinuedByModality(
        _ command: ModalityStepEnd, exam: Exam, environment: DepartmentEnvironment, unit: any UnitOfWork,
        actor: Actor, at now: Date
    ) async throws -> Outcome<Exam> {
        var exam = exam
        try ExamTransition.check(.discontinue, exam)
        guard var step = exam.modalityStep else {
            throw DomainError(.transitionNotAllowed, "This exam has no record of being started.")
        }
        let given = command.reason?.trimmed ?? ""
        let reason = given.isEmpty ? "Discontinued at \(step.stationAETitle); the modality gave no reason" : given
        let exposures = (command.exposures ?? step.reportedExposures ?? []).filter { figures in
            figures.values.allSatisfy { $0.1.map { $0.isFinite && $0 >= 0 } ?? true }
        }
        let projections = (command.projections ?? step.reportedProjections ?? []).filter {
            !$0.name.trimmed.isEmpty && $0.images >= 1
        }
        let operatorID = try await StartExam.staffID(named: command.operatorName, unit: unit)
        step.status = .discontinued
        step.endedAt = now
        step.discontinuationReason = reason
        exam.modalityStep = step
        let event = try Self.discontinue(
            &exam, reason: reason, projections: projections, exposures: exposures,
            by: operatorID ?? exam.performance?.operatorStaffID, actor: actor, at: now)
        try await unit.save(
            exam, events: [event], actor: actor, at: now,
            detail: "Discontinued by the modality (MPPS \(command.sopInstanceUID)): \(reason)")
        // The exposures made before the step was discontinued count in the dose register too.
        if let report = DoseReport.from(
            exposures, source: .mpps, sourceUID: step.sopInstanceUID, exam: exam, at: now,
            from: step.stationAETitle)
        {
            try await unit.dose.save(report)
            let configuration = try await environment.configuration(at: now, in: unit)
            (exam, _) = try await unit.refreshDoseRecord(
                examID: exam.id, configuration: configuration, ids: environment.ids, actor: actor, at: now,
                detail: "MPPS \(step.sopInstanceUID) (discontinued) dose attributes from \(step.stationAETitle).")
        }
        return Outcome(exam, events: [event])
    }

    static func discontinue(
        _ exam: inout Exam, reason: String, projections: [PerformedProjection], exposures: [ExposureFigures],
        by staffID: UUID?, actor: Actor, at now: Date
    ) throws(DomainError) -> DomainEvent {
        if var performance = exam.performance {
            performance.projections += projections
            performance.exposures += exposures
            performance.completedAt = now
            performance.completedBy = staffID
            exam.performance = performance
        }
        exam.closureReason = reason
        return try ExamTransition.apply(
            .discontinue, to: &exam, at: now, by: actor, roomID: exam.performance?.roomID, note: reason)
    }
}
