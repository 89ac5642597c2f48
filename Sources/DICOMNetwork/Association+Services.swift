import NIOCore

/// The service-user (SCU) operations, PS3.7 §9 and §10, on an established association.
extension Association {
    /// C-ECHO, PS3.7 §9.1.5.
    public func echo() async throws -> DIMSEStatus {
        let pc = try requireContext(CommandSet.verificationSOPClassUID)
        let id = nextMessageID()
        try await send(.cEchoRQ(messageID: id), context: pc.id)
        let (rsp, _) = try await receiveResponse(to: id)
        try await drainDataSet()
        return rsp.status ?? .processingFailure
    }

    /// C-STORE of a Part 10 file, streamed from disk in its own transfer syntax, PS3.7 §9.1.1.
    public func store(
        file path: String, priority: DIMSEPriority = .medium,
        moveOriginator: (aeTitle: String, messageID: UInt16)? = nil
    ) async throws -> DIMSEResult {
        let header = try Part10Header.read(path: path)
        return try await store(
            dataSet: .file(path: path, offset: header.dataSetOffset), sopClassUID: header.mediaStorageSOPClassUID,
            sopInstanceUID: header.mediaStorageSOPInstanceUID, transferSyntaxUID: header.transferSyntaxUID,
            priority: priority, moveOriginator: moveOriginator)
    }

    /// C-STORE of a data set already encoded in `transferSyntaxUID`, PS3.7 §9.1.1.
    public func store(
        dataSet: DataSetSource, sopClassUID: String, sopInstanceUID: String, transferSyntaxUID: String,
        priority: DIMSEPriority = .medium, moveOriginator: (aeTitle: String, messageID: UInt16)? = nil
    ) async throws -> DIMSEResult {
        guard let pc = presentationContext(for: sopClassUID, transferSyntaxes: [transferSyntaxUID]) else {
            throw DICOMNetworkError(
                .noPresentationContext, "no accepted context for \(sopClassUID) in \(transferSyntaxUID)")
        }
        let id = nextMessageID()
        let rq = CommandSet.cStoreRQ(
            messageID: id, sopClassUID: sopClassUID, sopInstanceUID: sopInstanceUID, priority: priority,
            moveOriginatorAETitle: moveOriginator?.aeTitle, moveOriginatorMessageID: moveOriginator?.messageID)
        try await send(rq, dataSet: dataSet, context: pc.id)
        let (rsp, _) = try await receiveResponse(to: id)
        try await drainDataSet()
        return DIMSEResult(status: rsp.status ?? .processingFailure, command: rsp)
    }

    /// C-FIND, PS3.7 §9.1.2: the matches as an async sequence. The identifier must be encoded in
    /// the transfer syntax of the accepted context (see ``presentationContext(for:transferSyntaxes:)``).
    /// A failure status ends the sequence with `.failureStatus`; ``FindResponses/cancel()`` sends C-CANCEL.
    public func find(sopClassUID: String, identifier: EncodedDataSet, priority: DIMSEPriority = .medium)
        -> FindResponses
    {
        FindResponses(association: self, sopClassUID: sopClassUID, identifier: identifier, priority: priority)
    }

    /// C-MOVE, PS3.7 §9.1.4: the SCP stores the matches to `destination`; returns the final response.
    public func move(
        sopClassUID: String, identifier: EncodedDataSet, destination: String, priority: DIMSEPriority = .medium,
        progress: (SubOperationCounts) async -> Void = { _ in }
    ) async throws -> DIMSEResult {
        let pc = try requireContext(sopClassUID, transferSyntax: identifier.transferSyntaxUID)
        let id = nextMessageID()
        try await send(
            .cMoveRQ(messageID: id, sopClassUID: sopClassUID, destination: destination, priority: priority),
            dataSet: .buffer(identifier.bytes), context: pc.id)
        while true {
            let (rsp, _) = try await receiveResponse(to: id)
            try await drainDataSet()
            let status = rsp.status ?? .processingFailure
            if status.isPending {
                await progress(rsp.subOperationCounts)
                continue
            }
            return DIMSEResult(status: status, command: rsp)
        }
    }

    /// C-GET, PS3.7 §9.1.3: the SCP sends the matches back as C-STORE sub-operations on this
    /// association, each handed to `storeHandler`. Propose the storage classes with an SCP role
    /// selection (``AssociationParameters/roleSelections``).
    public func get(
        sopClassUID: String, identifier: EncodedDataSet, storeHandler: any StoreHandler,
        priority: DIMSEPriority = .medium
    ) async throws -> DIMSEResult {
        let pc = try requireContext(sopClassUID, transferSyntax: identifier.transferSyntaxUID)
        let id = nextMessageID()
        try await send(
            .cGetRQ(messageID: id, sopClassUID: sopClassUID, priority: priority),
            dataSet: .buffer(identifier.bytes), context: pc.id)
        let info = AssociationInfo(association: self)
        while true {
            switch try await receive() {
            case .command(let command, let context):
                if command.commandField == .cStoreRQ {
                    try await ServiceDispatcher.handleStore(
                        command, context: context, association: self, info: info, handler: storeHandler)
                    continue
                }
                guard command.commandField == .cGetRSP, command.messageIDBeingRespondedTo == id else {
                    throw DICOMNetworkError(
                        .unexpectedMessage, "unexpected \(command.commandField.map { "\($0)" } ?? "?") during C-GET")
                }
                try await drainDataSet()
                let status = command.status ?? .processingFailure
                if status.isPending { continue }
                return DIMSEResult(status: status, command: command)
            case .releaseRequested:
                throw DICOMNetworkError(.unexpectedMessage, "peer asked to release during C-GET")
            case .closed:
                throw DICOMNetworkError(.connectionClosed, "connection closed during C-GET")
            }
        }
    }

    /// C-CANCEL for an outstanding C-FIND, C-MOVE or C-GET, PS3.7 §9.3.2.3.
    public func cancel(messageID: UInt16, context: UInt8) async throws {
        try await send(.cCancelRQ(messageIDBeingRespondedTo: messageID), context: context)
    }

    // MARK: DIMSE-N (PS3.7 §10.1)

    /// N-CREATE; the response carries the instance UID the SCP used.
    public func nCreate(sopClassUID: String, sopInstanceUID: String?, attributes: EncodedDataSet?) async throws
        -> NServiceResponse
    {
        try await nRequest(
            .nCreateRQ(
                messageID: 0, sopClassUID: sopClassUID, sopInstanceUID: sopInstanceUID, hasDataSet: attributes != nil),
            sopClassUID: sopClassUID, dataSet: attributes)
    }

    /// N-SET with a modification list.
    public func nSet(sopClassUID: String, sopInstanceUID: String, modifications: EncodedDataSet) async throws
        -> NServiceResponse
    {
        try await nRequest(
            .nSetRQ(messageID: 0, sopClassUID: sopClassUID, sopInstanceUID: sopInstanceUID),
            sopClassUID: sopClassUID, dataSet: modifications)
    }

    /// N-GET of the listed attributes (all when empty).
    public func nGet(sopClassUID: String, sopInstanceUID: String, attributes: [UInt32] = []) async throws
        -> NServiceResponse
    {
        try await nRequest(
            .nGetRQ(messageID: 0, sopClassUID: sopClassUID, sopInstanceUID: sopInstanceUID, attributes: attributes),
            sopClassUID: sopClassUID, dataSet: nil)
    }

    /// N-ACTION.
    public func nAction(
        sopClassUID: String, sopInstanceUID: String, actionTypeID: UInt16, information: EncodedDataSet?
    ) async throws -> NServiceResponse {
        try await nRequest(
            .nActionRQ(
                messageID: 0, sopClassUID: sopClassUID, sopInstanceUID: sopInstanceUID, actionTypeID: actionTypeID,
                hasDataSet: information != nil),
            sopClassUID: sopClassUID, dataSet: information)
    }

    /// N-EVENT-REPORT.
    public func nEventReport(
        sopClassUID: String, sopInstanceUID: String, eventTypeID: UInt16, information: EncodedDataSet?
    ) async throws -> NServiceResponse {
        try await nRequest(
            .nEventReportRQ(
                messageID: 0, sopClassUID: sopClassUID, sopInstanceUID: sopInstanceUID, eventTypeID: eventTypeID,
                hasDataSet: information != nil),
            sopClassUID: sopClassUID, dataSet: information)
    }

    /// N-DELETE.
    public func nDelete(sopClassUID: String, sopInstanceUID: String) async throws -> NServiceResponse {
        try await nRequest(
            .nDeleteRQ(messageID: 0, sopClassUID: sopClassUID, sopInstanceUID: sopInstanceUID),
            sopClassUID: sopClassUID, dataSet: nil)
    }

    /// Waits for an N-EVENT-REPORT-RQ the peer sends on this association (e.g. the storage
    /// commitment result, PS3.4 J.3.3), answers it with `status` and returns the report.
    public func receiveEventReport(status: DIMSEStatus = .success) async throws -> NEventReport {
        switch try await receive() {
        case .command(let command, let context) where command.commandField == .nEventReportRQ:
            let data = command.hasDataSet ? try await receiveDataSet() : nil
            try await send(
                .nResponse(to: command, status: status, sopInstanceUID: nil, hasDataSet: false), context: context.id)
            return NEventReport(
                sopClassUID: command.affectedSOPClassUID ?? context.abstractSyntax,
                sopInstanceUID: command.affectedSOPInstanceUID ?? "", eventTypeID: command.uint16(.eventTypeID) ?? 0,
                information: data.map { EncodedDataSet(bytes: $0, transferSyntaxUID: context.transferSyntax) })
        case .command(let command, _):
            throw DICOMNetworkError(
                .unexpectedMessage, "expected N-EVENT-REPORT-RQ, got \(command.commandField.map { "\($0)" } ?? "?")")
        case .releaseRequested, .closed:
            throw DICOMNetworkError(.connectionClosed, "association ended before the event report")
        }
    }

    private func nRequest(_ command: CommandSet, sopClassUID: String, dataSet: EncodedDataSet?) async throws
        -> NServiceResponse
    {
        let pc = try requireContext(sopClassUID, transferSyntax: dataSet?.transferSyntaxUID)
        var command = command
        let id = nextMessageID()
        command[.messageID] = .uint16(id)
        try await send(command, dataSet: dataSet.map { .buffer($0.bytes) }, context: pc.id)
        let (rsp, context) = try await receiveResponse(to: id)
        let data = rsp.hasDataSet ? try await receiveDataSet() : nil
        return NServiceResponse(
            status: rsp.status ?? .processingFailure, sopInstanceUID: rsp.affectedSOPInstanceUID,
            dataSet: data.map { EncodedDataSet(bytes: $0, transferSyntaxUID: context.transferSyntax) }, command: rsp)
    }

    func requireContext(_ abstractSyntax: String, transferSyntax: String? = nil) throws -> PresentationContext {
        let pc =
            transferSyntax.map { presentationContext(for: abstractSyntax, transferSyntaxes: [$0]) }
            ?? presentationContext(for: abstractSyntax)
        guard let pc else {
            throw DICOMNetworkError(
                .noPresentationContext,
                "no accepted presentation context for \(abstractSyntax)" + (transferSyntax.map { " in \($0)" } ?? ""))
        }
        return pc
    }
}
