import Foundation

/// Records a set of observations on an exam under way (DOMAIN.md "Vital signs and
/// deterioration"): with the time and who measured. Values outside the configured ranges raise an
/// alert to the exam's supervising radiographer (urgent by NEWS2), open until acknowledged.
public struct RecordVitalSigns: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var vitalSigns: VitalSigns

        public init(examID: UUID, vitalSigns: VitalSigns) {
            self.examID = examID
            self.vitalSigns = vitalSigns
        }
    }

    /// From arrival until the patient leaves: observations are taken before, during and after.
    static let states: Set<ExamState> = [.arrived, .checked, .inProgress, .completed, .imagesChecked]

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .pauseAndCheck)
        let staffID = try actor.requireStaffID()
        let now = environment.clock.now()
        let alertID = environment.ids.next()
        return try await environment.store.transaction { unit in
            let rules = VitalSignRules(configuration: try await environment.configuration(at: now, in: unit))
            var exam = try await unit.exam(command.examID)
            guard Self.states.contains(exam.state) else {
                throw DomainError(
                    .transitionNotAllowed,
                    "Observations are recorded while the patient is in the department (the exam is \(exam.state.label))."
                )
            }
            var signs = command.vitalSigns
            var problems = rules.implausible(signs)
            if signs.measuredAt > now.addingTimeInterval(60) {
                problems.append(FieldProblem("vitalSigns.measuredAt", "is in the future"))
            }
            if let measurer = signs.measuredBy, try await unit.staff.get(measurer) == nil {
                problems.append(FieldProblem("vitalSigns.measuredBy", "is not a known member of staff"))
            }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The observations cannot be recorded.", fields: problems)
            }
            signs.measuredBy = signs.measuredBy ?? staffID
            exam.vitalSigns.append(signs)
            var events = [DomainEvent(name: "exam.vital-signs", patientID: exam.patientID, examID: exam.id, at: now)]
            let supervisor = exam.performance.flatMap { $0.supervisorStaffID ?? $0.operatorStaffID }
            let alert = rules.alert(for: signs, id: alertID, addressedTo: supervisor, at: now)
            if let alert {
                exam.vitalSignsAlerts.append(alert)
                events.append(
                    DomainEvent(name: "exam.vital-signs-alert", patientID: exam.patientID, examID: exam.id, at: now))
            }
            exam.history.append(
                ExamStep(
                    action: nil, from: exam.state, to: exam.state, at: now, actor: actor,
                    roomID: exam.performance?.roomID ?? exam.booking?.roomID,
                    note: alert.map { "Observations out of range: \($0.findings.joined(separator: "; "))" }
                        ?? "Observations recorded"))
            try await unit.exams.update(exam)
            try await unit.record(
                actor, "exam.vital-signs", patientID: exam.patientID, examID: exam.id, at: now,
                "Observations measured \(signs.measuredAt.formatted(.iso8601))")
            if let alert {
                try await unit.record(
                    actor, "exam.vital-signs-alert", patientID: exam.patientID, examID: exam.id, at: now,
                    "\(alert.urgent ? "Urgent" : "Out-of-range") observations (NEWS2 \(alert.news2Score)): "
                        + alert.findings.joined(separator: "; "))
            }
            return Outcome(exam, events: events)
        }
    }
}
