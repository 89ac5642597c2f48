import Foundation

/// The dose register's storage, inside a `DepartmentStore` transaction so each change commits with
/// its audit entry: the source reports (kept whole, linked to an exam or waiting with their study),
/// each exam's dose record with the columns statistics filter on, the alerts and the local DRLs.
public protocol DoseRegisterRepository: Sendable {
    // Source reports, unique by source and source UID.
    /// Adds or replaces the report with the same source and source UID.
    func save(_ report: DoseReport) async throws
    func report(source: DoseSource, sourceUID: String) async throws -> DoseReport?
    /// The reports linked to an exam.
    func reports(examID: UUID) async throws -> [DoseReport]
    /// The reports of a study not yet linked to an exam (its study waits on the reconciliation list).
    func unlinkedReports(studyInstanceUID: String) async throws -> [DoseReport]

    // Exam dose records (one per exam; the exam's document carries the same record).
    func save(_ record: ExamDoseRecord) async throws
    func record(examID: UUID) async throws -> ExamDoseRecord?
    /// A patient's records performed at or after `since`, oldest first, at most `limit`.
    func records(patientID: UUID, since: Date?, limit: Int) async throws -> [ExamDoseRecord]
    /// Records of an exam type (and room, when given) performed in `from..<to`, newest first, at most
    /// `limit` (statistics, proposed local DRLs, export).
    func records(examCode: String?, roomID: UUID?, from: Date?, to: Date?, limit: Int) async throws
        -> [ExamDoseRecord]

    /// Records matching an export's filter, oldest first (by performed time, then exam id), skipping
    /// `offset` and at most `limit` (the export reads them page by page).
    func records(matching filter: DoseRegisterFilter, offset: Int, limit: Int) async throws -> [ExamDoseRecord]

    // Alerts.
    func save(_ alert: DoseAlert) async throws
    func alert(id: UUID) async throws -> DoseAlert?
    func alerts(examID: UUID) async throws -> [DoseAlert]
    /// A patient's alerts raised at or after `since`.
    func alerts(patientID: UUID, since: Date) async throws -> [DoseAlert]
    /// Open alerts only (or all), newest first, at most `limit`.
    func alerts(openOnly: Bool, limit: Int) async throws -> [DoseAlert]

    // Local DRLs (append-only history).
    func insert(_ level: LocalReferenceLevel) async throws
    /// Every local DRL ever set, oldest first (bounded).
    func localReferenceLevels() async throws -> [LocalReferenceLevel]
}
