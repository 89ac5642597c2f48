import DICOM

extension Association {
    /// Sends a storage commitment result as N-EVENT-REPORT-RQ on this association and waits for
    /// the response, PS3.4 J.3.3.
    public func reportStorageCommitment(_ result: StorageCommitmentResult) async throws -> NServiceResponse {
        let context = try requireContext(StorageCommitmentRequest.sopClassUID)
        return try await nEventReport(
            sopClassUID: StorageCommitmentRequest.sopClassUID,
            sopInstanceUID: StorageCommitmentRequest.wellKnownInstanceUID, eventTypeID: result.eventTypeID,
            information: EncodedDataSet(try result.eventInformation(), for: context))
    }

    /// Requests storage commitment (the requestor's N-ACTION, PS3.4 J.3.2); the result follows as
    /// an N-EVENT-REPORT, on this association (``receiveEventReport(status:)``) or on a new one.
    public func requestStorageCommitment(_ request: StorageCommitmentRequest) async throws -> NServiceResponse {
        let context = try requireContext(StorageCommitmentRequest.sopClassUID)
        return try await nAction(
            sopClassUID: StorageCommitmentRequest.sopClassUID,
            sopInstanceUID: StorageCommitmentRequest.wellKnownInstanceUID,
            actionTypeID: StorageCommitmentRequest.actionTypeID,
            information: EncodedDataSet(try request.actionInformation(), for: context))
    }
}
