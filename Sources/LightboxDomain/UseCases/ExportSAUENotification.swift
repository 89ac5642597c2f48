import Foundation

/// The notification of a case the physicist decided is notifiable, for the enforcing authority: no patient
/// identifiers (CQC: "you should not provide any information that identifies any person"). Audited
/// (`saue.notification-exported`).
public struct ExportSAUENotification: Sendable {
    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ caseID: UUID, by actor: Actor) async throws -> SAUENotification {
        try environment.policy.require(actor, .reviewSAUE)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            guard let saueCase = try await unit.saueCases.get(caseID) else {
                throw DomainError.notFound("SAUE case", caseID)
            }
            guard let review = saueCase.review else {
                throw DomainError(
                    .transitionNotAllowed,
                    "SAUE case \(saueCase.reference) awaits the physicist's review: nothing is notified before it.")
            }
            guard review.notifiable, let criterion = review.criterion else {
                throw DomainError(
                    .transitionNotAllowed, "SAUE case \(saueCase.reference) was decided not notifiable.")
            }
            let configuration = try await environment.configuration(at: now, in: unit)
            let incident = saueCase.incident
            let ageBand = incident.patientAgeYears.map {
                $0 < configuration.saueCriteria.childAgeUnderYears ? "child" : "adult"
            }
            let notification = SAUENotification(
                reference: saueCase.reference, occurredOn: saueCase.occurredOn,
                reportedOn: CalendarDate(saueCase.reportedAt, in: configuration.timeZone),
                modality: saueCase.modality, examType: saueCase.examName, kind: incident.kind,
                kindLabel: incident.kind.label, ageBand: ageBand,
                intendedEffectiveDoseMilliSievert: incident.intendedEffectiveDoseMilliSievert,
                totalEffectiveDoseMilliSievert: incident.totalEffectiveDoseMilliSievert,
                interventionalDose: incident.interventionalDose, localDRL: incident.localDRL,
                drlQuantity: incident.drlQuantity,
                tissueEffectsBeyondTransientErythema: incident.tissueEffectsBeyondTransientErythema,
                foetalDoseMilliGray: incident.foetalDoseMilliGray, notificationCode: criterion.code,
                category: criterion, categoryLabel: criterion.label,
                arithmetic: saueCase.proposal.findings.map(\.arithmetic), decision: review.decision,
                reason: review.reason, decidedBy: review.reviewedByName,
                decidedOn: CalendarDate(review.reviewedAt, in: configuration.timeZone), summary: saueCase.summary)
            try await unit.record(
                actor, "saue.notification-exported", patientID: saueCase.patientID, examID: saueCase.examID, at: now,
                "Notification of SAUE case \(saueCase.reference) exported (code \(criterion.code))")
            return notification
        }
    }
}
