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
    /// The dose register: source reports, exam dose records, dose alerts, local DRLs.
    var dose: any DoseRegisterRepository { get }
}
