import ArgumentParser
import DICOMNetwork

/// `lightbox dicom move HOST PORT --dest AE -k …`: C-MOVE (PS3.4 C.4.2) like dcmtk's movescu: the
/// peer sends the matching instances to the destination AE.
struct MoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "move", abstract: "Ask a DICOM peer to send matches to an AE (C-MOVE).")

    @OptionGroup var peer: DICOMPeerOptions
    @OptionGroup var query: QueryOptions

    @Option(name: [.customLong("aem", withSingleDash: true), .customLong("dest")], help: "Move destination AE title.")
    var destination: String

    func run() async throws {
        let model = query.model
        guard let sopClass = model.moveSOPClassUID else { throw ValidationError("the worklist model has no C-MOVE") }
        let identifier = try query.identifier()
        let association = try await DICOMClient().connect(
            host: peer.host, port: peer.port,
            parameters: AssociationParameters(
                callingAETitle: peer.callingAETitle, calledAETitle: peer.calledAETitle,
                proposals: [.init(abstractSyntax: sopClass)], maximumLength: peer.maxPDU,
                timeouts: peer.timeouts, dimseTimeout: peer.dimseTimeAmount,
                tls: try peer.tls.client?.clientContext()))
        guard let context = association.presentationContext(for: sopClass) else {
            await association.abort()
            throw DICOMNetworkError(.noPresentationContext, "the peer does not accept \(model.rawValue) C-MOVE")
        }
        let result = try await association.move(
            sopClassUID: sopClass, identifier: try EncodedDataSet(identifier, for: context), destination: destination
        ) { counts in
            print("pending: remaining \(counts.remaining), completed \(counts.completed), failed \(counts.failed)")
        }
        try await association.release()
        let c = result.counts
        print("C-MOVE: \(result.status); completed \(c.completed), failed \(c.failed), warning \(c.warning)")
        if result.status.category == .failure { throw ExitCode(1) }
    }
}
