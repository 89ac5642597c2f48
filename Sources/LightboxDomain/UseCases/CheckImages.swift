import Foundation

/// The image check before the patient leaves: a radiographer or radiologist entitled to check
/// images for the exam, never the assistant practitioner who took them, accepts the images or asks
/// for a repeat; rejected and repeated images carry a reason for reject analysis.
public struct CheckImages: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID
        /// The images answer the clinical question; `false` sends the exam back for repeats.
        public var diagnostic: Bool
        public var rejects: [ImageReject]
        public var note: String?

        public init(examID: UUID, diagnostic: Bool, rejects: [ImageReject] = [], note: String? = nil) {
            self.examID = examID
            self.diagnostic = diagnostic
            self.rejects = rejects
            self.note = note
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .checkImages)
        let staffID = try actor.requireStaffID()
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            let action: ExamAction = command.diagnostic ? .acceptImages : .requestRepeat
            try ExamTransition.check(action, exam)
            guard let checker = try await unit.staff.get(staffID) else {
                throw DomainError.notFound("staff member", staffID)
            }
            if let operatorID = exam.performance?.operatorStaffID, operatorID == staffID,
                checker.profession == .assistantPractitioner
            {
                throw DomainError(
                    .imageCheckerNotEligible,
                    "The assistant practitioner who took the images cannot check them; a radiographer or radiologist must."
                )
            }
            guard checker.profession.mayCheckImages else {
                throw DomainError(
                    .imageCheckerNotEligible,
                    "Images must be checked by a radiographer or radiologist; \(checker.displayName) is "
                        + "\(checker.profession.rawValue).")
            }
            let entry = try await unit.catalogueEntry(exam.examCode)
            _ = try await EntitlementVerifier(unit: unit).require(staffID, .checkImages, for: entry, at: now)

            var problems: [FieldProblem] = []
            for (index, reject) in command.rejects.enumerated() {
                if reject.projection.trimmed.isEmpty {
                    problems.append(FieldProblem("rejects[\(index)].projection", "say which image was rejected"))
                }
                if reject.reason == .other && (reject.note ?? "").trimmed.isEmpty {
                    problems.append(FieldProblem("rejects[\(index)].note", "describe the reason when it is \"other\""))
                }
            }
            if !command.diagnostic && command.rejects.isEmpty && (command.note ?? "").trimmed.isEmpty {
                problems.append(FieldProblem("rejects", "say which images need repeating and why"))
            }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The image check is incomplete.", fields: problems)
            }
            exam.imageChecks.append(
                ImageCheckRecord(
                    checkedBy: staffID, diagnostic: command.diagnostic, rejects: command.rejects, note: command.note,
                    at: now))
            let event = try ExamTransition.apply(
                action, to: &exam, at: now, by: actor, roomID: exam.performance?.roomID, note: command.note)
            var detail =
                command.diagnostic
                ? "Images accepted by \(checker.displayName)" : "Repeat requested by \(checker.displayName)"
            if !command.rejects.isEmpty {
                detail +=
                    "; rejects: "
                    + command.rejects.map { "\($0.projection) (\($0.reason.rawValue))" }.joined(separator: ", ")
            }
            try await unit.save(exam, events: [event], actor: actor, at: now, detail: detail)
            return Outcome(exam, events: [event])
        }
    }
}
