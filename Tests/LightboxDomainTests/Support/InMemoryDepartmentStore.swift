import Foundation
import LightboxDomain

/// Everything the in-memory store holds; compared whole to prove a refused command changed nothing.
struct StoreState: Sendable, Equatable {
    var patients: [UUID: Patient] = [:]
    var referrers: [UUID: Referrer] = [:]
    var staff: [UUID: StaffMember] = [:]
    var entitlements: [UUID: Entitlement] = [:]
    var rooms: [UUID: Room] = [:]
    var catalogue: [String: CatalogueEntry] = [:]
    var exams: [UUID: Exam] = [:]
    var accounts: [UUID: Account] = [:]
    var tokens: [UUID: APIToken] = [:]
    var sessions: [String: BrowserSession] = [:]
    var audit: [AuditEntryDraft] = []
    var inboundMessages: [String: InboundMessage] = [:]
    var orderNumbers: [String: UUID] = [:]
    var outbox: [UUID: OutboxMessage] = [:]
    var archive = ArchiveState()
    var dicomPeers: [String: DICOMPeer] = [:]
    var thresholdChanges: [ThresholdChange] = []
    var saueCases: [UUID: SAUECase] = [:]
    var staffDosimetry = StaffDosimetryState()
    var staffRecords: [UUID: StoredStaffRecord] = [:]
    var stock: [UUID: StoredStockRecord] = [:]
    var equipment: [UUID: EquipmentItem] = [:]
    var qaResults: [UUID: QAResult] = [:]
    var faults: [UUID: Fault] = [:]
    var cleaningLog: [CleaningRecord] = []
    var dose = DoseState()
    var tasks: [UUID: SupportTask] = [:]
    var incidents: [UUID: Incident] = [:]
    var rota: [UUID: RotaAssignment] = [:]
    var heldModalitySteps: [UUID: HeldModalityStep] = [:]
}

enum InMemoryStoreError: Error, Equatable {
    case duplicate(String)
    case missing(String)
}

/// The ports in memory. Transactions run one at a time; a transaction that throws restores the
/// snapshot taken when it began.
actor InMemoryDepartmentStore: DepartmentStore {
    private(set) var state = StoreState()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func transaction<T: Sendable>(_ body: @escaping @Sendable (any UnitOfWork) async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        let snapshot = state
        do {
            return try await body(InMemoryUnit(store: self))
        } catch {
            state = snapshot
            throw error
        }
    }

    func read<T: Sendable>(_ body: @Sendable (StoreState) throws -> T) rethrows -> T {
        try body(state)
    }

    func mutate<T: Sendable>(_ body: @Sendable (inout StoreState) throws -> T) rethrows -> T {
        try body(&state)
    }

    private func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

struct InMemoryUnit: UnitOfWork {
    let store: InMemoryDepartmentStore
    var patients: any PatientRepository { InMemoryPatients(store: store) }
    var referrers: any ReferrerRepository { InMemoryReferrers(store: store) }
    var staff: any StaffRepository { InMemoryStaff(store: store) }
    var entitlements: any EntitlementRepository { InMemoryEntitlements(store: store) }
    var rooms: any RoomRepository { InMemoryRooms(store: store) }
    var catalogue: any CatalogueRepository { InMemoryCatalogue(store: store) }
    var exams: any ExamRepository { InMemoryExams(store: store) }
    var accounts: any AccountRepository { InMemoryAccounts(store: store) }
    var audit: any AuditLog { InMemoryAudit(store: store) }
    var inboundMessages: any InboundMessageRepository { InMemoryInboundMessages(store: store) }
    var orderNumbers: any OrderNumberRepository { InMemoryOrderNumbers(store: store) }
    var outbox: any OutboxRepository { InMemoryOutbox(store: store) }
    var archive: any ArchiveIndexRepository { InMemoryArchiveIndex(store: store) }
    var dicomPeers: any DICOMPeerRepository { InMemoryDICOMPeers(store: store) }
    var archiveQueries: any ArchiveQueryRepository { InMemoryArchiveQueries(store: store) }
    var thresholds: any ThresholdRepository { InMemoryThresholds(store: store) }
    var saueCases: any SAUECaseRepository { InMemorySAUECases(store: store) }
    var staffDosimetry: any StaffDosimetryRepository { InMemoryStaffDosimetry(store: store) }
    var staffRecords: any StaffRecordRepository { InMemoryStaffRecords(store: store) }
    var stock: any StockRepository { InMemoryStock(store: store) }
    var equipment: any EquipmentRepository { InMemoryEquipment(store: store) }
    var qaResults: any QAResultRepository { InMemoryQAResults(store: store) }
    var faults: any FaultRepository { InMemoryFaults(store: store) }
    var cleaningLog: any CleaningLogRepository { InMemoryCleaningLog(store: store) }
    var statistics: any StatisticsRepository { InMemoryStatistics(store: store) }
    var dose: any DoseRegisterRepository { InMemoryDoseRegister(store: store) }
    var tasks: any SupportTaskRepository { InMemorySupportTasks(store: store) }
    var doseStatistics: any DoseStatisticsRepository { InMemoryDoseStatistics(store: store) }
    var incidents: any IncidentRepository { InMemoryIncidents(store: store) }
    var rota: any RotaRepository { InMemoryRota(store: store) }
    var heldModalitySteps: any HeldModalityStepRepository { InMemoryHeldModalitySteps(store: store) }
}

/// Insert/update helpers with the store's semantics: no duplicate insert, no update of a missing record.
extension Dictionary where Value: Sendable {
    mutating func insertNew(_ value: Value, key: Key, what: String) throws {
        guard self[key] == nil else { throw InMemoryStoreError.duplicate(what) }
        self[key] = value
    }

    mutating func replaceExisting(_ value: Value, key: Key, what: String) throws {
        guard self[key] != nil else { throw InMemoryStoreError.missing(what) }
        self[key] = value
    }
}

struct InMemoryPatients: PatientRepository {
    let store: InMemoryDepartmentStore
    func get(_ id: UUID) async throws -> Patient? { await store.read { $0.patients[id] } }
    func find(nhsNumber: NHSNumber) async throws -> Patient? {
        await store.read { $0.patients.values.first { $0.nhsNumber == nhsNumber } }
    }
    func find(hospitalNumber: HospitalNumber) async throws -> Patient? {
        await store.read { $0.patients.values.first { $0.hospitalNumbers.contains(hospitalNumber) } }
    }
    func search(_ query: PatientQuery) async throws -> [Patient] {
        await store.read { state in
            Array(
                state.patients.values.filter(query.matches).sorted { $0.name.family < $1.name.family }.prefix(
                    query.limit))
        }
    }
    func insert(_ patient: Patient) async throws {
        try await store.mutate { try $0.patients.insertNew(patient, key: patient.id, what: "patient") }
    }
    func update(_ patient: Patient) async throws {
        try await store.mutate { try $0.patients.replaceExisting(patient, key: patient.id, what: "patient") }
    }
    func get(ids: Set<UUID>) async throws -> [UUID: Patient] {
        await store.read { state in state.patients.filter { ids.contains($0.key) } }
    }
}

struct InMemoryReferrers: ReferrerRepository {
    let store: InMemoryDepartmentStore
    func get(_ id: UUID) async throws -> Referrer? { await store.read { $0.referrers[id] } }
    func find(registrationNumber: String) async throws -> Referrer? {
        await store.read { $0.referrers.values.first { $0.registrationNumber == registrationNumber } }
    }
    func list() async throws -> [Referrer] { await store.read { Array($0.referrers.values) } }
    func insert(_ referrer: Referrer) async throws {
        try await store.mutate { try $0.referrers.insertNew(referrer, key: referrer.id, what: "referrer") }
    }
    func update(_ referrer: Referrer) async throws {
        try await store.mutate { try $0.referrers.replaceExisting(referrer, key: referrer.id, what: "referrer") }
    }
}

struct InMemoryStaff: StaffRepository {
    let store: InMemoryDepartmentStore
    func get(_ id: UUID) async throws -> StaffMember? { await store.read { $0.staff[id] } }
    func list() async throws -> [StaffMember] { await store.read { Array($0.staff.values) } }
    func insert(_ member: StaffMember) async throws {
        try await store.mutate { try $0.staff.insertNew(member, key: member.id, what: "staff") }
    }
    func update(_ member: StaffMember) async throws {
        try await store.mutate { try $0.staff.replaceExisting(member, key: member.id, what: "staff") }
    }
}

struct InMemoryEntitlements: EntitlementRepository {
    let store: InMemoryDepartmentStore
    func get(_ id: UUID) async throws -> Entitlement? { await store.read { $0.entitlements[id] } }
    func list(staffID: UUID) async throws -> [Entitlement] {
        await store.read { $0.entitlements.values.filter { $0.staffID == staffID } }
    }
    func list() async throws -> [Entitlement] { await store.read { Array($0.entitlements.values) } }
    func insert(_ entitlement: Entitlement) async throws {
        try await store.mutate { try $0.entitlements.insertNew(entitlement, key: entitlement.id, what: "entitlement") }
    }
    func update(_ entitlement: Entitlement) async throws {
        try await store.mutate {
            try $0.entitlements.replaceExisting(entitlement, key: entitlement.id, what: "entitlement")
        }
    }
}

struct InMemoryRooms: RoomRepository {
    let store: InMemoryDepartmentStore
    func get(_ id: UUID) async throws -> Room? { await store.read { $0.rooms[id] } }
    func list() async throws -> [Room] { await store.read { Array($0.rooms.values) } }
    func insert(_ room: Room) async throws {
        try await store.mutate { try $0.rooms.insertNew(room, key: room.id, what: "room") }
    }
    func update(_ room: Room) async throws {
        try await store.mutate { try $0.rooms.replaceExisting(room, key: room.id, what: "room") }
    }
}

struct InMemoryCatalogue: CatalogueRepository {
    let store: InMemoryDepartmentStore
    func get(code: String) async throws -> CatalogueEntry? { await store.read { $0.catalogue[code.uppercased()] } }
    func list() async throws -> [CatalogueEntry] {
        await store.read { $0.catalogue.values.sorted { $0.code < $1.code } }
    }
    func upsert(_ entry: CatalogueEntry) async throws {
        await store.mutate { $0.catalogue[entry.code.uppercased()] = entry }
    }
}

struct InMemoryExams: ExamRepository {
    let store: InMemoryDepartmentStore
    func get(_ id: UUID) async throws -> Exam? { await store.read { $0.exams[id] } }
    func find(accessionNumber: String) async throws -> Exam? {
        await store.read { $0.exams.values.first { $0.accessionNumber == accessionNumber } }
    }
    func find(studyInstanceUID: String) async throws -> Exam? {
        await store.read { $0.exams.values.first { $0.studyInstanceUID == studyInstanceUID } }
    }
    func find(modalityStepUID: String) async throws -> Exam? {
        await store.read { $0.exams.values.first { $0.modalityStep?.sopInstanceUID == modalityStepUID } }
    }
    func list(_ query: ExamQuery) async throws -> [Exam] {
        await store.read { state in
            let order = query.order ?? .requested
            return Array(
                state.exams.values.filter(query.matches).sorted(by: order.precedes).dropFirst(query.offset ?? 0)
                    .prefix(query.limit))
        }
    }
    func count(_ query: ExamQuery) async throws -> Int {
        await store.read { state in state.exams.values.filter(query.matches).count }
    }
    func insert(_ exam: Exam) async throws {
        try await store.mutate { try $0.exams.insertNew(exam, key: exam.id, what: "exam") }
    }
    func update(_ exam: Exam) async throws {
        try await store.mutate { try $0.exams.replaceExisting(exam, key: exam.id, what: "exam") }
    }
}

struct InMemoryAccounts: AccountRepository {
    let store: InMemoryDepartmentStore
    func create(_ account: Account) async throws {
        try await store.mutate { state in
            guard !state.accounts.values.contains(where: { $0.username == account.username }) else {
                throw InMemoryStoreError.duplicate("username")
            }
            try state.accounts.insertNew(account, key: account.id, what: "account")
        }
    }
    func update(_ account: Account) async throws {
        try await store.mutate { try $0.accounts.replaceExisting(account, key: account.id, what: "account") }
    }
    func find(username: String) async throws -> Account? {
        await store.read { $0.accounts.values.first { $0.username == username } }
    }
    func find(id: UUID) async throws -> Account? { await store.read { $0.accounts[id] } }
    func list() async throws -> [Account] { await store.read { Array($0.accounts.values) } }
    func addToken(_ token: APIToken) async throws {
        try await store.mutate { try $0.tokens.insertNew(token, key: token.id, what: "token") }
    }
    func findToken(hash: String) async throws -> APIToken? {
        await store.read { $0.tokens.values.first { $0.tokenHash == hash } }
    }
    func tokens(accountID: UUID) async throws -> [APIToken] {
        await store.read { $0.tokens.values.filter { $0.accountID == accountID } }
    }
    func revokeToken(id: UUID, at: Date) async throws {
        try await store.mutate { state in
            guard var token = state.tokens[id] else { throw InMemoryStoreError.missing("token") }
            token.revokedAt = at
            state.tokens[id] = token
        }
    }
    func saveSession(_ session: BrowserSession) async throws {
        await store.mutate { $0.sessions[session.idHash] = session }
    }
    func findSession(idHash: String) async throws -> BrowserSession? { await store.read { $0.sessions[idHash] } }
    func deleteSession(idHash: String) async throws { await store.mutate { $0.sessions[idHash] = nil } }
}

struct InMemoryAudit: AuditLog {
    let store: InMemoryDepartmentStore
    func append(_ entry: AuditEntryDraft) async throws {
        await store.mutate { $0.audit.append(entry) }
    }

    /// Sequence numbers start at 1; the in-memory log does not chain (the hash is left empty).
    func entries(patientID: UUID?, examID: UUID?, afterSequence: Int64?, limit: Int) async throws -> [AuditEntry] {
        await store.read { state in
            let numbered = state.audit.enumerated().map {
                AuditEntry(sequence: Int64($0.offset + 1), draft: $0.element, hash: "")
            }
            return Array(
                numbered.filter { entry in
                    (patientID.map { entry.patientID == $0 } ?? true) && (examID.map { entry.examID == $0 } ?? true)
                        && (afterSequence.map { entry.sequence > $0 } ?? true)
                }.prefix(limit))
        }
    }
}

struct InMemoryInboundMessages: InboundMessageRepository {
    let store: InMemoryDepartmentStore
    func find(sender: String, controlID: String) async throws -> InboundMessage? {
        await store.read { $0.inboundMessages["\(sender)\u{1F}\(controlID)"] }
    }
    func insert(_ message: InboundMessage) async throws {
        try await store.mutate {
            try $0.inboundMessages.insertNew(
                message, key: "\(message.sender)\u{1F}\(message.controlID)", what: "inbound message")
        }
    }
}

struct InMemoryOrderNumbers: OrderNumberRepository {
    let store: InMemoryDepartmentStore
    func examID(placerOrderNumber: String) async throws -> UUID? {
        await store.read { $0.orderNumbers[placerOrderNumber] }
    }
    func insert(placerOrderNumber: String, examID: UUID) async throws {
        try await store.mutate { try $0.orderNumbers.insertNew(examID, key: placerOrderNumber, what: "order number") }
    }
}

struct InMemoryOutbox: OutboxRepository {
    let store: InMemoryDepartmentStore
    func enqueue(_ message: OutboxMessage) async throws {
        try await store.mutate { state in
            var stored = message
            stored.sequence =
                (state.outbox.values.filter { $0.destination == message.destination }.map(\.sequence).max() ?? 0) + 1
            try state.outbox.insertNew(stored, key: stored.id, what: "outbox message")
        }
    }
    func head(destination: String) async throws -> OutboxMessage? {
        await store.read { state in
            state.outbox.values.filter { $0.destination == destination && $0.deliveredAt == nil }
                .min { $0.sequence < $1.sequence }
        }
    }
    func update(_ message: OutboxMessage) async throws {
        try await store.mutate { try $0.outbox.replaceExisting(message, key: message.id, what: "outbox message") }
    }
    func list(destination: String?, pendingOnly: Bool, limit: Int) async throws -> [OutboxMessage] {
        await store.read { state in
            Array(
                state.outbox.values.filter {
                    (destination == nil || $0.destination == destination) && (!pendingOnly || $0.deliveredAt == nil)
                }
                .sorted { ($0.destination, $0.sequence) < ($1.destination, $1.sequence) }.prefix(limit))
        }
    }
}

struct InMemoryThresholds: ThresholdRepository {
    let store: InMemoryDepartmentStore
    func list() async throws -> [ThresholdChange] {
        await store.read {
            $0.thresholdChanges.sorted { ($0.effectiveFrom, $0.recordedAt) < ($1.effectiveFrom, $1.recordedAt) }
        }
    }
    func insert(_ change: ThresholdChange) async throws {
        try await store.mutate { state in
            guard !state.thresholdChanges.contains(where: { $0.id == change.id }) else {
                throw InMemoryStoreError.duplicate("threshold change")
            }
            state.thresholdChanges.append(change)
        }
    }
}

struct InMemoryEquipment: EquipmentRepository {
    let store: InMemoryDepartmentStore
    func get(_ id: UUID) async throws -> EquipmentItem? { await store.read { $0.equipment[id] } }
    func list(roomID: UUID?) async throws -> [EquipmentItem] {
        await store.read { state in
            state.equipment.values.filter { roomID == nil || $0.roomID == roomID }
                .sorted { ($0.roomID.uuidString, $0.description) < ($1.roomID.uuidString, $1.description) }
        }
    }
    func insert(_ item: EquipmentItem) async throws {
        try await store.mutate { try $0.equipment.insertNew(item, key: item.id, what: "equipment item") }
    }
    func update(_ item: EquipmentItem) async throws {
        try await store.mutate { try $0.equipment.replaceExisting(item, key: item.id, what: "equipment item") }
    }
}

struct InMemoryQAResults: QAResultRepository {
    let store: InMemoryDepartmentStore
    func get(_ id: UUID) async throws -> QAResult? { await store.read { $0.qaResults[id] } }
    func list(roomID: UUID?, testCode: String?, limit: Int) async throws -> [QAResult] {
        await store.read { state in
            Array(
                state.qaResults.values.filter {
                    (roomID == nil || $0.roomID == roomID) && (testCode == nil || $0.testCode == testCode)
                }
                .sorted { $0.performedAt > $1.performedAt }.prefix(limit))
        }
    }
    func insert(_ result: QAResult) async throws {
        try await store.mutate { try $0.qaResults.insertNew(result, key: result.id, what: "QA result") }
    }
}

struct InMemoryFaults: FaultRepository {
    let store: InMemoryDepartmentStore
    func get(_ id: UUID) async throws -> Fault? { await store.read { $0.faults[id] } }
    func list(roomID: UUID?, openOnly: Bool, limit: Int) async throws -> [Fault] {
        await store.read { state in
            Array(
                state.faults.values.filter {
                    (roomID == nil || $0.roomID == roomID) && (!openOnly || $0.status != .closed)
                }
                .sorted { $0.reportedAt > $1.reportedAt }.prefix(limit))
        }
    }
    func insert(_ fault: Fault) async throws {
        try await store.mutate { try $0.faults.insertNew(fault, key: fault.id, what: "fault") }
    }
    func update(_ fault: Fault) async throws {
        try await store.mutate { try $0.faults.replaceExisting(fault, key: fault.id, what: "fault") }
    }
}

struct InMemoryCleaningLog: CleaningLogRepository {
    let store: InMemoryDepartmentStore
    func list(roomID: UUID?, limit: Int) async throws -> [CleaningRecord] {
        await store.read { state in
            Array(
                state.cleaningLog.filter { roomID == nil || $0.roomID == roomID }.sorted { $0.cleanedAt > $1.cleanedAt }
                    .prefix(limit))
        }
    }
    func insert(_ record: CleaningRecord) async throws {
        try await store.mutate { state in
            guard !state.cleaningLog.contains(where: { $0.id == record.id }) else {
                throw InMemoryStoreError.duplicate("cleaning record")
            }
            state.cleaningLog.append(record)
        }
    }
}
