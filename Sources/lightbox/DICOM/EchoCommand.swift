import ArgumentParser
import DICOMNetwork

/// `lightbox dicom echo HOST PORT`: C-ECHO (PS3.4 Annex A), like dcmtk's echoscu.
struct EchoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "echo", abstract: "Verify a DICOM peer with C-ECHO.")

    @OptionGroup var peer: DICOMPeerOptions

    @Option(name: .customLong("repeat"), help: "Number of C-ECHO requests on the association.")
    var count = 1

    func run() async throws {
        let association = try await DICOMClient().connect(
            host: peer.host, port: peer.port,
            parameters: AssociationParameters(
                callingAETitle: peer.callingAETitle, calledAETitle: peer.calledAETitle,
                proposals: [.init(abstractSyntax: CommandSet.verificationSOPClassUID)], maximumLength: peer.maxPDU,
                timeouts: peer.timeouts, dimseTimeout: peer.dimseTimeAmount,
                tls: try peer.tls.client?.clientContext()))
        var failed = false
        for _ in 0..<max(1, count) {
            let status = try await association.echo()
            print("C-ECHO: \(status)")
            if status != .success { failed = true }
        }
        try await association.release()
        if failed { throw ExitCode(1) }
    }
}
