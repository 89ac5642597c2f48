import Foundation

/// The image index (patients, studies, series, instances), read and written inside a
/// `DepartmentStore` transaction so each change commits with its audit entry. The query keys live
/// in indexed columns: C-FIND, QIDO-RS, storage commitment and FHIR `ImagingStudy` answer from
/// here without opening files. Writers are the archive's use cases (``ArchiveInstance``,
/// ``ReconcileStudy``); every reader that shows images to someone audits the access.
public protocol ArchiveIndexRepository: Sendable {
    // Instances
    func instance(sopInstanceUID: String) async throws -> ArchivedInstance?
    /// The archived instances among `sopInstanceUIDs` (any order; unknown UIDs are left out).
    func instances(sopInstanceUIDs: [String]) async throws -> [ArchivedInstance]
    /// A study's instances ordered by series number, instance number, UID; at most `limit`.
    func instances(studyID: UUID, limit: Int) async throws -> [ArchivedInstance]
    /// A series' instances ordered by instance number, UID; at most `limit`.
    func instances(seriesID: UUID, limit: Int) async throws -> [ArchivedInstance]
    /// Adds an instance; throws `duplicate` when its SOP Instance UID is archived already (the
    /// unique key settles two writers racing for the same instance).
    func insert(_ instance: ArchivedInstance) async throws
    /// Rewrites an instance row (a replacement under the `replace` duplicate policy).
    func update(_ instance: ArchivedInstance) async throws

    // Series
    func series(seriesInstanceUID: String) async throws -> ArchivedSeries?
    /// A study's series ordered by series number, UID.
    func series(studyID: UUID) async throws -> [ArchivedSeries]
    func insert(_ series: ArchivedSeries) async throws
    func update(_ series: ArchivedSeries) async throws

    // Studies
    func study(id: UUID) async throws -> ArchivedStudy?
    func study(studyInstanceUID: String) async throws -> ArchivedStudy?
    /// The studies linked to an exam, oldest first.
    func studies(examID: UUID) async throws -> [ArchivedStudy]
    /// Studies in any of `statuses`, oldest first, at most `limit` (the reconciliation list).
    func studies(matchStatuses: Set<StudyMatchStatus>, limit: Int) async throws -> [ArchivedStudy]
    func insert(_ study: ArchivedStudy) async throws
    func update(_ study: ArchivedStudy) async throws

    // Patients
    func patient(id: UUID) async throws -> ArchivedPatient?
    func patient(patientID: String, issuerOfPatientID: String) async throws -> ArchivedPatient?
    func insert(_ patient: ArchivedPatient) async throws
    func update(_ patient: ArchivedPatient) async throws

    /// Recomputes the related counts and ModalitiesInStudy/SOPClassesInStudy of a study, of its
    /// series and of its patient from the rows (called after every change of the study's instances).
    func refreshAggregates(studyID: UUID) async throws
    /// Recomputes a patient row's related counts (after a study moved to another patient row).
    func refreshAggregates(archivedPatientID: UUID) async throws
}
