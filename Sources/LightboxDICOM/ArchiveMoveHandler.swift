import DICOMNetwork
import LightboxDomain

/// Retrieve SCP by C-MOVE for the Patient Root and Study Root models (PS3.4 §C.4.2): the destination must be a
/// known peer (its AE title gives the host and port); the library performs the C-STORE sub-operations, counts them
/// and lists the failed SOP Instance UIDs.
struct ArchiveMoveHandler: MoveHandler {
    let retrieval: ArchiveRetrieval
    /// The peer with an AE title, from the peers table.
    let peer: @Sendable (String) async throws -> DICOMPeer?

    var sopClassUIDs: [String] {
        [QueryInformationModel.patientRoot, .studyRoot].compactMap(\.moveSOPClassUID)
    }

    func destination(aeTitle: String, request: QueryRequest) async -> MoveDestination? {
        let title = aeTitle.trimmingCharacters(in: .whitespaces)
        guard let peer = try? await peer(title) else { return nil }
        return MoveDestination(host: peer.host, port: peer.port, aeTitle: peer.aeTitle)
    }

    func instances(for request: QueryRequest) async throws -> [StoreItem] {
        try await retrieval.items(
            for: request, model: ArchiveRetrieval.model(of: request.sopClassUID),
            purpose:
                "C-MOVE by \(request.association.callingAETitle) to \(request.moveDestination ?? "(no destination)")")
    }
}
