/// Builders for every DIMSE request and response, PS3.7 §9.3 (DIMSE-C) and §10.3 (DIMSE-N).
/// Each fills exactly the command elements the standard lists as mandatory (M) or as
/// conditional/user-optional where the caller supplies them.
extension CommandSet {
    /// Verification SOP class, PS3.4 Annex A.
    public static let verificationSOPClassUID = "1.2.840.10008.1.1"

    private static func request(
        _ field: CommandField, messageID: UInt16, hasDataSet: Bool, _ extra: [Element: Value]
    ) -> CommandSet {
        var set = CommandSet()
        set[.commandField] = .uint16(field.rawValue)
        set[.messageID] = .uint16(messageID)
        set.hasDataSet = hasDataSet
        for (k, v) in extra { set[k] = v }
        return set
    }

    /// The skeleton of a response to `request`: command field, Message ID Being Responded To,
    /// status and the affected SOP class (taken from the request's affected or requested UID).
    public static func response(
        to request: CommandSet, status: DIMSEStatus, hasDataSet: Bool = false
    ) -> CommandSet {
        var set = CommandSet()
        // Room for these five and the few a caller adds (instance UID, sub-operation counts).
        set.elements.reserveCapacity(8)
        if let field = request.commandField?.response { set[.commandField] = .uint16(field.rawValue) }
        set[.messageIDBeingRespondedTo] = .uint16(request.messageID ?? 0)
        set[.status] = .uint16(status.rawValue)
        set.hasDataSet = hasDataSet
        if let uid = request.sopClassUID { set[.affectedSOPClassUID] = .uid(uid) }
        return set
    }

    // MARK: DIMSE-C

    /// C-ECHO-RQ, PS3.7 §9.3.5.1.
    public static func cEchoRQ(messageID: UInt16, sopClassUID: String = verificationSOPClassUID) -> CommandSet {
        request(.cEchoRQ, messageID: messageID, hasDataSet: false, [.affectedSOPClassUID: .uid(sopClassUID)])
    }

    /// C-ECHO-RSP, PS3.7 §9.3.5.2.
    public static func cEchoRSP(to request: CommandSet, status: DIMSEStatus = .success) -> CommandSet {
        response(to: request, status: status)
    }

    /// C-STORE-RQ, PS3.7 §9.3.1.1.
    public static func cStoreRQ(
        messageID: UInt16, sopClassUID: String, sopInstanceUID: String, priority: DIMSEPriority = .medium,
        moveOriginatorAETitle: String? = nil, moveOriginatorMessageID: UInt16? = nil
    ) -> CommandSet {
        var extra: [Element: Value] = [
            .affectedSOPClassUID: .uid(sopClassUID), .affectedSOPInstanceUID: .uid(sopInstanceUID),
            .priority: .uint16(priority.rawValue),
        ]
        if let moveOriginatorAETitle { extra[.moveOriginatorApplicationEntityTitle] = .text(moveOriginatorAETitle) }
        if let moveOriginatorMessageID { extra[.moveOriginatorMessageID] = .uint16(moveOriginatorMessageID) }
        return request(.cStoreRQ, messageID: messageID, hasDataSet: true, extra)
    }

    /// C-STORE-RSP, PS3.7 §9.3.1.2.
    public static func cStoreRSP(to request: CommandSet, status: DIMSEStatus, errorComment: String? = nil) -> CommandSet
    {
        var set = response(to: request, status: status)
        if let uid = request.affectedSOPInstanceUID { set[.affectedSOPInstanceUID] = .uid(uid) }
        if let errorComment, status.category != .success { set[.errorComment] = .text(String(errorComment.prefix(64))) }
        return set
    }

    /// C-FIND-RQ, PS3.7 §9.3.2.1 (the identifier follows as data set).
    public static func cFindRQ(messageID: UInt16, sopClassUID: String, priority: DIMSEPriority = .medium) -> CommandSet
    {
        request(
            .cFindRQ, messageID: messageID, hasDataSet: true,
            [.affectedSOPClassUID: .uid(sopClassUID), .priority: .uint16(priority.rawValue)])
    }

    /// C-FIND-RSP, PS3.7 §9.3.2.2: pending responses carry an identifier, the final one none.
    public static func cFindRSP(to request: CommandSet, status: DIMSEStatus) -> CommandSet {
        response(to: request, status: status, hasDataSet: status.isPending)
    }

    /// C-MOVE-RQ, PS3.7 §9.3.4.1.
    public static func cMoveRQ(
        messageID: UInt16, sopClassUID: String, destination: String, priority: DIMSEPriority = .medium
    ) -> CommandSet {
        request(
            .cMoveRQ, messageID: messageID, hasDataSet: true,
            [
                .affectedSOPClassUID: .uid(sopClassUID), .priority: .uint16(priority.rawValue),
                .moveDestination: .text(destination),
            ])
    }

    /// C-GET-RQ, PS3.7 §9.3.3.1.
    public static func cGetRQ(messageID: UInt16, sopClassUID: String, priority: DIMSEPriority = .medium) -> CommandSet {
        request(
            .cGetRQ, messageID: messageID, hasDataSet: true,
            [.affectedSOPClassUID: .uid(sopClassUID), .priority: .uint16(priority.rawValue)])
    }

    /// C-MOVE-RSP / C-GET-RSP, PS3.7 §9.3.4.2 and §9.3.3.2, with sub-operation counts. Number of
    /// Remaining Sub-operations is sent with pending responses only (PS3.7 C.4.2.1.6 leaves it
    /// optional in the final one; dcmtk omits it there too).
    public static func retrieveRSP(
        to request: CommandSet, status: DIMSEStatus, counts: SubOperationCounts, failedInstances: Bool = false
    ) -> CommandSet {
        var set = response(to: request, status: status, hasDataSet: failedInstances)
        if status.isPending { set[.numberOfRemainingSuboperations] = .uint16(counts.remaining) }
        set[.numberOfCompletedSuboperations] = .uint16(counts.completed)
        set[.numberOfFailedSuboperations] = .uint16(counts.failed)
        set[.numberOfWarningSuboperations] = .uint16(counts.warning)
        return set
    }

    /// C-CANCEL-RQ, PS3.7 §9.3.2.3 (the same for C-MOVE and C-GET).
    public static func cCancelRQ(messageIDBeingRespondedTo: UInt16) -> CommandSet {
        var set = CommandSet()
        set[.commandField] = .uint16(CommandField.cCancelRQ.rawValue)
        set[.messageIDBeingRespondedTo] = .uint16(messageIDBeingRespondedTo)
        set.hasDataSet = false
        return set
    }

    /// The sub-operation counts of a C-MOVE-RSP or C-GET-RSP.
    public var subOperationCounts: SubOperationCounts {
        SubOperationCounts(
            remaining: uint16(.numberOfRemainingSuboperations) ?? 0,
            completed: uint16(.numberOfCompletedSuboperations) ?? 0,
            failed: uint16(.numberOfFailedSuboperations) ?? 0,
            warning: uint16(.numberOfWarningSuboperations) ?? 0)
    }

    // MARK: DIMSE-N

    /// N-EVENT-REPORT-RQ, PS3.7 §10.3.1.1.
    public static func nEventReportRQ(
        messageID: UInt16, sopClassUID: String, sopInstanceUID: String, eventTypeID: UInt16, hasDataSet: Bool
    ) -> CommandSet {
        request(
            .nEventReportRQ, messageID: messageID, hasDataSet: hasDataSet,
            [
                .affectedSOPClassUID: .uid(sopClassUID), .affectedSOPInstanceUID: .uid(sopInstanceUID),
                .eventTypeID: .uint16(eventTypeID),
            ])
    }

    /// N-GET-RQ, PS3.7 §10.3.2.1; an empty attribute list asks for all attributes.
    public static func nGetRQ(
        messageID: UInt16, sopClassUID: String, sopInstanceUID: String, attributes: [UInt32] = []
    ) -> CommandSet {
        var extra: [Element: Value] = [
            .requestedSOPClassUID: .uid(sopClassUID), .requestedSOPInstanceUID: .uid(sopInstanceUID),
        ]
        if !attributes.isEmpty { extra[.attributeIdentifierList] = .tags(attributes) }
        return request(.nGetRQ, messageID: messageID, hasDataSet: false, extra)
    }

    /// N-SET-RQ, PS3.7 §10.3.3.1 (the modification list follows as data set).
    public static func nSetRQ(messageID: UInt16, sopClassUID: String, sopInstanceUID: String) -> CommandSet {
        request(
            .nSetRQ, messageID: messageID, hasDataSet: true,
            [.requestedSOPClassUID: .uid(sopClassUID), .requestedSOPInstanceUID: .uid(sopInstanceUID)])
    }

    /// N-ACTION-RQ, PS3.7 §10.3.4.1.
    public static func nActionRQ(
        messageID: UInt16, sopClassUID: String, sopInstanceUID: String, actionTypeID: UInt16, hasDataSet: Bool
    ) -> CommandSet {
        request(
            .nActionRQ, messageID: messageID, hasDataSet: hasDataSet,
            [
                .requestedSOPClassUID: .uid(sopClassUID), .requestedSOPInstanceUID: .uid(sopInstanceUID),
                .actionTypeID: .uint16(actionTypeID),
            ])
    }

    /// N-CREATE-RQ, PS3.7 §10.3.5.1; without an instance UID the SCP assigns one.
    public static func nCreateRQ(
        messageID: UInt16, sopClassUID: String, sopInstanceUID: String?, hasDataSet: Bool
    ) -> CommandSet {
        var extra: [Element: Value] = [.affectedSOPClassUID: .uid(sopClassUID)]
        if let sopInstanceUID { extra[.affectedSOPInstanceUID] = .uid(sopInstanceUID) }
        return request(.nCreateRQ, messageID: messageID, hasDataSet: hasDataSet, extra)
    }

    /// N-DELETE-RQ, PS3.7 §10.3.6.1.
    public static func nDeleteRQ(messageID: UInt16, sopClassUID: String, sopInstanceUID: String) -> CommandSet {
        request(
            .nDeleteRQ, messageID: messageID, hasDataSet: false,
            [.requestedSOPClassUID: .uid(sopClassUID), .requestedSOPInstanceUID: .uid(sopInstanceUID)])
    }

    /// Any N-*-RSP, PS3.7 §10.3: affected SOP class and instance, plus the event/action type echo.
    public static func nResponse(
        to request: CommandSet, status: DIMSEStatus, sopInstanceUID: String?, hasDataSet: Bool
    ) -> CommandSet {
        var set = response(to: request, status: status, hasDataSet: hasDataSet)
        if let uid = sopInstanceUID ?? request.affectedSOPInstanceUID ?? request.requestedSOPInstanceUID {
            set[.affectedSOPInstanceUID] = .uid(uid)
        }
        if let event = request.uint16(.eventTypeID) { set[.eventTypeID] = .uint16(event) }
        if let action = request.uint16(.actionTypeID) { set[.actionTypeID] = .uint16(action) }
        return set
    }
}
