import Foundation

extension ArchiveInstance {
    /// Keeps the dose report an archived instance carries (an RDSR, or an image header's dose
    /// attributes) in the register, in the archive's transaction: linked to the study's exam and the
    /// exam's dose record rebuilt, or, while the study waits on the reconciliation list, kept unlinked
    /// until ``ReconcileStudy`` links it. The same object received again changes nothing; a CT series
    /// keeps the highest CTDIvol of its images, and only a higher one rebuilds the record.
    static func captureDose(
        _ captured: DoseReport, study: ArchivedStudy, environment: DepartmentEnvironment, unit: any UnitOfWork,
        actor: Actor, at now: Date
    ) async throws {
        var report = captured
        report.examID = study.examID
        if report.examID == nil, let step = report.performedProcedureStepUID,
            let exam = try await unit.exams.find(modalityStepUID: step)
        {
            // The study waits on the reconciliation list, but the report names the MPPS its exam was
            // performed under: the dose belongs to that exam whatever becomes of the study.
            report.examID = exam.id
        }
        let linkedExamID = report.examID
        report.studyInstanceUID = report.studyInstanceUID ?? study.studyInstanceUID
        report.receivedAt = now
        report.receivedFrom = actor.username
        if let existing = try await unit.dose.report(source: report.source, sourceUID: report.sourceUID) {
            if report.source == .imageHeader, report.procedure == .ct {
                let higher = (report.totals.ctdiVolMilligray ?? -1) > (existing.totals.ctdiVolMilligray ?? -1)
                guard higher || existing.examID != report.examID else { return }
                if !higher { report = existing }
                report.examID = linkedExamID
            } else if existing.totals == report.totals, existing.events == report.events,
                existing.examID == report.examID
            {
                return
            }
        }
        try await unit.dose.save(report)
        let what = "\(report.source.label) \(report.sourceUID) from \(actor.username)"
        guard let examID = report.examID else {
            try await unit.record(
                actor, "dose.report-waiting", patientID: study.patientRecordID, examID: nil, at: now,
                "\(what) kept with study \(study.studyInstanceUID), which waits on the reconciliation list; "
                    + "it is counted once the study is linked to its exam.")
            return
        }
        let configuration = try await environment.configuration(at: now, in: unit)
        try await unit.refreshDoseRecord(
            examID: examID, configuration: configuration, ids: environment.ids, actor: actor, at: now,
            detail: "\(what) captured.")
    }
}
