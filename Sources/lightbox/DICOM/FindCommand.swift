import ArgumentParser
import DICOM
import DICOMNetwork
import Foundation

/// `lightbox dicom find HOST PORT -k …`: C-FIND (PS3.4 Annex C, K) like dcmtk's findscu. Each answer
/// is printed; `--out DIR` also writes it as a DICOM file; the number of answers is printed last.
struct FindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "find", abstract: "Query a DICOM peer with C-FIND.")

    @OptionGroup var peer: DICOMPeerOptions
    @OptionGroup var query: QueryOptions

    @Option(name: .long, help: "Write every answer as a DICOM file (rsp0001.dcm …) in this folder.")
    var out: String?

    func run() async throws {
        let model = query.model
        let identifier = try query.identifier()
        let writer = try out.map { try FindAnswerWriter(directory: $0) }
        let association = try await DICOMClient().connect(
            host: peer.host, port: peer.port,
            parameters: AssociationParameters(
                callingAETitle: peer.callingAETitle, calledAETitle: peer.calledAETitle,
                proposals: [.init(abstractSyntax: model.findSOPClassUID)], maximumLength: peer.maxPDU,
                timeouts: peer.timeouts, dimseTimeout: peer.dimseTimeAmount,
                tls: try peer.tls.client?.clientContext()))
        guard let context = association.presentationContext(for: model.findSOPClassUID) else {
            await association.abort()
            throw DICOMNetworkError(.noPresentationContext, "the peer does not accept \(model.rawValue) C-FIND")
        }
        let responses = association.find(
            sopClassUID: model.findSOPClassUID, identifier: try EncodedDataSet(identifier, for: context))
        var count = 0
        for try await answer in responses {
            count += 1
            print("# answer \(count)")
            if let dataSet = try? answer.dataSet() {
                let file = DICOMFile(dataSet: dataSet, transferSyntax: TransferSyntax(uid: answer.transferSyntaxUID))
                print(DICOMDumper().dump(file), terminator: "")
            }
            try writer?.write(answer, index: count, sopClassUID: model.findSOPClassUID)
        }
        try await association.release()
        print("final status: \(responses.finalStatus.map { "\($0)" } ?? "none")")
        print("answers: \(count)")
    }
}
