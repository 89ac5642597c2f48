import DICOM
import Logging
import NIOCore
import NIOSSL

/// The service-provider (SCP) side of an established association: reads each request, hands it
/// to the registered handler and sends the responses PS3.7 prescribes.
enum ServiceDispatcher {
    struct PeerCancelled: Error {}

    /// Serves requests until the peer releases, aborts or closes. Storage commitment results not
    /// delivered on the association by then go to their requestors on new associations.
    /// `outboundTLS` secures the associations we open ourselves (C-MOVE sub-operations, storage
    /// commitment results on a new association).
    static func serve(
        _ association: Association, handlers: ServiceHandlers, client: DICOMClient, aeTitle: String,
        outboundTLS: NIOSSLContext? = nil, logger: Logger
    ) async throws {
        var undelivered: [StorageCommitmentService.Outcome] = []
        do {
            try await serveRequests(
                association, handlers: handlers, client: client, aeTitle: aeTitle, outboundTLS: outboundTLS,
                logger: logger, undelivered: &undelivered)
        } catch {
            await deliverLater(
                undelivered, handlers: handlers, client: client, aeTitle: aeTitle, outboundTLS: outboundTLS,
                logger: logger)
            throw error
        }
        await deliverLater(
            undelivered, handlers: handlers, client: client, aeTitle: aeTitle, outboundTLS: outboundTLS,
            logger: logger)
    }

    private static func deliverLater(
        _ outcomes: [StorageCommitmentService.Outcome], handlers: ServiceHandlers, client: DICOMClient,
        aeTitle: String, outboundTLS: NIOSSLContext?, logger: Logger
    ) async {
        guard !outcomes.isEmpty, let handler = handlers.storageCommitment else { return }
        await StorageCommitmentService.deliverOnNewAssociations(
            outcomes, handler: handler,
            notifier: StorageCommitmentNotifier(callingAETitle: aeTitle, client: client, tls: outboundTLS),
            logger: logger)
    }

    private static func serveRequests(
        _ association: Association, handlers: ServiceHandlers, client: DICOMClient, aeTitle: String,
        outboundTLS: NIOSSLContext?, logger: Logger, undelivered: inout [StorageCommitmentService.Outcome]
    ) async throws {
        let info = AssociationInfo(association: association)
        while true {
            switch try await association.receive() {
            case .closed:
                return
            case .releaseRequested:
                try await association.acceptRelease()
                // AR-4: the requestor closes; ARTIM closes for it if it does not.
                while (try? await association.channel.next()) != nil {}
                return
            case .command(let command, let context):
                logger.debug(
                    "DIMSE request",
                    metadata: [
                        "command": "\(command.commandField.map { "\($0)" } ?? "?")", "peer": "\(info.callingAETitle)",
                    ])
                if command.commandField == .nActionRQ, let handler = handlers.storageCommitment,
                    (command.sopClassUID ?? context.abstractSyntax) == StorageCommitmentRequest.sopClassUID
                {
                    if let outcome = try await StorageCommitmentService.handleAction(
                        command, context: context, association: association, info: info, handler: handler)
                    {
                        undelivered.append(outcome)
                    }
                } else {
                    try await dispatch(
                        command, context: context, association: association, info: info, handlers: handlers,
                        client: client, aeTitle: aeTitle, outboundTLS: outboundTLS)
                }
                // Results go back on this association while the requestor waits here; a request
                // or release already on its way is served first (operations window of 1).
                while let outcome = undelivered.first, try await !association.hasIncoming() {
                    switch try await StorageCommitmentService.deliver(outcome, on: association) {
                    case .delivered(let status):
                        undelivered.removeFirst()
                        logger.debug("storage commitment result delivered", metadata: ["status": "\(status)"])
                    case .releaseRequested:
                        while (try? await association.channel.next()) != nil {}
                        return
                    case .closed:
                        return
                    }
                }
            }
        }
    }

    private static func dispatch(
        _ command: CommandSet, context: PresentationContext, association: Association, info: AssociationInfo,
        handlers: ServiceHandlers, client: DICOMClient, aeTitle: String, outboundTLS: NIOSSLContext?
    ) async throws {
        guard let field = command.commandField else { return }
        switch field {
        case .cEchoRQ:
            try await association.drainDataSet()
            let status = await handlers.verification?.echo(info) ?? .sopClassNotSupported
            try await association.send(.cEchoRSP(to: command, status: status), context: context.id)
        case .cStoreRQ:
            guard let handler = handlers.store else {
                try await association.drainDataSet()
                try await association.send(.cStoreRSP(to: command, status: .sopClassNotSupported), context: context.id)
                return
            }
            try await handleStore(command, context: context, association: association, info: info, handler: handler)
        case .cFindRQ:
            try await handleFind(
                command, context: context, association: association, info: info, handler: handlers.find)
        case .cMoveRQ:
            try await handleMove(
                command, context: context, association: association, info: info, handler: handlers.move, client: client,
                aeTitle: aeTitle, outboundTLS: outboundTLS)
        case .cGetRQ:
            try await handleGet(command, context: context, association: association, info: info, handler: handlers.get)
        case .cCancelRQ:
            // A cancel for an operation already finished: nothing to do (PS3.7 §9.3.2.3).
            return
        case .nCreateRQ, .nSetRQ, .nGetRQ, .nActionRQ, .nEventReportRQ, .nDeleteRQ:
            try await handleN(
                command, field: field, context: context, association: association, info: info, handlers: handlers)
        default:
            try await association.drainDataSet()
            throw DICOMNetworkError(.unexpectedMessage, "response \(field) received by the service provider")
        }
    }

    // MARK: C-STORE

    static func handleStore(
        _ command: CommandSet, context: PresentationContext, association: Association, info: AssociationInfo,
        handler: any StoreHandler
    ) async throws {
        guard command.hasDataSet, let sopClass = command.affectedSOPClassUID,
            let sopInstance = command.affectedSOPInstanceUID
        else {
            try await association.drainDataSet()
            try await association.send(
                .cStoreRSP(to: command, status: .cannotUnderstand, errorComment: "C-STORE-RQ without data set or UIDs"),
                context: context.id)
            return
        }
        let request = StoreRequest(
            association: info, messageID: command.messageID ?? 0, sopClassUID: sopClass, sopInstanceUID: sopInstance,
            transferSyntaxUID: context.transferSyntax,
            priority: command.uint16(.priority).flatMap(DIMSEPriority.init(rawValue:)) ?? .medium,
            moveOriginatorAETitle: command.string(.moveOriginatorApplicationEntityTitle),
            moveOriginatorMessageID: command.uint16(.moveOriginatorMessageID))
        let status: DIMSEStatus
        var comment: String?
        do {
            let result = try await handler.storeInstance(request, dataSet: association.dataSetFragments())
            status = result.status
            comment = result.errorComment
        } catch let error as DICOMNetworkError
            where [.associationAborted, .connectionClosed, .timeout, .unexpectedMessage].contains(error.code)
        {
            throw error
        } catch {
            status = .cannotUnderstand
            comment = "\(error)"
        }
        try await association.drainDataSet()
        try await association.send(.cStoreRSP(to: command, status: status, errorComment: comment), context: context.id)
    }

    // MARK: C-FIND

    private static func queryRequest(
        _ command: CommandSet, context: PresentationContext, association: Association, info: AssociationInfo
    ) async throws -> QueryRequest {
        let identifier = command.hasDataSet ? try await association.receiveDataSet() : ByteBuffer()
        return QueryRequest(
            association: info, messageID: command.messageID ?? 0,
            sopClassUID: command.affectedSOPClassUID ?? context.abstractSyntax,
            priority: command.uint16(.priority).flatMap(DIMSEPriority.init(rawValue:)) ?? .medium,
            identifier: EncodedDataSet(bytes: identifier, transferSyntaxUID: context.transferSyntax),
            moveDestination: command.commandField == .cMoveRQ ? command.moveDestination : nil)
    }

    private static func handleFind(
        _ command: CommandSet, context: PresentationContext, association: Association, info: AssociationInfo,
        handler: (any FindHandler)?
    ) async throws {
        let request = try await queryRequest(command, context: context, association: association, info: info)
        guard let handler else {
            try await association.send(.cFindRSP(to: command, status: .sopClassNotSupported), context: context.id)
            return
        }
        let messageID = request.messageID
        var final: DIMSEStatus
        var comment: String?
        do {
            // The answers are produced and written off the event loop, each write awaited (one answer in
            // flight, held back when the socket is full): the loop runs each write as a task between its
            // reads of the socket, so a C-CANCEL sent meanwhile is read, and noted by the CancelObserver,
            // while answers are still going out (PS3.7 §9.3.2.3, PS3.4 §C.4.1.2). Written from the loop
            // itself, a fast handler's answers each completed at once into the socket buffer and the loop
            // read nothing until the last had gone, so the cancel came too late to stop anything.
            final = try await withTaskExecutorPreference(globalConcurrentExecutor) {
                try await handler.find(request) { match in
                    if association.cancelArrived(for: messageID) { throw PeerCancelled() }
                    try await association.send(
                        .cFindRSP(to: command, status: .pending), dataSet: .buffer(match.bytes), context: context.id)
                }
            }
            if try await association.cancelRequested(for: messageID) { final = .cancel }
        } catch is PeerCancelled {
            final = .cancel
        } catch let failure as DIMSEFailure {
            final = failure.status
            comment = failure.errorComment
        } catch let error as DICOMNetworkError
            where [.associationAborted, .connectionClosed, .timeout, .unexpectedMessage, .unexpectedPDU].contains(
                error.code)
        {
            throw error
        } catch {
            final = .cannotUnderstand
            comment = "\(error)"
        }
        var rsp = CommandSet.cFindRSP(to: command, status: final)
        if let comment { rsp[.errorComment] = .text(String(comment.prefix(64))) }
        try await association.send(rsp, context: context.id)
    }

    // MARK: C-MOVE

    private static func handleMove(
        _ command: CommandSet, context: PresentationContext, association: Association, info: AssociationInfo,
        handler: (any MoveHandler)?, client: DICOMClient, aeTitle: String, outboundTLS: NIOSSLContext?
    ) async throws {
        let request = try await queryRequest(command, context: context, association: association, info: info)
        func final(_ status: DIMSEStatus, _ counts: SubOperationCounts = .init(), failed: [String] = []) async throws {
            try await sendFinalRetrieveRSP(
                to: command, status: status, counts: counts, failed: failed, context: context, association: association)
        }
        guard let handler else { return try await final(.sopClassNotSupported) }
        guard let destinationAE = command.moveDestination,
            let destination = await handler.destination(aeTitle: destinationAE, request: request)
        else { return try await final(.moveDestinationUnknown) }
        let items: [StoreItem]
        do {
            items = try await handler.instances(for: request)
        } catch {
            return try await final(.cannotUnderstand)
        }
        if items.isEmpty { return try await final(.success) }
        let proposals = SubOperationNegotiation.proposals(for: items)
        let subAssociation: Association
        do {
            subAssociation = try await client.connect(
                host: destination.host, port: destination.port,
                parameters: AssociationParameters(
                    callingAETitle: aeTitle, calledAETitle: destination.aeTitle, proposals: proposals,
                    tls: outboundTLS))
        } catch {
            return try await final(
                .outOfResourcesSubOperations, SubOperationCounts(failed: UInt16(clamping: items.count)),
                failed: items.map(\.sopInstanceUID))
        }
        var counts = SubOperationCounts(remaining: UInt16(clamping: items.count))
        var cancelled = false
        var failed: [String] = []
        for (index, item) in items.enumerated() {
            if try await association.cancelRequested(for: request.messageID) {
                cancelled = true
                failed += items[index...].map(\.sopInstanceUID)
                break
            }
            counts.remaining -= 1
            if !item.isReadable {
                counts.failed += 1
                failed.append(item.sopInstanceUID)
                continue
            }
            do {
                let result = try await subAssociation.store(
                    dataSet: item.source, sopClassUID: item.sopClassUID, sopInstanceUID: item.sopInstanceUID,
                    transferSyntaxUID: item.transferSyntaxUID,
                    moveOriginator: (info.callingAETitle, request.messageID))
                switch result.status.category {
                case .success: counts.completed += 1
                case .warning: counts.warning += 1
                default:
                    counts.failed += 1
                    failed.append(item.sopInstanceUID)
                }
            } catch let error as DICOMNetworkError where error.code == .noPresentationContext {
                counts.failed += 1
                failed.append(item.sopInstanceUID)
            } catch {
                counts.failed += 1 + counts.remaining
                counts.remaining = 0
                failed += items[index...].map(\.sopInstanceUID)
                break
            }
            if counts.remaining > 0 {
                try await association.send(
                    .retrieveRSP(to: command, status: .pending, counts: counts), context: context.id)
            }
        }
        try? await subAssociation.release()
        try await final(retrieveStatus(counts, cancelled: cancelled), counts, failed: failed)
    }

    /// The final C-MOVE/C-GET response; with failed or unsent sub-operations it carries an identifier holding their
    /// Failed SOP Instance UID List (0008,0058), PS3.4 §C.4.2.1.4.2 and §C.4.3.1.4.2.
    private static func sendFinalRetrieveRSP(
        to command: CommandSet, status: DIMSEStatus, counts: SubOperationCounts, failed: [String],
        context: PresentationContext, association: Association
    ) async throws {
        guard !failed.isEmpty else {
            try await association.send(.retrieveRSP(to: command, status: status, counts: counts), context: context.id)
            return
        }
        var identifier = DataSet()
        try identifier.set(Tag(0x0008, 0x0058), vr: .UI, strings: failed)
        let encoded = try EncodedDataSet(identifier, for: context)
        try await association.send(
            .retrieveRSP(to: command, status: status, counts: counts, failedInstances: true),
            dataSet: .buffer(encoded.bytes), context: context.id)
    }

    private static func retrieveStatus(_ counts: SubOperationCounts, cancelled: Bool) -> DIMSEStatus {
        if cancelled { return .cancel }
        if counts.failed == 0 && counts.warning == 0 { return .success }
        if counts.completed == 0 && counts.warning == 0 { return .outOfResourcesSubOperations }
        return .subOperationsCompleteWithFailures
    }

    // MARK: C-GET

    private static func handleGet(
        _ command: CommandSet, context: PresentationContext, association: Association, info: AssociationInfo,
        handler: (any GetHandler)?
    ) async throws {
        let request = try await queryRequest(command, context: context, association: association, info: info)
        func final(_ status: DIMSEStatus, _ counts: SubOperationCounts = .init(), failed: [String] = []) async throws {
            try await sendFinalRetrieveRSP(
                to: command, status: status, counts: counts, failed: failed, context: context, association: association)
        }
        guard let handler else { return try await final(.sopClassNotSupported) }
        let items: [StoreItem]
        do {
            items = try await handler.instances(for: request)
        } catch {
            return try await final(.cannotUnderstand)
        }
        var counts = SubOperationCounts(remaining: UInt16(clamping: items.count))
        var cancelled = false
        var failed: [String] = []
        for (index, item) in items.enumerated() {
            counts.remaining -= 1
            guard item.isReadable,
                let pc = association.presentationContext(
                    for: item.sopClassUID, transferSyntaxes: [item.transferSyntaxUID])
            else {
                counts.failed += 1
                failed.append(item.sopInstanceUID)
                continue
            }
            let id = association.nextMessageID()
            try await association.send(
                .cStoreRQ(messageID: id, sopClassUID: item.sopClassUID, sopInstanceUID: item.sopInstanceUID),
                dataSet: item.source, context: pc.id)
            // The C-STORE-RSP, with a C-CANCEL possibly arriving first.
            waiting: while true {
                guard case .command(let rsp, _) = try await association.receiveSettingRequestsAside() else {
                    throw DICOMNetworkError(.connectionClosed, "peer went away during C-GET sub-operations")
                }
                if rsp.commandField == .cCancelRQ {
                    cancelled = true
                    continue
                }
                guard rsp.commandField == .cStoreRSP, rsp.messageIDBeingRespondedTo == id else {
                    throw DICOMNetworkError(.unexpectedMessage, "expected C-STORE-RSP during C-GET")
                }
                try await association.drainDataSet()
                switch (rsp.status ?? .processingFailure).category {
                case .success: counts.completed += 1
                case .warning: counts.warning += 1
                default:
                    counts.failed += 1
                    failed.append(item.sopInstanceUID)
                }
                break waiting
            }
            if !cancelled, try await association.cancelRequested(for: request.messageID) { cancelled = true }
            if cancelled {
                failed += items[(index + 1)...].map(\.sopInstanceUID)
                break
            }
            if counts.remaining > 0 {
                try await association.send(
                    .retrieveRSP(to: command, status: .pending, counts: counts), context: context.id)
            }
        }
        try await final(retrieveStatus(counts, cancelled: cancelled), counts, failed: failed)
    }

    // MARK: DIMSE-N

    private static func handleN(
        _ command: CommandSet, field: CommandField, context: PresentationContext, association: Association,
        info: AssociationInfo, handlers: ServiceHandlers
    ) async throws {
        let data = command.hasDataSet ? try await association.receiveDataSet() : nil
        let sopClass = command.sopClassUID ?? context.abstractSyntax
        guard let handler = handlers.nServices.first(where: { $0.sopClassUIDs.contains(sopClass) }) else {
            try await association.send(
                .nResponse(to: command, status: .noSuchSOPClass, sopInstanceUID: nil, hasDataSet: false),
                context: context.id)
            return
        }
        let request = NServiceRequest(
            association: info, command: command, commandField: field, sopClassUID: sopClass,
            sopInstanceUID: command.affectedSOPInstanceUID ?? command.requestedSOPInstanceUID,
            dataSet: data.map { EncodedDataSet(bytes: $0, transferSyntaxUID: context.transferSyntax) },
            transferSyntaxUID: context.transferSyntax)
        let reply: NServiceReply
        do {
            reply = try await handler.handle(request)
        } catch {
            reply = NServiceReply(response: NServiceResponse(status: .processingFailure))
        }
        let response = reply.response
        var rsp = CommandSet.nResponse(
            to: command, status: response.status, sopInstanceUID: response.sopInstanceUID,
            hasDataSet: response.dataSet != nil)
        if let comment = response.errorComment { rsp[.errorComment] = .text(String(comment.prefix(64))) }
        if let errorID = response.errorID { rsp[.errorID] = .uint16(errorID) }
        try await association.send(rsp, dataSet: response.dataSet.map { .buffer($0.bytes) }, context: context.id)
        for report in reply.eventReports {
            let result = try await association.nEventReport(
                sopClassUID: report.sopClassUID, sopInstanceUID: report.sopInstanceUID, eventTypeID: report.eventTypeID,
                information: report.information)
            _ = result
        }
    }
}
