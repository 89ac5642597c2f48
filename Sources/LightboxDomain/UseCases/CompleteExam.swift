import Foundation

/// The exposures are done: record the projections or series acquired (exposure figures optional).
public struct CompleteExam: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var projections: [PerformedProjection]
        public var exposures: [ExposureFigures]
        /// Carers or comforters who held or supported the patient.
        public var carers: [CarerRecord]
        /// The unit used (maker, model, serial), for the exposure record.
        public var equipment: String?

        public init(
            examID: UUID, projections: [PerformedProjection], exposures: [ExposureFigures] = [],
            carers: [CarerRecord] = [], equipment: String? = nil
        ) {
            self.equipment = equipment
            self.examID = examID
            self.projections = projections
            self.exposures = exposures
            self.carers = carers
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .performExam)
        let staffID = try actor.requireStaffID()
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let constraint = try await environment.configuration(at: now, in: unit).carerDoseConstraintMilliSievert
            var exam = try await unit.exam(command.examID)
            try ExamTransition.check(.complete, exam)
            guard var performance = exam.performance else {
                throw DomainError(.transitionNotAllowed, "This exam has no record of being started.")
            }
            if staffID != performance.operatorStaffID && staffID != performance.supervisorStaffID {
                let entry = try await unit.catalogueEntry(exam.examCode)
                _ = try await EntitlementVerifier(unit: unit).require(staffID, .operate, for: entry, at: now)
            }
            var problems = Self.recordProblems(command.projections, command.exposures)
            problems += Self.carerProblems(command.carers, constraint: constraint)
            guard problems.isEmpty else {
                throw DomainError.problems(
                    problems, fallback: .validationFailed, message: "The exam record is incomplete.")
            }
            performance.projections += command.projections
            performance.exposures += command.exposures
            performance.carers += command.carers
            performance.completedAt = now
            performance.completedBy = staffID
            performance.equipment = command.equipment?.trimmed.nilIfEmpty ?? performance.equipment
            exam.performance = performance
            let event = try ExamTransition.apply(.complete, to: &exam, at: now, by: actor, roomID: performance.roomID)
            try await unit.save(
                exam, events: [event], actor: actor, at: now,
                detail: "Completed: " + command.projections.map { "\($0.name) x\($0.images)" }.joined(separator: ", "))
            // An isolation patient's exam done: the room's turnover clean goes on the support workers' board.
            try await SupportTaskRules.raiseCleaning(
                after: exam,
                raiser: SupportTaskRaiser(environment.ids, try await environment.configuration(at: now, in: unit)),
                actor: actor, at: now, in: unit)
            // Figures typed at completion are the operator's entry (a later entry on the exam screen replaces it).
            if let report = DoseReport.from(
                command.exposures, source: .entry, sourceUID: RecordDoseEntry.entryUID(exam.id), exam: exam, at: now,
                from: actor.username)
            {
                try await unit.dose.save(report)
                let configuration = try await environment.configuration(at: now, in: unit)
                (exam, _) = try await unit.refreshDoseRecord(
                    examID: exam.id, configuration: configuration, ids: environment.ids, actor: actor, at: now,
                    detail: "Dose figures entered at completion by \(actor.username).")
            }
            return Outcome(exam, events: [event])
        }
    }

    /// What is wrong with the projections (at least one, each named, at least one image) and the exposure
    /// figures (finite, zero or more).
    static func recordProblems(_ projections: [PerformedProjection], _ exposures: [ExposureFigures]) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        if projections.isEmpty {
            problems.append(FieldProblem("projections", "record the projections or series acquired"))
        }
        for (index, projection) in projections.enumerated() {
            if projection.name.trimmed.isEmpty {
                problems.append(FieldProblem("projections[\(index)].name", "is empty"))
            }
            if projection.images < 1 {
                problems.append(FieldProblem("projections[\(index)].images", "must be at least 1"))
            }
        }
        for (index, exposure) in exposures.enumerated() {
            for (name, value) in exposure.values {
                if let value, !value.isFinite || value < 0 {
                    problems.append(FieldProblem("exposures[\(index)].\(name)", "must be a number of zero or more"))
                }
            }
        }
        return problems
    }

    /// Carers and comforters: named, consenting, told the risks, with an estimated dose within the
    /// department's constraint.
    static func carerProblems(_ carers: [CarerRecord], constraint: Double) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        for (index, carer) in carers.enumerated() {
            let field = "carers[\(index)]"
            if carer.name.trimmed.isEmpty { problems.append(FieldProblem("\(field).name", "record the carer's name")) }
            if !carer.consentGiven { problems.append(FieldProblem("\(field).consentGiven", "the carer must consent")) }
            if !carer.informedOfRisks {
                problems.append(FieldProblem("\(field).informedOfRisks", "the carer must be told the risks"))
            }
            if let dose = carer.estimatedDoseMilliSievert, dose.isFinite, dose >= 0 {
                if dose > constraint {
                    problems.append(
                        FieldProblem(
                            "\(field).estimatedDoseMilliSievert",
                            "\(dose.clean) mSv is over the department's dose constraint for carers (\(constraint.clean) mSv)",
                            code: .carerDoseConstraint))
                }
            } else {
                problems.append(FieldProblem("\(field).estimatedDoseMilliSievert", "record the estimated dose (mSv)"))
            }
        }
        return problems
    }
}
