import FluentKit
import LightboxDomain

/// The repositories of one transaction, all on the transaction's connection.
struct FluentUnitOfWork: UnitOfWork {
    let patients: any PatientRepository
    let referrers: any ReferrerRepository
    let staff: any StaffRepository
    let entitlements: any EntitlementRepository
    let rooms: any RoomRepository
    let catalogue: any CatalogueRepository
    let exams: any ExamRepository
    let accounts: any AccountRepository
    let audit: any AuditLog
    let inboundMessages: any InboundMessageRepository
    let orderNumbers: any OrderNumberRepository
    let outbox: any OutboxRepository
    let archive: any ArchiveIndexRepository
    let dicomPeers: any DICOMPeerRepository
    let archiveQueries: any ArchiveQueryRepository
    let thresholds: any ThresholdRepository
    let saueCases: any SAUECaseRepository
    let staffDosimetry: any StaffDosimetryRepository
    let staffRecords: any StaffRecordRepository
    let stock: any StockRepository
    let equipment: any EquipmentRepository
    let qaResults: any QAResultRepository
    let faults: any FaultRepository
    let cleaningLog: any CleaningLogRepository
    let statistics: any StatisticsRepository
    let dose: any DoseRegisterRepository
    let tasks: any SupportTaskRepository
    let doseStatistics: any DoseStatisticsRepository
    let incidents: any IncidentRepository
    let rota: any RotaRepository
    let heldModalitySteps: any HeldModalityStepRepository

    init(context: RepositoryContext, audit: FluentAuditLog) {
        patients = FluentPatientRepository(context: context)
        referrers = FluentReferrerRepository(context: context)
        staff = FluentStaffRepository(context: context)
        entitlements = FluentEntitlementRepository(context: context)
        rooms = FluentRoomRepository(context: context)
        catalogue = FluentCatalogueRepository(context: context)
        exams = FluentExamRepository(context: context)
        accounts = FluentAccountRepository(context: context)
        self.audit = audit
        inboundMessages = FluentInboundMessageRepository(context: context)
        orderNumbers = FluentOrderNumberRepository(context: context)
        outbox = FluentOutboxRepository(context: context)
        archive = FluentArchiveIndexRepository(context: context)
        dicomPeers = FluentDICOMPeerRepository(context: context)
        archiveQueries = FluentArchiveQueryRepository(context: context)
        thresholds = FluentThresholdRepository(context: context)
        saueCases = FluentSAUECaseRepository(context: context)
        staffDosimetry = FluentStaffDosimetryRepository(context: context)
        staffRecords = FluentStaffRecordRepository(context: context)
        stock = FluentStockRepository(context: context)
        equipment = FluentEquipmentRepository(context: context)
        qaResults = FluentQAResultRepository(context: context)
        faults = FluentFaultRepository(context: context)
        cleaningLog = FluentCleaningLogRepository(context: context)
        statistics = FluentStatisticsRepository(context: context)
        dose = FluentDoseRegisterRepository(context: context)
        tasks = FluentSupportTaskRepository(context: context)
        doseStatistics = FluentDoseStatisticsRepository(context: context)
        incidents = FluentIncidentRepository(context: context)
        rota = FluentRotaRepository(context: context)
        heldModalitySteps = FluentHeldModalityStepRepository(context: context)
    }
}
