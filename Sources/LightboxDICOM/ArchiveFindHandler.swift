import DICOM
import DICOMNetwork
import LightboxDomain

/// Query SCP for the Patient Root and Study Root C-FIND models (PS3.4 §C.4.1, §C.6.1, §C.6.2), answered from the
/// archive's index through ``QueryArchive`` (audited with the calling AE title). Relational queries are accepted:
/// keys of the levels above the query level narrow the answer whether or not their unique keys are given.
struct ArchiveFindHandler: FindHandler {
    let queryArchive: QueryArchive
    /// Our AE title, returned as Retrieve AE Title (0008,0054) when asked.
    let aeTitle: String

    var sopClassUIDs: [String] {
        [QueryInformationModel.patientRoot.findSOPClassUID, QueryInformationModel.studyRoot.findSOPClassUID]
    }

    func find(_ request: QueryRequest, respond: (EncodedDataSet) async throws -> Void) async throws -> DIMSEStatus {
        let model: QueryInformationModel =
            request.sopClassUID == QueryInformationModel.patientRoot.findSOPClassUID ? .patientRoot : .studyRoot
        let context = PresentationContext(
            id: 1, abstractSyntax: request.sopClassUID, transferSyntax: request.identifier.transferSyntaxUID)
        let actor = Actor.dicomPeer(request.association)
        do {
            let identifier = try request.identifier.dataSet()
            let page = QueryArchive.maximumLimit
            var query = try QueryIdentifierTranslator.query(from: identifier, model: model, limit: page)
            // Every match is answered: the index is read a page at a time so memory stays bounded.
            while true {
                let records = try await queryArchive(
                    query, purpose: "C-FIND from \(request.association.callingAETitle)", by: actor)
                for record in records {
                    let answer = try QueryIdentifierTranslator.answer(record, to: identifier, retrieveAETitle: aeTitle)
                    try await respond(try EncodedDataSet(answer, for: context))
                }
                guard records.count == page else { break }
                query.offset += page
            }
            return .success
        } catch let error as DomainError {
            throw DIMSERefusal(error)
        }
    }
}
