import DICOMNetwork
import LightboxDomain
import Logging

extension DICOMServices {
    /// Every DICOM service of Lightbox, built from the department's and the archive's use cases:
    /// the one place where each door's handler is plugged into the listener.
    /// `worklistLimit` bounds the worklist items answered to one C-FIND.
    public static func lightbox(
        department: Department, archive: Archive, aeTitle: String, logger: Logger,
        worklistLimit: Int = ListExams.maximumLimit
    ) -> DICOMServices {
        var services = DICOMServices()
        services.verification = AlwaysSuccessVerification()
        services.store = ArchiveStoreHandler(archive: archive, logger: logger)
        services.storageCommitment = ArchiveStorageCommitmentHandler(archive: archive, aeTitle: aeTitle, logger: logger)
        services.worklist = ModalityWorklistHandler(department: department, limit: worklistLimit)
        services.mpps = ModalityPerformedProcedureStepHandler(department: department)
        let retrieval = ArchiveRetrieval(
            retrieveInstances: archive.retrieveInstances, images: archive.environment.images)
        services.find = ArchiveFindHandler(queryArchive: archive.queryArchive, aeTitle: aeTitle)
        services.move = ArchiveMoveHandler(retrieval: retrieval) { aeTitle in
            try await archive.findDICOMPeer(aeTitle: aeTitle)
        }
        services.get = ArchiveGetHandler(retrieval: retrieval)
        return services
    }
}
