import ArgumentParser
import DICOMNetwork
import Foundation

/// `lightbox dicom get HOST PORT --out DIR -k …`: C-GET (PS3.4 C.4.3) like dcmtk's getscu: the
/// matches come back on the same association and are written to the folder.
struct GetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Retrieve matches from a DICOM peer (C-GET).")

    @OptionGroup var peer: DICOMPeerOptions
    @OptionGroup var query: QueryOptions

    @Option(
        name: [.customLong("od", withSingleDash: true), .customLong("out")], help: "Folder for the received files.")
    var out = "."

    func run() async throws {
        let model = query.model
        guard let sopClass = model.getSOPClassUID else { throw ValidationError("the worklist model has no C-GET") }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let identifier = try query.identifier()
        let storage = GetStorageProposals.proposals(limit: 127)
        let association = try await DICOMClient().connect(
            host: peer.host, port: peer.port,
            parameters: AssociationParameters(
                callingAETitle: peer.callingAETitle, calledAETitle: peer.calledAETitle,
                proposals: [.init(abstractSyntax: sopClass)] + storage.proposals, maximumLength: peer.maxPDU,
                roleSelections: storage.roles,
                timeouts: peer.timeouts, dimseTimeout: peer.dimseTimeAmount,
                tls: try peer.tls.client?.clientContext()))
        guard let context = association.presentationContext(for: sopClass) else {
            await association.abort()
            throw DICOMNetworkError(.noPresentationContext, "the peer does not accept \(model.rawValue) C-GET")
        }
        let result = try await association.get(
            sopClassUID: sopClass, identifier: try EncodedDataSet(identifier, for: context),
            storeHandler: DirectoryStoreHandler(directory: out))
        try await association.release()
        let c = result.counts
        print("C-GET: \(result.status); completed \(c.completed), failed \(c.failed), warning \(c.warning)")
        if result.status.category == .failure { throw ExitCode(1) }
    }
}
