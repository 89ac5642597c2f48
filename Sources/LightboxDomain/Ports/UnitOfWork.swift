import Foundation

/// The repositories visible inside one transaction.
public protocol UnitOfWork: Sendable {
    var patients: any PatientRepository { get }
    var referrers: any ReferrerRepository { get }
    var staff: any StaffRepository { get }
    var entitlements: any EntitlementRepository { get }
    var rooms: any RoomRepository { get }
    var catalogue: any CatalogueRepository { get }
    var exams: any ExamRepository { get }
    var accounts: any AccountRepository { get }
    var audit: any AuditLog { get }
    /// Interface messages already taken in (idempotent receipt by sender and control id).
    var inboundMessages: any InboundMessageRepository { get }
    /// Ordering systems' order numbers of requests.
    var orderNumbers: any OrderNumberRepository { get }
    /// Interface messages to send (verified reports), per destination in order.
    var outbox: any OutboxRepository { get }
    /// The image index (patients, studies, series, instances of the archive).
    var archive: any ArchiveIndexRepository { get }
    /// The DICOM peers allowed to talk to the listener.
    var dicomPeers: any DICOMPeerRepository { get }
    /// Queries of the image index (C-FIND, QIDO-RS, and what a retrieve sends).
    var archiveQueries: any ArchiveQueryRepository { get }
    /// Threshold changes signed off by the medical physics expert (their history).
    var thresholds: any ThresholdRepository { get }
    /// Significant accidental and unintended exposure cases.
    var saueCases: any SAUECaseRepository { get }
    /// Personal dosemeter readings, investigations and classified workers.
    var staffDosimetry: any StaffDosimetryRepository { get }
    /// Staff records: training, competencies, supervised practice, CPD, appraisals, notices (issue 17).
    var staffRecords: any StaffRecordRepository { get }
    /// The stock ledger: items, batches, movements, orders, lead aprons and their checks (issue 17).
    var stock: any StockRepository { get }
    /// The equipment register (issue 17).
    var equipment: any EquipmentRepository { get }
    /// QA results (issue 17).
    var qaResults: any QAResultRepository { get }
    /// Equipment faults (issue 17).
    var faults: any FaultRepository { get }
    /// The rooms' cleaning log (issue 17, infection control).
    var cleaningLog: any CleaningLogRepository { get }
    /// The aggregations of the department's statistics and the monthly dataset.
    var statistics: any StatisticsRepository { get }
    /// The dose register: source reports, exam dose records, dose alerts, local DRLs.
    var dose: any DoseRegisterRepository { get }
    /// The support workers' task board (issue 14).
    var tasks: any SupportTaskRepository { get }
    /// The dose register's aggregations (medians, distributions, counts) for the physicist's charts.
    var doseStatistics: any DoseStatisticsRepository { get }
    /// Incidents and near misses (issue 17).
    var incidents: any IncidentRepository { get }
    /// The rota: who covers each room per day and session (issue 17).
    var rota: any RotaRepository { get }
    /// MPPS steps held for exams Lightbox does not know, waiting on the reconciliation list.
    var heldModalitySteps: any HeldModalityStepRepository { get }
}
