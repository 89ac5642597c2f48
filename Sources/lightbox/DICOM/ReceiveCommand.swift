import ArgumentParser
import DICOMNetwork
import Foundation

/// `lightbox dicom receive --port N --dir D`: a storage SCP (and verification SCP) writing every
/// received instance to a folder, like dcmtk's storescp.
struct ReceiveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receive", abstract: "Receive DICOM instances into a folder (storage SCP).")

    @Option(name: .long, help: "Port to listen on.")
    var port: Int = 11112

    @Option(name: .long, help: "Address to listen on.")
    var host = "0.0.0.0"

    @Option(name: .long, help: "Folder for received files.")
    var dir: String

    @Option(name: [.customLong("aet", withSingleDash: true), .customLong("aet")], help: "Our AE title.")
    var aeTitle = "LIGHTBOX"

    @Flag(name: .long, help: "Accept any called AE title (else only ours).")
    var anyCalledAET = false

    @Option(name: .long, help: "Associations served at once (more get A-ASSOCIATE-RJ transient).")
    var maxAssociations = 50

    @Option(name: .long, help: "Our maximum PDU length (bytes).")
    var maxPDU: UInt32 = 262_144

    @OptionGroup var dimseTimeout: DIMSETimeoutOption

    @OptionGroup(title: "DICOM over TLS")
    var tls: DICOMTLSOptions

    @Flag(name: .long, help: "With TLS: refuse clients without a certificate signed by --tls-ca.")
    var tlsRequireClientCert = false

    func run() async throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let server = DICOMServer(
            configuration: DICOMServerConfiguration(
                host: host, port: port, aeTitle: aeTitle, maximumAssociations: maxAssociations,
                maximumPDULength: maxPDU, dimseTimeout: dimseTimeout.timeAmount,
                tls: try tls.server(requireClientCertificate: tlsRequireClientCert)?.serverContext()),
            handlers: ServiceHandlers(
                verification: AlwaysSuccessVerification(), store: DirectoryStoreHandler(directory: dir)),
            policy: AETitlePolicy(calledAETitle: anyCalledAET ? nil : aeTitle))
        try await server.run { port in
            // Written unbuffered: scripts wait for this line, and print() to a pipe is block-buffered.
            FileHandle.standardOutput.write(Data("listening on \(port) as \(aeTitle), writing to \(dir)\n".utf8))
        }
    }
}
