import Foundation

extension UnitOfWork {
    /// Rebuilds an exam's dose record from every report linked to it (``DoseRecordBuilder``), saves it
    /// in the register and on the exam, raises the alerts it calls for (``DoseAlertRules``) and audits
    /// "dose.recorded" (and "dose.alert-raised" per alert). Runs in the caller's transaction.
    @discardableResult
    func refreshDoseRecord(
        examID: UUID, configuration: DepartmentConfiguration, ids: any IDGenerator, actor: Actor, at now: Date,
        detail: String
    ) async throws -> (Exam, [DoseAlert]) {
        var exam = try await self.exam(examID)
        let reports = try await dose.reports(examID: examID)
        let builder = DoseRecordBuilder(
            thresholds: configuration.doseThresholds, nationalLevels: configuration.diagnosticReferenceLevels,
            localLevels: try await dose.localReferenceLevels())
        var record = builder.record(for: exam, reports: reports, at: now)
        let thresholds = configuration.doseThresholds
        let windowStart = record.performedAt.addingTimeInterval(-Double(thresholds.cumulativeWindowDays) * 86_400)
        let patientRecords =
            DoseAlertRules.isFluoroscopy(record)
            ? try await dose.records(patientID: record.patientID, since: windowStart, limit: 5_000) : []
        let existing =
            try await dose.alerts(examID: examID)
            + (try await dose.alerts(patientID: record.patientID, since: windowStart))
        let alerts = DoseAlertRules.newAlerts(
            for: record, patientRecords: patientRecords, existing: existing, thresholds: thresholds, at: now, ids: ids)
        for alert in alerts { try await dose.save(alert) }
        record.alerts = try await dose.alerts(examID: examID)
        exam.dose = record
        try await exams.update(exam)
        try await dose.save(record)
        let figures = Self.doseSummary(record)
        try await self.record(
            actor, "dose.recorded", patientID: exam.patientID, examID: exam.id, at: now,
            "\(detail) Dose record of \(exam.accessionNumber): \(figures)")
        for alert in alerts {
            try await self.record(
                actor, "dose.alert-raised", patientID: exam.patientID, examID: exam.id, at: now,
                "Dose alert \(alert.id) (\(alert.kind.label)): \(alert.detail)")
        }
        return (exam, alerts)
    }

    /// The chosen figures in words, for the audit log.
    static func doseSummary(_ record: ExamDoseRecord) -> String {
        guard let source = record.source else { return "no figures yet." }
        var parts: [String] = []
        for metric in [
            DoseMetric.doseAreaProduct, .referencePointDose, .fluoroscopyTime, .ctdiVol, .dlp,
            .averageGlandularDose, .administeredActivity, .peakSkinDose,
        ] {
            if let value = metric.value(in: record.totals) {
                parts.append("\(metric.label) \(value.clean) \(metric.unitLabel)")
            }
        }
        let ratios = record.comparisons.map {
            "\($0.metric.label) \($0.ratio.rounded(to: 2).clean) × \($0.levelDescription)"
        }
        return "from \(source.label.lowercased()): " + (parts.isEmpty ? "no totals" : parts.joined(separator: ", "))
            + (ratios.isEmpty ? "" : "; " + ratios.joined(separator: "; "))
            + (record.discrepancies.isEmpty ? "" : "; \(record.discrepancies.count) disagreement(s) between sources")
            + "."
    }
}
