import Foundation
import LightboxDomain
import Testing

/// A store whose audit log fails on a chosen action: the change it describes must roll back with it.
struct FailingAuditStore: DepartmentStore {
    let inner: InMemoryDepartmentStore
    let failOn: String

    struct AuditFailure: Error {}

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any UnitOfWork) async throws -> T) async throws -> T {
        let failOn = failOn
        return try await inner.transaction { unit in try await body(FailingUnit(inner: unit, failOn: failOn)) }
    }

    struct FailingUnit: UnitOfWork {
        let inner: any UnitOfWork
        let failOn: String
        var patients: any PatientRepository { inner.patients }
        var referrers: any ReferrerRepository { inner.referrers }
        var staff: any StaffRepository { inner.staff }
        var entitlements: any EntitlementRepository { inner.entitlements }
        var rooms: any RoomRepository { inner.rooms }
        var catalogue: any CatalogueRepository { inner.catalogue }
        var exams: any ExamRepository { inner.exams }
        var accounts: any AccountRepository { inner.accounts }
        var audit: any AuditLog { FailingLog(inner: inner.audit, failOn: failOn) }
        var inboundMessages: any InboundMessageRepository { inner.inboundMessages }
        var orderNumbers: any OrderNumberRepository { inner.orderNumbers }
        var outbox: any OutboxRepository { inner.outbox }
        var archive: any ArchiveIndexRepository { inner.archive }
        var dicomPeers: any DICOMPeerRepository { inner.dicomPeers }
        var archiveQueries: any ArchiveQueryRepository { inner.archiveQueries }
        var thresholds: any ThresholdRepository { inner.thresholds }
        var saueCases: any SAUECaseRepository { inner.saueCases }
        var staffDosimetry: any StaffDosimetryRepository { inner.staffDosimetry }
        var staffRecords: any StaffRecordRepository { inner.staffRecords }
        var stock: any StockRepository { inner.stock }
        var equipment: any EquipmentRepository { inner.equipment }
        var qaResults: any QAResultRepository { inner.qaResults }
        var faults: any FaultRepository { inner.faults }
        var cleaningLog: any CleaningLogRepository { inner.cleaningLog }
        var statistics: any StatisticsRepository { inner.statistics }
        var dose: any DoseRegisterRepository { inner.dose }
        var tasks: any SupportTaskRepository { inner.tasks }
        var doseStatistics: any DoseStatisticsRepository { inner.doseStatistics }
        var incidents: any IncidentRepository { inner.incidents }
        var rota: any RotaRepository { inner.rota }
        var heldModalitySteps: any HeldModalityStepRepository { inner.heldModalitySteps }
    }

    struct FailingLog: AuditLog {
        let inner: any AuditLog
        let failOn: String
        func append(_ entry: AuditEntryDraft) async throws {
            if entry.action == failOn { throw AuditFailure() }
            try await inner.append(entry)
        }
        func entries(patientID: UUID?, examID: UUID?, afterSequence: Int64?, limit: Int) async throws -> [AuditEntry] {
            try await inner.entries(patientID: patientID, examID: examID, afterSequence: afterSequence, limit: limit)
        }
    }
}

@Suite("Audit entries and transactions")
struct AuditAndTransactionTests {
    @Test("When the audit entry cannot be written, the change is not kept either")
    func auditFailureRollsBack() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .justified)
        let department = Department(
            store: FailingAuditStore(inner: f.store, failOn: "exam.booked"), clock: f.clock, ids: SequentialIDs())
        let before = await f.store.state
        await #expect(throws: FailingAuditStore.AuditFailure.self) {
            _ = try await department.bookExam(
                .init(examID: exam.id, roomID: f.xrayRoom.id, scheduledAt: f.clock.now()), by: f.supportWorker)
        }
        #expect(await f.store.state == before)
        #expect(await f.store.state.exams[exam.id]?.state == .justified)
    }

    @Test("Every audit entry carries who, role, door, address and time")
    func auditContent() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .requested)
        let web = Actor(
            staffID: f.radiologist.staffID, username: "doc", role: .radiologist, door: .web, address: "192.0.2.7")
        _ = try await f.department.justifyRequest(.init(examID: exam.id, decision: .accept), by: web)
        let entry = try #require(await f.store.state.audit.last)
        #expect(entry.action == "exam.justified")
        #expect(entry.actorUsername == "doc")
        #expect(entry.actorRole == "radiologist")
        #expect(entry.door == .web)
        #expect(entry.address == "192.0.2.7")
        #expect(entry.at == f.clock.now())
        #expect(entry.examID == exam.id && entry.patientID == exam.patientID)
        let stored = await f.store.state.exams[exam.id]
        #expect(stored?.history.last?.door == .web)
        #expect(stored?.history.last?.address == "192.0.2.7")
    }

    @Test("The audit log is read by managers, filtered by exam; reading a patient's entries is audited")
    func viewAudit() async throws {
        let f = try await Fixture.make()
        let exam = try await f.exam(at: .booked)
        let entries = try await f.department.viewAuditLog(.init(examID: exam.id), by: f.manager).value
        #expect(entries.map(\.action) == ["exam.requested", "exam.justified", "exam.booked"])
        #expect(await f.store.state.audit.last?.action == "audit.read")
        await f.expectRefused(.permissionDenied) {
            _ = try await f.department.viewAuditLog(.init(), by: f.radiographer)
        }
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.viewAuditLog(.init(limit: 0), by: f.manager)
        }
    }

    @Test("Transactions from many callers at once all land")
    func concurrentTransactions() async throws {
        let f = try await Fixture.make()
        let patient = try await f.patient(sex: .male)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask { _ = try await f.request("XCHEST", for: patient) }
            }
            try await group.waitForAll()
        }
        let exams = try await f.department.listExams(ExamQuery(patientID: patient.id), by: f.radiographer).value
        #expect(exams.count == 20)
        #expect(Set(exams.map(\.accessionNumber)).count == 20)
    }

    @Test("Exams list by state, room and appointment time")
    func listFilters() async throws {
        let f = try await Fixture.make()
        let booked = try await f.exam(at: .booked)
        _ = try await f.exam(at: .requested)
        let ct = try await f.exam("CHEADN", at: .booked)
        let now = f.clock.now()
        let list = try await f.department.listExams(
            ExamQuery(states: [.booked], roomID: f.xrayRoom.id, scheduledFrom: now, scheduledBefore: now + 86_400),
            by: f.radiographer
        ).value
        #expect(list.map(\.id) == [booked.id])
        let ctList = try await f.department.listExams(ExamQuery(modality: .CT), by: f.radiographer).value
        #expect(ctList.map(\.id) == [ct.id])
        for limit in [0, ListExams.maximumLimit + 1] {
            await f.expectRefused(.validationFailed) {
                _ = try await f.department.listExams(ExamQuery(limit: limit), by: f.radiographer)
            }
        }
        await f.expectRefused(.validationFailed) {
            _ = try await f.department.searchPatients(PatientQuery(familyName: "A", limit: 10_000), by: f.radiographer)
        }
        let viewed = try await f.department.viewExam(
            .init(accessionNumber: booked.accessionNumber), by: f.supportWorker)
        #expect(viewed.value.id == booked.id)
        #expect(await f.store.state.audit.last?.action == "exam.read")
    }
}
