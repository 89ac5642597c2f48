import DICOM
import DICOMNetwork
import LightboxDomain
import Logging

/// Storage Commitment Push Model SCP (PS3.4 Annex J), answered from the image index through
/// ``CommitStorage``: an instance is committed when it is indexed with the referenced SOP class and
/// its file is in the image store. Results the requestor is no longer there to receive go to the
/// address of its ``DICOMPeer`` entry on a new association.
public struct ArchiveStorageCommitmentHandler: StorageCommitmentHandler {
    let archive: Archive
    let aeTitle: String
    let logger: Logger

    /// - Parameter aeTitle: our AE title, given as Retrieve AE Title of the committed instances.
    public init(archive: Archive, aeTitle: String, logger: Logger) {
        self.archive = archive
        self.aeTitle = aeTitle
        self.logger = logger
    }

    public func commit(_ request: StorageCommitmentRequest) async throws -> StorageCommitmentResult {
        let references = request.references.map {
            CommitStorage.Reference(sopClassUID: $0.sopClassUID, sopInstanceUID: $0.sopInstanceUID)
        }
        let result = try await archive.commitStorage(references, by: .dicomPeer(request.association))
        let failed = result.failed.map { reference, reason in
            StorageCommitmentResult.Failure(
                instance: ReferencedSOP(sopClassUID: reference.sopClassUID, sopInstanceUID: reference.sopInstanceUID),
                reason: Self.reason(reason))
        }
        logger.info(
            "Storage commitment",
            metadata: [
                "peer": "\(request.association.callingAETitle)", "committed": "\(result.committed.count)",
                "failed": "\(failed.count)",
            ])
        return StorageCommitmentResult(
            transactionUID: request.transactionUID,
            committed: result.committed.map {
                ReferencedSOP(sopClassUID: $0.sopClassUID, sopInstanceUID: $0.sopInstanceUID)
            }, failed: failed, retrieveAETitle: aeTitle)
    }

    public func requestorAddress(aeTitle: String, request: StorageCommitmentRequest) async -> MoveDestination? {
        guard let peer = try? await archive.findDICOMPeer(aeTitle: aeTitle) else { return nil }
        return MoveDestination(host: peer.host, port: peer.port, aeTitle: peer.aeTitle)
    }

    public func deliveryFailed(
        _ result: StorageCommitmentResult, requestorAETitle: String, error: DICOMNetworkError
    ) async {
        logger.warning(
            "Storage commitment result not delivered",
            metadata: [
                "peer": "\(requestorAETitle)", "transactionUID": "\(result.transactionUID)", "error": "\(error)",
            ])
    }

    static func reason(_ reason: CommitStorage.FailureReason) -> StorageCommitmentResult.Reason {
        switch reason {
        case .noSuchInstance: .noSuchObjectInstance
        case .classInstanceConflict: .classInstanceConflict
        case .processingFailure: .processingFailure
        }
    }
}
