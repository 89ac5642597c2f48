import DICOMNetwork
import Foundation
import LightboxDICOM
import LightboxDomain
import LightboxStore
import Logging
import NIOCore

extension LightboxServer {
    /// The image folder of a configuration: `imageDirectory`, or `images` in the data directory.
    public static func imageDirectory(_ configuration: ServerConfiguration) -> String {
        configuration.imageDirectory
            ?? URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent("images").path
    }

    /// The archive's use cases on the folder image store; staging files left by a crash are removed first.
    static func makeArchive(
        _ configuration: ServerConfiguration, department: DepartmentEnvironment, logger: Logger
    ) throws -> Archive {
        let images = try FolderImageStore(root: imageDirectory(configuration))
        let removed = try images.removeLeftovers()
        if removed > 0 {
            logger.info("Removed staging files of cut writes", metadata: ["count": "\(removed)"])
        }
        return Archive(
            ArchiveEnvironment(
                department: department, images: images, reader: DICOMInstanceReader(),
                configuration: configuration.archive, deidentifier: DICOMInstanceDeidentifier()))
    }

    /// The DICOM listener with every DICOM service plugged in (``DICOMServices/lightbox(department:archive:aeTitle:logger:)``).
    static func makeDICOMListener(
        _ configuration: ServerConfiguration, department: Department, archive: Archive, group: any EventLoopGroup,
        logger: Logger, output: @escaping @Sendable (String) -> Void
    ) throws -> DICOMListener {
        let host = configuration.host
        let aeTitle = configuration.dicomAETitle
        let tls = configuration.dicomTLS != nil
        return try DICOMListener(
            dicomListenerConfiguration(configuration),
            services: .lightbox(
                department: department, archive: archive, aeTitle: aeTitle, logger: logger,
                worklistLimit: configuration.worklistLimit),
            peers: archive.findDICOMPeer, group: group, logger: logger,
            onListening: { port in
                output("DICOM listening on \(host):\(port) as \(aeTitle)\(tls ? " (TLS)" : "")")
            })
    }

    /// The DICOM listener's settings from the server's.
    static func dicomListenerConfiguration(_ configuration: ServerConfiguration) -> DICOMListener.Configuration {
        .init(
            host: configuration.host, port: configuration.dicomPort, aeTitle: configuration.dicomAETitle,
            maximumAssociations: configuration.dicomMaximumAssociations, tls: configuration.dicomTLS)
    }
}
