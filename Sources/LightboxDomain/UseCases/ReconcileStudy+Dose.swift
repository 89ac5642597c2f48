import Foundation

extension ReconcileStudy {
    /// A study linked to an exam brings the dose reports that waited with it: each is linked to the
    /// exam and the exam's dose record rebuilt (audited "dose.recorded").
    static func linkWaitingDose(
        study: ArchivedStudy, environment: DepartmentEnvironment, unit: any UnitOfWork, actor: Actor, at now: Date
    ) async throws {
        guard let examID = study.examID else { return }
        let waiting = try await unit.dose.unlinkedReports(studyInstanceUID: study.studyInstanceUID)
        guard !waiting.isEmpty else { return }
        for var report in waiting {
            report.examID = examID
            try await unit.dose.save(report)
        }
        let configuration = try await environment.configuration(at: now, in: unit)
        try await unit.refreshDoseRecord(
            examID: examID, configuration: configuration, ids: environment.ids, actor: actor, at: now,
            detail: "\(waiting.count) dose report(s) of study \(study.studyInstanceUID) linked by \(actor.username).")
    }
}
