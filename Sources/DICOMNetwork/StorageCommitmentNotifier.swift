import DICOM
import NIOCore
import NIOSSL

/// Sends a storage commitment result to its requestor on a new association (PS3.4 J.3.3): the
/// SCP becomes association requestor and proposes the Storage Commitment Push Model context with
/// the SCP role (SCP/SCU Role Selection, PS3.7 D.3.3.4), then sends the N-EVENT-REPORT.
public struct StorageCommitmentNotifier: Sendable {
    /// Our AE title (the calling AE of the new association).
    public var callingAETitle: String
    private let client: DICOMClient
    /// TLS client context for requestors reached over TLS; nil for plain TCP.
    public var tls: NIOSSLContext?
    public var timeouts: UpperLayerHandler.Timeouts

    /// The one presentation context proposed: Storage Commitment Push Model in the uncompressed
    /// transfer syntaxes.
    public static let proposal = AssociationParameters.Proposal(abstractSyntax: StorageCommitmentRequest.sopClassUID)
    /// Our role on that association: SCP only (PS3.4 J.3.3, PS3.7 D.3.3.4).
    public static let roleSelection = UserInformation.RoleSelection(
        sopClassUID: StorageCommitmentRequest.sopClassUID, scuRole: false, scpRole: true)

    public init(
        callingAETitle: String, client: DICOMClient = DICOMClient(), tls: NIOSSLContext? = nil,
        timeouts: UpperLayerHandler.Timeouts = .init()
    ) {
        self.callingAETitle = callingAETitle
        self.client = client
        self.tls = tls
        self.timeouts = timeouts
    }

    /// Opens the association to `requestor`, sends `result` as N-EVENT-REPORT-RQ (Event Type 1 or 2)
    /// and releases. Returns the requestor's N-EVENT-REPORT-RSP status.
    /// - Throws: `.associationRejected`, `.noPresentationContext` when the requestor refuses the
    ///   context or our SCP role, and the transport's errors.
    @discardableResult
    public func send(_ result: StorageCommitmentResult, to requestor: MoveDestination) async throws -> DIMSEStatus {
        let sopClass = StorageCommitmentRequest.sopClassUID
        let association = try await client.connect(
            host: requestor.host, port: requestor.port,
            parameters: AssociationParameters(
                callingAETitle: callingAETitle, calledAETitle: requestor.aeTitle,
                proposals: [Self.proposal], roleSelections: [Self.roleSelection],
                timeouts: timeouts, tls: tls))
        do {
            // A reply without a role selection item leaves the default roles; many requestors
            // omit it yet expect the report, so only an explicit refusal of the SCP role stops us.
            if let reply = association.acceptance.userInformation.roleSelections.first(where: {
                $0.sopClassUID == sopClass
            }), !reply.scpRole {
                throw DICOMNetworkError(
                    .noPresentationContext, "\(requestor.aeTitle) refused our SCP role for storage commitment")
            }
            let response = try await association.reportStorageCommitment(result)
            try await association.release()
            return response.status
        } catch {
            await association.abort()
            throw error
        }
    }
}
