import Foundation
import LightboxDomain

/// What the in-memory dose register holds.
struct DoseState: Sendable, Equatable {
    var reports: [DoseReport] = []
    var records: [UUID: ExamDoseRecord] = [:]
    var alerts: [UUID: DoseAlert] = [:]
    var levels: [LocalReferenceLevel] = []
}

/// `DoseRegisterRepository` in memory.
struct InMemoryDoseRegister: DoseRegisterRepository {
    let store: InMemoryDepartmentStore

    func save(_ report: DoseReport) async throws {
        await store.mutate { state in
            state.dose.reports.removeAll { $0.source == report.source && $0.sourceUID == report.sourceUID }
            state.dose.reports.append(report)
        }
    }

    func report(source: DoseSource, sourceUID: String) async throws -> DoseReport? {
        await store.read { $0.dose.reports.first { $0.source == source && $0.sourceUID == sourceUID } }
    }

    func reports(examID: UUID) async throws -> [DoseReport] {
        await store.read { $0.dose.reports.filter { $0.examID == examID } }
    }

    func unlinkedReports(studyInstanceUID: String) async throws -> [DoseReport] {
        await store.read { $0.dose.reports.filter { $0.examID == nil && $0.studyInstanceUID == studyInstanceUID } }
    }

    func save(_ record: ExamDoseRecord) async throws {
        await store.mutate { $0.dose.records[record.examID] = record }
    }

    func record(examID: UUID) async throws -> ExamDoseRecord? {
        await store.read { $0.dose.records[examID] }
    }

    func records(patientID: UUID, since: Date?, limit: Int) async throws -> [ExamDoseRecord] {
        await store.read { state in
            Array(
                state.dose.records.values.filter {
                    $0.patientID == patientID && $0.performedAt >= (since ?? .distantPast)
                }
                .sorted { $0.performedAt < $1.performedAt }.prefix(limit))
        }
    }

    func records(matching filter: DoseRegisterFilter, offset: Int, limit: Int) async throws -> [ExamDoseRecord] {
        await store.read { state in
            Array(
                state.dose.records.values.filter(filter.matches)
                    .sorted { ($0.performedAt, $0.examID.uuidString) < ($1.performedAt, $1.examID.uuidString) }
                    .dropFirst(max(0, offset)).prefix(limit))
        }
    }

    func records(examCode: String?, roomID: UUID?, from: Date?, to: Date?, limit: Int) async throws
        -> [ExamDoseRecord]
    {
        await store.read { state in
            Array(
                state.dose.records.values.filter { record in
                    (examCode == nil || record.examCode == examCode) && (roomID == nil || record.roomID == roomID)
                        && record.performedAt >= (from ?? .distantPast) && record.performedAt < (to ?? .distantFuture)
                }
                .sorted { $0.performedAt > $1.performedAt }.prefix(limit))
        }
    }

    func save(_ alert: DoseAlert) async throws {
        await store.mutate { $0.dose.alerts[alert.id] = alert }
    }

    func alert(id: UUID) async throws -> DoseAlert? {
        await store.read { $0.dose.alerts[id] }
    }

    func alerts(examID: UUID) async throws -> [DoseAlert] {
        await store.read { $0.dose.alerts.values.filter { $0.examID == examID }.sorted { $0.raisedAt < $1.raisedAt } }
    }

    func alerts(patientID: UUID, since: Date) async throws -> [DoseAlert] {
        await store.read { state in
            state.dose.alerts.values.filter { $0.patientID == patientID && $0.raisedAt >= since }
                .sorted { $0.raisedAt < $1.raisedAt }
        }
    }

    func alerts(openOnly: Bool, limit: Int) async throws -> [DoseAlert] {
        await store.read { state in
            Array(
                state.dose.alerts.values.filter { !openOnly || $0.isOpen }.sorted { $0.raisedAt > $1.raisedAt }
                    .prefix(limit))
        }
    }

    func insert(_ level: LocalReferenceLevel) async throws {
        try await store.mutate { state in
            guard !state.dose.levels.contains(where: { $0.id == level.id }) else {
                throw InMemoryStoreError.duplicate("local reference level")
            }
            state.dose.levels.append(level)
        }
    }

    func localReferenceLevels() async throws -> [LocalReferenceLevel] {
        await store.read {
            $0.dose.levels.sorted { ($0.effectiveFrom, $0.recordedAt) < ($1.effectiveFrom, $1.recordedAt) }
        }
    }
}
