import Foundation

/// Every use case of the archive, built from one environment, for the doors (DICOM listener,
/// DICOMweb, FHIR, JSON API, command line) to call: `try await archive.archiveInstance(command, by: actor)`.
public struct Archive: Sendable {
    public let environment: ArchiveEnvironment

    /// C-STORE and STOW-RS: index a staged instance (durable before Success).
    public let archiveInstance: ArchiveInstance
    /// The studies waiting for a person (no exam, or a patient that disagrees).
    public let listReconciliation: ListReconciliation
    /// A person links, corrects or rejects a study of the reconciliation list.
    public let reconcileStudy: ReconcileStudy
    /// Storage commitment (PS3.4 Annex J): which referenced instances the archive holds.
    public let commitStorage: CommitStorage
    /// The archived studies of an exam with their series and instances (FHIR `ImagingStudy`, pages).
    public let viewExamImages: ViewExamImages
    /// The DICOM peers.
    public let addDICOMPeer: AddDICOMPeer
    public let removeDICOMPeer: RemoveDICOMPeer
    public let listDICOMPeers: ListDICOMPeers
    /// The listener's look-up of a calling AE title (not audited: no patient data).
    public let findDICOMPeer: FindDICOMPeer

    public init(_ environment: ArchiveEnvironment) {
        self.environment = environment
        archiveInstance = ArchiveInstance(environment)
        listReconciliation = ListReconciliation(environment.department)
        reconcileStudy = ReconcileStudy(environment.department)
        commitStorage = CommitStorage(environment)
        viewExamImages = ViewExamImages(environment.department)
        addDICOMPeer = AddDICOMPeer(environment.department)
        removeDICOMPeer = RemoveDICOMPeer(environment.department)
        listDICOMPeers = ListDICOMPeers(environment.department)
        findDICOMPeer = FindDICOMPeer(environment.department)
    }
}
