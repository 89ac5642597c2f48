import Foundation

/// Verifies a report so it can be sent: by someone entitled to report the exam without supervision;
/// a report written under supervision must be verified by someone else.
public struct VerifyReport: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var examID: UUID

        public init(examID: UUID) {
            self.examID = examID
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Exam> {
        try environment.policy.require(actor, .verifyReport)
        let staffID = try actor.requireStaffID()
        let now = environment.clock.now()
        let destinations = environment.reportDestinations
        let outboxIDs = destinations.map { _ in environment.ids.next() }
        return try await environment.store.transaction { unit in
            var exam = try await unit.exam(command.examID)
            try ExamTransition.check(.verifyReport, exam)
            guard var report = exam.report else {
                throw DomainError(.transitionNotAllowed, "This exam has no report to verify.")
            }
            let entry = try await unit.catalogueEntry(exam.examCode)
            let (member, entitlement) = try await EntitlementVerifier(unit: unit).require(
                staffID, .report, for: entry, at: now)
            if entitlement.supervisionRequired {
                throw DomainError(
                    .entitlementMissing,
                    "\(member.displayName) reports \(entry.name) under supervision and cannot verify reports.")
            }
            if report.needsIndependentVerification && report.reportedBy == staffID {
                throw DomainError(
                    .entitlementMissing, "This report was written under supervision; someone else must verify it.")
            }
            report.verifiedBy = staffID
            report.verifiedAt = now
            exam.report = report
            let event = try ExamTransition.apply(.verifyReport, to: &exam, at: now, by: actor)
            try await unit.save(
                exam, events: [event], actor: actor, at: now, detail: "Report verified by \(member.displayName)")
            // Queued with the verification itself: a verified report is never left unsent.
            for (destination, id) in zip(destinations, outboxIDs) {
                try await unit.outbox.enqueue(
                    OutboxMessage(
                        id: id, destination: destination, kind: .reportVerified, examID: exam.id, createdAt: now,
                        nextAttemptAt: now))
                try await unit.record(
                    actor, "report.queued", patientID: exam.patientID, examID: exam.id, at: now,
                    "Report queued for \(destination)")
            }
            return Outcome(exam, events: [event])
        }
    }
}
