import DICOM
import DICOMNetwork
import LightboxDomain

/// What the C-MOVE and C-GET SCPs share: the identifier read as a query (PS3.4 §C.4.2.1.4), the instances found
/// through ``RetrieveInstances`` (audited with the calling AE title and the purpose), and each instance's file in
/// the image store as a sub-operation's source.
struct ArchiveRetrieval: Sendable {
    let retrieveInstances: RetrieveInstances
    let images: any ImageStore

    /// The instances to send; `purpose` names the service and destination for the audit entry.
    func items(for request: QueryRequest, model: QueryInformationModel, purpose: String) async throws -> [StoreItem] {
        do {
            let identifier = try request.identifier.dataSet()
            let query = try QueryIdentifierTranslator.query(
                from: identifier, model: model, limit: RetrieveInstances.maximumInstances)
            let files = try await retrieveInstances(query, purpose: purpose, by: Actor.dicomPeer(request.association))
            return files.map { file in
                let path = images.location(of: file.imageKey)
                // The file's own header says where its data set starts; an unreadable file is still offered so
                // that its sub-operation fails and is counted and listed as failed (PS3.4 §C.4.2.3.1).
                let offset = (try? Part10Header.read(path: path).dataSetOffset) ?? 0
                return StoreItem(
                    source: .file(path: path, offset: offset), sopClassUID: file.sopClassUID,
                    sopInstanceUID: file.sopInstanceUID, transferSyntaxUID: file.transferSyntaxUID)
            }
        } catch let error as DomainError {
            throw DIMSERefusal(error)
        }
    }

    static func model(of sopClassUID: String) -> QueryInformationModel {
        [QueryInformationModel.patientRoot.moveSOPClassUID, QueryInformationModel.patientRoot.getSOPClassUID]
            .contains(sopClassUID) ? .patientRoot : .studyRoot
    }
}
