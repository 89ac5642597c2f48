import DICOMNetwork
import LightboxDomain
import Logging

extension DICOMServices {
    /// Every DICOM service of Lightbox, built from the department's and the archive's use cases:
    /// the one place where each door's handler is plugged into the listener.
    public static func lightbox(department: Department, archive: Archive, aeTitle: String, logger: Logger)
        -> DICOMServices
    {
        var services = DICOMServices()
        services.verification = AlwaysSuccessVerification()
        services.store = ArchiveStoreHandler(archive: archive, logger: logger)
        services.storageCommitment = ArchiveStorageCommitmentHandler(archive: archive, aeTitle: aeTitle, logger: logger)
        return services
    }
}
