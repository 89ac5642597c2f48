import DICOMNetwork
import Foundation
import LightboxDomain

extension ConfigurationLoader {
    /// The DICOM listener's and the archive's settings, with the same layering (flag → environment
    /// → file → default): `aeTitle` (`LIGHTBOX_AE_TITLE`), `dicomMaxAssociations`
    /// (`LIGHTBOX_DICOM_MAX_ASSOCIATIONS`), `dicomTLSCert`/`dicomTLSKey`/`dicomTLSCA`
    /// (`LIGHTBOX_DICOM_TLS_CERT`…), `duplicatePolicy` (`LIGHTBOX_DUPLICATE_POLICY`: keep or replace),
    /// `archiveMinimumFreeBytes` (`LIGHTBOX_ARCHIVE_MIN_FREE_BYTES`), `archiveMaximumInstanceBytes`
    /// (`LIGHTBOX_ARCHIVE_MAX_INSTANCE_BYTES`), `archiveCaptureDose` (`LIGHTBOX_ARCHIVE_CAPTURE_DOSE`: true or
    /// false), `imageDirectory` (`LIGHTBOX_IMAGES`).
    func loadDICOM(_ flags: Flags, file: FileLayer, into config: inout ServerConfiguration) throws {
        let title = flags.aeTitle ?? environment["LIGHTBOX_AE_TITLE"] ?? file.string("aeTitle") ?? config.dicomAETitle
        let problems = DICOMPeer.problems(aeTitle: title, host: "localhost", port: 1)
        guard problems.isEmpty else {
            throw ConfigurationError(source: "value", key: "aeTitle", problem: "'\(title)' \(problems[0].problem)")
        }
        config.dicomAETitle = title.trimmingCharacters(in: .whitespaces)
        let limit =
            try flags.dicomMaximumAssociations ?? int(env: "LIGHTBOX_DICOM_MAX_ASSOCIATIONS")
            ?? file.int("dicomMaxAssociations") ?? config.dicomMaximumAssociations
        guard (1...10_000).contains(limit) else {
            throw ConfigurationError(source: "value", key: "dicomMaxAssociations", problem: "must be 1 to 10000")
        }
        config.dicomMaximumAssociations = limit
        let worklistLimit =
            try flags.worklistLimit ?? int(env: "LIGHTBOX_WORKLIST_LIMIT") ?? file.int("worklistLimit")
            ?? config.worklistLimit
        guard (1...ListExams.maximumLimit).contains(worklistLimit) else {
            throw ConfigurationError(
                source: "value", key: "worklistLimit", problem: "must be 1 to \(ListExams.maximumLimit)")
        }
        config.worklistLimit = worklistLimit
        let certificate =
            flags.dicomTLSCertificate ?? environment["LIGHTBOX_DICOM_TLS_CERT"] ?? file.string("dicomTLSCert")
        let key = flags.dicomTLSPrivateKey ?? environment["LIGHTBOX_DICOM_TLS_KEY"] ?? file.string("dicomTLSKey")
        let roots = flags.dicomTLSTrustRoots ?? environment["LIGHTBOX_DICOM_TLS_CA"] ?? file.string("dicomTLSCA")
        if certificate != nil || key != nil || roots != nil {
            guard certificate != nil, key != nil else {
                throw ConfigurationError(
                    source: "value", key: "dicomTLSCert",
                    problem: "DICOM over TLS needs both a certificate and its private key")
            }
            config.dicomTLS = DICOMTLSConfiguration(
                certificatePath: certificate, privateKeyPath: key, trustRootsPath: roots,
                requireClientCertificate: roots != nil)
        }
        let policy =
            flags.duplicatePolicy ?? environment["LIGHTBOX_DUPLICATE_POLICY"] ?? file.string("duplicatePolicy")
        if let policy {
            guard let parsed = DuplicateInstancePolicy(rawValue: policy.lowercased()) else {
                throw ConfigurationError(
                    source: "value", key: "duplicatePolicy", problem: "'\(policy)' is not keep or replace")
            }
            config.archive.duplicatePolicy = parsed
        }
        let minimumFree =
            try int(env: "LIGHTBOX_ARCHIVE_MIN_FREE_BYTES") ?? file.int("archiveMinimumFreeBytes")
            ?? Int(config.archive.minimumFreeBytes)
        guard minimumFree >= 0 else {
            throw ConfigurationError(source: "value", key: "archiveMinimumFreeBytes", problem: "must not be negative")
        }
        config.archive.minimumFreeBytes = Int64(minimumFree)
        let maximumInstance =
            try int(env: "LIGHTBOX_ARCHIVE_MAX_INSTANCE_BYTES") ?? file.int("archiveMaximumInstanceBytes")
            ?? Int(config.archive.maximumInstanceBytes)
        guard maximumInstance >= 1024 else {
            throw ConfigurationError(
                source: "value", key: "archiveMaximumInstanceBytes", problem: "must be at least 1024")
        }
        config.archive.maximumInstanceBytes = Int64(maximumInstance)
        config.archive.captureDose =
            try bool(env: "LIGHTBOX_ARCHIVE_CAPTURE_DOSE") ?? file.bool("archiveCaptureDose")
            ?? config.archive.captureDose
        config.imageDirectory = environment["LIGHTBOX_IMAGES"] ?? file.string("imageDirectory")
    }
}
