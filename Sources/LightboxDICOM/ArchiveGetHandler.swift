import DICOMNetwork
import LightboxDomain

/// Retrieve SCP by C-GET for the Patient Root and Study Root models (PS3.4 §C.4.3): the instances go back on the
/// requestor's own association, in the transfer syntax they are stored in.
struct ArchiveGetHandler: GetHandler {
    let retrieval: ArchiveRetrieval

    var sopClassUIDs: [String] {
        [QueryInformationModel.patientRoot, .studyRoot].compactMap(\.getSOPClassUID)
    }

    func instances(for request: QueryRequest) async throws -> [StoreItem] {
        try await retrieval.items(
            for: request, model: ArchiveRetrieval.model(of: request.sopClassUID),
            purpose: "C-GET by \(request.association.callingAETitle)")
    }
}
