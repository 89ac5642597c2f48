import Foundation

extension CompleteExam {
    /// A modality completed its performed procedure step (MPPS N-SET COMPLETED): the exam is completed
    /// with the series and exposure figures the step carries. What the desk would have refused (no
    /// series, a figure that is not a number of zero or more) cannot undo the exposure: the record keeps
    /// what is valid and the exam is flagged outside the pathway with each problem.
    public func fromModality(_ command: ModalityStepEnd, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .recordModalityStep)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let exam = try await unit.examOfOpenModalityStep(command.sopInstanceUID)
            return try await Self.completedByModality(
                command, exam: exam, environment: environment, unit: unit, actor: actor, at: now)
        }
    }

    /// The exam completed by its modality's step, in the caller's transaction.
    static func completedByModality(
        _ command: ModalityStepEnd, exam: Exam, environment: DepartmentEnvironment, unit: any UnitOfWork,
        actor: Actor, at now: Date
    ) async throws -> Outcome<Exam> {
        var exam = exam
        try ExamTransition.check(.complete, exam)
        guard var performance = exam.performance, var step = exam.modalityStep else {
            throw DomainError(.transitionNotAllowed, "This exam has no record of being started.")
        }
        let projections = command.projections ?? step.reportedProjections ?? []
        let exposures = command.exposures ?? step.reportedExposures ?? []
        let problems = Self.recordProblems(projections, exposures)
        let validExposures = exposures.filter { figures in
            figures.values.allSatisfy { $0.1.map { $0.isFinite && $0 >= 0 } ?? true }
        }
        let validProjections = projections.filter { !$0.name.trimmed.isEmpty && $0.images >= 1 }
        performance.projections += validProjections
        performance.exposures += validExposures
        performance.completedAt = now
        performance.completedBy =
            try await StartExam.staffID(named: command.operatorName, unit: unit) ?? performance.operatorStaffID
        exam.performance = performance
        step.status = .completed
        step.endedAt = now
        exam.modalityStep = step
        let event = try ExamTransition.apply(.complete, to: &exam, at: now, by: actor, roomID: performance.roomID)
        var events = [event]
        if !problems.isEmpty {
            let breaches = problems.map {
                OutsidePathwayRecord.Breach(code: .validationFailed, message: "\($0.field): \($0.problem)")
            }
            exam.flagOutsidePathway(breaches, at: now, source: "MPPS from \(step.stationAETitle)")
            events.append(
                DomainEvent(
                    name: "exam.outside-pathway", patientID: exam.patientID, examID: exam.id,
                    fromState: .completed, toState: .completed, at: now))
        }
        let series = validProjections.map { "\($0.name) x\($0.images)" }.joined(separator: ", ")
        try await unit.save(
            exam, events: [event], actor: actor, at: now,
            detail: "Completed by the modality (MPPS \(command.sopInstanceUID)): "
                + (series.isEmpty ? "no series recorded" : series))
        try await SupportTaskRules.raiseCleaning(
            after: exam,
            raiser: SupportTaskRaiser(environment.ids, try await environment.configuration(at: now, in: unit)),
            actor: actor, at: now, in: unit)
        if !problems.isEmpty {
            try await unit.record(
                actor, "exam.outside-pathway", patientID: exam.patientID, examID: exam.id, at: now,
                "The modality's completion breaks the record's rules: "
                    + problems.map { "\($0.field): \($0.problem)" }.joined(separator: "; "))
        }
        if let report = DoseReport.from(
            validExposures, source: .mpps, sourceUID: step.sopInstanceUID, exam: exam, at: now,
            from: step.stationAETitle)
        {
            try await unit.dose.save(report)
            let configuration = try await environment.configuration(at: now, in: unit)
            (exam, _) = try await unit.refreshDoseRecord(
                examID: exam.id, configuration: configuration, ids: environment.ids, actor: actor, at: now,
                detail: "MPPS \(step.sopInstanceUID) dose attributes from \(step.stationAETitle).")
        }
        return Outcome(exam, events: events)
    }
}
