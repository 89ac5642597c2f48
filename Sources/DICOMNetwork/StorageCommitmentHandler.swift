/// Storage Commitment Push Model SCP, PS3.4 Annex J: the application decides which instances it
/// commits to keep; the library answers the N-ACTION and delivers the result as N-EVENT-REPORT,
/// on the request's association while the requestor is still there, otherwise on a new
/// association to the requestor (PS3.4 J.3.3, with SCP/SCU role selection, PS3.7 D.3.3.4).
public protocol StorageCommitmentHandler: Sendable {
    /// Decides the commitment for every referenced instance (typically: is it in the archive,
    /// with this SOP class). Called after the N-ACTION has been answered with Success; a thrown
    /// error fails every instance with Failure Reason 0x0110 (processing failure).
    func commit(_ request: StorageCommitmentRequest) async throws -> StorageCommitmentResult

    /// Where the requestor listens, for a result that cannot go back on the request's association
    /// (the requestor released or closed it first). nil: the result cannot be delivered.
    func requestorAddress(aeTitle: String, request: StorageCommitmentRequest) async -> MoveDestination?

    /// Told when a result could not be delivered at all, so the application may retry later with
    /// a ``StorageCommitmentNotifier``.
    func deliveryFailed(_ result: StorageCommitmentResult, requestorAETitle: String, error: DICOMNetworkError) async
}

extension StorageCommitmentHandler {
    public func deliveryFailed(_ result: StorageCommitmentResult, requestorAETitle: String, error: DICOMNetworkError)
        async
    {}
}
