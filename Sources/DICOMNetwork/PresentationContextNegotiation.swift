/// The acceptor's side of presentation context negotiation (PS3.8 §9.3.3.2, PS3.7 D.3.3.4):
/// a context is accepted when a registered handler serves its abstract syntax and one of the
/// proposed transfer syntaxes suits that handler.
public enum PresentationContextNegotiation {
    /// The result items and the role selection replies for a request.
    public static func negotiate(
        _ rq: AAssociateRQ, handlers: ServiceHandlers
    ) -> (contexts: [PresentationContextAC], roleSelections: [UserInformation.RoleSelection]) {
        var results: [PresentationContextAC] = []
        var acceptedAbstract: Set<String> = []
        let roles = rq.userInformation.roleSelections
        for pc in rq.presentationContexts {
            let abstract = pc.abstractSyntax
            let preferences: [String]?
            let scpRoleForGet = handlers.get != nil && roles.contains { $0.sopClassUID == abstract && $0.scpRole }
            if abstract == CommandSet.verificationSOPClassUID, handlers.verification != nil {
                preferences = TransferSyntaxUID.uncompressed
            } else if handlers.find?.sopClassUIDs.contains(abstract) == true
                || handlers.move?.sopClassUIDs.contains(abstract) == true
                || handlers.get?.sopClassUIDs.contains(abstract) == true
                || handlers.nServices.contains(where: { $0.sopClassUIDs.contains(abstract) })
                || (handlers.storageCommitment != nil && abstract == StorageCommitmentRequest.sopClassUID)
            {
                preferences = TransferSyntaxUID.uncompressed
            } else if let store = handlers.store, store.accepts(sopClassUID: abstract) {
                preferences = store.transferSyntaxes ?? keepAsSent(pc.transferSyntaxes)
            } else if scpRoleForGet {
                // Storage classes a C-GET requestor will receive: any syntax it proposes.
                preferences = keepAsSent(pc.transferSyntaxes)
            } else {
                preferences = nil
            }
            guard let preferences else {
                results.append(.init(id: pc.id, result: .abstractSyntaxNotSupported, transferSyntax: nil))
                continue
            }
            if let ts = preferences.first(where: { pc.transferSyntaxes.contains($0) }) {
                results.append(.init(id: pc.id, result: .acceptance, transferSyntax: ts))
                acceptedAbstract.insert(abstract)
            } else {
                results.append(.init(id: pc.id, result: .transferSyntaxesNotSupported, transferSyntax: nil))
            }
        }
        let replies = roles.filter { acceptedAbstract.contains($0.sopClassUID) }
        return (results, replies)
    }

    /// For handlers that keep data sets as sent: a proposed compressed syntax first, since a
    /// sender that offers one next to Explicit VR Little Endian usually holds the file compressed
    /// and may be unable to decompress it (dcmtk storescu without codecs); then the proposer's order.
    static func keepAsSent(_ proposed: [String]) -> [String] {
        let uncompressed: Set<String> = [
            TransferSyntaxUID.implicitVRLittleEndian, TransferSyntaxUID.explicitVRLittleEndian,
            TransferSyntaxUID.explicitVRBigEndian,
        ]
        return proposed.filter { !uncompressed.contains($0) } + proposed.filter { uncompressed.contains($0) }
    }
}
