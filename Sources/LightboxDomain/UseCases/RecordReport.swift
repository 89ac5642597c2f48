import Foundation

/// The report (clinical evaluation) of a discharged exam, by someone entitled to report it now;
/// an urgent or unexpected finding carries its alert category.
public struct RecordReport: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        public var text: String
        public var alert: FindingAlert?

        public init(examID: UUID, text: String, alert: FindingAlert? = nil) {
            self.examID = examID
            self.text = text
            self.alert = alert
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .report)
        let staffID = try actor.requireStaffID()
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            try ExamTransition.check(.report, exam)
            let text = command.text.trimmed
            guard !text.isEmpty else {
                throw DomainError(.validationFailed, "The report is empty.", fields: [FieldProblem("text", "is empty")])
            }
            let entry = try await unit.catalogueEntry(exam.examCode)
            let (member, entitlement) = try await EntitlementVerifier(unit: unit).require(
                staffID, .report, for: entry, at: now)
            exam.report = ReportRecord(
                text: text, alert: command.alert, reportedBy: staffID, reportedAt: now,
                needsIndependentVerification: entitlement.supervisionRequired)
            let event = try ExamTransition.apply(.report, to: &exam, at: now, by: actor)
            let alert = command.alert.map { ", alert: \($0.rawValue)" } ?? ""
            try await unit.save(
                exam, events: [event], actor: actor, at: now, detail: "Reported by \(member.displayName)\(alert)")
            return Outcome(exam, events: [event])
        }
    }
}
