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
    /// C-FIND and QIDO-RS: patients, studies, series or instances matching PS3.4 C.2.2.2 keys.
    public let queryArchive: QueryArchive
    /// C-MOVE, C-GET and WADO-RS: the instances to send, with their files.
    public let retrieveInstances: RetrieveInstances
    /// The viewer: a patient's archived studies with their series and instances.
    public let viewPatientImages: ViewPatientImages
    /// A de-identified copy of a study, series or instance for a referrer (a disclosure, audited).
    public let exportDeidentifiedImages: ExportDeidentifiedImages

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
        queryArchive = QueryArchive(environment.department)
        retrieveInstances = RetrieveInstances(environment.department)
        viewPatientImages = ViewPatientImages(environment.department)
        exportDeidentifiedImages = ExportDeidentifiedImages(environment)
    }
}
