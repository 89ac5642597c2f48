import DICOM
import Logging

/// The library's side of the Storage Commitment Push Model SCP (PS3.4 J.3): validates and answers
/// the N-ACTION, asks the application's ``StorageCommitmentHandler`` for the result, and delivers
/// it on the same association or, once the requestor has left, on a new one.
enum StorageCommitmentService {
    /// A decided result waiting for delivery.
    struct Outcome {
        var request: StorageCommitmentRequest
        var result: StorageCommitmentResult
    }

    /// Answers an N-ACTION-RQ of the Storage Commitment Push Model; returns the decided result
    /// when the request was accepted (nil when it was refused with a failure status).
    static func handleAction(
        _ command: CommandSet, context: PresentationContext, association: Association, info: AssociationInfo,
        handler: any StorageCommitmentHandler
    ) async throws -> Outcome? {
        let data = command.hasDataSet ? try await association.receiveDataSet() : nil
        func refuse(_ status: DIMSEStatus, _ comment: String) async throws -> Outcome? {
            var rsp = CommandSet.nResponse(
                to: command, status: status, sopInstanceUID: StorageCommitmentRequest.wellKnownInstanceUID,
                hasDataSet: false)
            rsp[.errorComment] = .text(String(comment.prefix(64)))
            try await association.send(rsp, context: context.id)
            return nil
        }
        guard command.uint16(.actionTypeID) == StorageCommitmentRequest.actionTypeID else {
            return try await refuse(.noSuchActionType, "only Action Type ID 1 (request storage commitment)")
        }
        guard command.requestedSOPInstanceUID == StorageCommitmentRequest.wellKnownInstanceUID else {
            return try await refuse(.noSuchSOPInstance, "not the well-known instance 1.2.840.10008.1.20.1.1")
        }
        guard let data else {
            return try await refuse(.missingAttribute, "N-ACTION-RQ without Action Information")
        }
        let request: StorageCommitmentRequest
        do {
            let dataSet = try EncodedDataSet(bytes: data, transferSyntaxUID: context.transferSyntax).dataSet()
            request = try StorageCommitmentRequest(actionInformation: dataSet, association: info)
        } catch let refusal as StorageCommitmentRequest.Refusal {
            return try await refuse(refusal.status, refusal.comment)
        } catch {
            return try await refuse(.processingFailure, "Action Information unreadable: \(error)")
        }
        try await association.send(
            .nResponse(
                to: command, status: .success, sopInstanceUID: StorageCommitmentRequest.wellKnownInstanceUID,
                hasDataSet: false),
            context: context.id)
        let result: StorageCommitmentResult
        do {
            result = try await handler.commit(request)
        } catch {
            result = StorageCommitmentResult(
                transactionUID: request.transactionUID, committed: [],
                failed: request.references.map { .init(instance: $0, reason: .processingFailure) })
        }
        return Outcome(request: request, result: result)
    }

    /// How a delivery on the request's own association ended.
    enum SameAssociationDelivery {
        case delivered(DIMSEStatus)
        /// The requestor asked to release instead of answering (it has already been answered).
        case releaseRequested
        case closed
    }

    /// Sends the result as N-EVENT-REPORT-RQ on the association the request came on and waits for
    /// the response; a requestor that releases meanwhile gets the release (PS3.8 §7.2).
    static func deliver(_ outcome: Outcome, on association: Association) async throws -> SameAssociationDelivery {
        let context = try association.requireContext(StorageCommitmentRequest.sopClassUID)
        let information = try EncodedDataSet(try outcome.result.eventInformation(), for: context)
        let id = association.nextMessageID()
        do {
            try await association.send(
                .nEventReportRQ(
                    messageID: id, sopClassUID: StorageCommitmentRequest.sopClassUID,
                    sopInstanceUID: StorageCommitmentRequest.wellKnownInstanceUID,
                    eventTypeID: outcome.result.eventTypeID, hasDataSet: true),
                dataSet: .buffer(information.bytes), context: context.id)
        } catch let error as DICOMNetworkError
            where [.connectionClosed, .invalidPrimitive, .io].contains(error.code)
        {
            return .closed
        }
        switch try await association.receive() {
        case .command(let rsp, _) where rsp.commandField == .nEventReportRSP && rsp.messageIDBeingRespondedTo == id:
            try await association.drainDataSet()
            return .delivered(rsp.status ?? .processingFailure)
        case .command(let other, _):
            throw DICOMNetworkError(
                .unexpectedMessage,
                "\(other.commandField.map { "\($0)" } ?? "?") where the N-EVENT-REPORT-RSP was expected")
        case .releaseRequested:
            try await association.acceptRelease()
            return .releaseRequested
        case .closed:
            return .closed
        }
    }

    /// Delivers results on new associations to their requestors (after the request's association
    /// ended), telling the handler about each one that cannot be delivered.
    static func deliverOnNewAssociations(
        _ outcomes: [Outcome], handler: any StorageCommitmentHandler, notifier: StorageCommitmentNotifier,
        logger: Logger
    ) async {
        for outcome in outcomes {
            let requestorAE = outcome.request.association.callingAETitle
            do {
                guard let address = await handler.requestorAddress(aeTitle: requestorAE, request: outcome.request)
                else {
                    throw DICOMNetworkError(.io, "no address known for requestor \(requestorAE)")
                }
                let status = try await notifier.send(outcome.result, to: address)
                logger.debug(
                    "storage commitment result delivered on a new association",
                    metadata: ["requestor": "\(requestorAE)", "status": "\(status)"])
            } catch {
                let failure =
                    error as? DICOMNetworkError ?? DICOMNetworkError(.io, "storage commitment report: \(error)")
                logger.warning(
                    "storage commitment result not delivered",
                    metadata: ["requestor": "\(requestorAE)", "error": "\(failure)"])
                await handler.deliveryFailed(outcome.result, requestorAETitle: requestorAE, error: failure)
            }
        }
    }
}
