import Foundation
import NIOCore

/// An established association: DIMSE messages over the negotiated presentation contexts, with
/// data sets fragmented to the peer's maximum PDU length (PS3.8 §9.3.5, PS3.7 §6.3) and received
/// fragment by fragment so large data sets can be streamed. One task drives an association at a
/// time; with an asynchronous operations window above 1 (PS3.7 D.3.3.3) the peer's pipelined
/// requests are set aside while an operation runs and performed in their order of arrival.
public final class Association {
    /// The request as negotiated.
    public let request: AAssociateRQ
    /// The acceptance as negotiated.
    public let acceptance: AAssociateAC
    /// Which side we are.
    public let role: AssociationStateMachine.Role
    /// Accepted presentation contexts by ID.
    public let contexts: [UInt8: PresentationContext]
    /// The transport.
    public let channel: PDUChannel
    /// Largest P-DATA-TF body the peer accepts (its maximum length sub-item; 0 = unlimited).
    public let peerMaximumLength: UInt32

    private var pending: [PresentationDataValue] = []
    private var pendingIndex = 0
    private var lastMessageID: UInt16 = 0
    private var dataSetOpen = false
    private var dataSetContext: UInt8 = 0
    /// A release PDU taken by ``hasIncoming()`` before anyone asked for it.
    private var stashed: Unit?

    /// Operations the peer may have outstanding at once: the Maximum Number Operations Performed
    /// we granted (PS3.7 D.3.3.3.1); 1 when no asynchronous operations window was negotiated.
    var operationsWindow = 1
    /// Requests the peer pipelined while an operation ran, in order of arrival.
    private var setAside: [SetAsideRequest] = []
    /// The data set of a set-aside request, read ahead whole, served by ``nextDataSetFragment()``.
    private var readAheadDataSet: ByteBuffer?
    /// Bound on the data sets of set-aside requests read ahead into memory.
    var setAsideLimit = 16 * 1024 * 1024

    private struct SetAsideRequest {
        var command: CommandSet
        var context: PresentationContext
        var dataSet: SetAsideDataSet
    }

    private enum SetAsideDataSet {
        case none
        /// Still in the stream, next to be read (only ever the last request set aside).
        case inStream
        case readAhead(ByteBuffer)
    }

    /// Limit for command sets and for data sets received whole into memory (identifiers,
    /// N-service attribute lists); stored instances are streamed instead.
    public var inMemoryLimit = 64 * 1024 * 1024

    /// Bounds the wait for the rest of a message once it began (nil: only the idle timeout).
    private let watchdog: DIMSEWatchdog?

    init(
        channel: PDUChannel, role: AssociationStateMachine.Role, request: AAssociateRQ, acceptance: AAssociateAC,
        dimseTimeout: TimeAmount? = nil
    ) {
        self.channel = channel
        self.watchdog = dimseTimeout.map { DIMSEWatchdog(timeout: $0, channel: channel.channel) }
        self.role = role
        self.request = request
        self.acceptance = acceptance
        var contexts: [UInt8: PresentationContext] = [:]
        for ac in acceptance.presentationContexts where ac.result == .acceptance {
            guard let rq = request.presentationContexts.first(where: { $0.id == ac.id }),
                let ts = ac.transferSyntax ?? rq.transferSyntaxes.first
            else { continue }
            contexts[ac.id] = PresentationContext(id: ac.id, abstractSyntax: rq.abstractSyntax, transferSyntax: ts)
        }
        self.contexts = contexts
        let peerInfo = role == .requestor ? acceptance.userInformation : request.userInformation
        self.peerMaximumLength = peerInfo.maximumLength ?? 0
    }

    /// The peer's AE title.
    public var peerAETitle: String { role == .requestor ? request.calledAETitle : request.callingAETitle }

    /// A new message ID (never 0 repeated back to back; wraps at 65535).
    public func nextMessageID() -> UInt16 {
        lastMessageID = lastMessageID == UInt16.max ? 1 : lastMessageID + 1
        return lastMessageID
    }

    /// The accepted context for an abstract syntax, preferring the given transfer syntaxes in order.
    public func presentationContext(for abstractSyntax: String, transferSyntaxes: [String] = []) -> PresentationContext?
    {
        let matching = contexts.values.filter { $0.abstractSyntax == abstractSyntax }.sorted { $0.id < $1.id }
        for ts in transferSyntaxes {
            if let pc = matching.first(where: { $0.transferSyntax == ts }) { return pc }
        }
        return transferSyntaxes.isEmpty ? matching.first : nil
    }

    // MARK: Sending

    /// Sends one DIMSE message: the command set, then the data set if any, each fragmented to the
    /// peer's maximum length. A small message goes out as a single P-DATA-TF PDU.
    public func send(_ command: CommandSet, dataSet: DataSetSource? = nil, context: UInt8) async throws {
        var command = command
        // Written only when missing or different: writing copies the elements of a command that
        // is still shared with its caller, and the message builders set it already.
        let dataSetType = dataSet != nil ? CommandSet.dataSetPresent : CommandSet.noDataSet
        if command.uint16(.commandDataSetType) != dataSetType { command[.commandDataSetType] = .uint16(dataSetType) }
        let commandBytes = try command.encoded()
        let maxFragment = maximumFragmentLength
        if case .buffer(let data)? = dataSet, commandBytes.readableBytes + data.readableBytes + 12 <= maxFragment + 6 {
            try await channel.send(
                .dataTF(
                    PDataTF(values: [
                        PresentationDataValue(
                            presentationContextID: context, header: .init(isCommand: true, isLast: true),
                            data: commandBytes),
                        PresentationDataValue(
                            presentationContextID: context, header: .init(isCommand: false, isLast: true), data: data),
                    ])))
            return
        }
        try await sendFragments(commandBytes, isCommand: true, context: context, maxFragment: maxFragment)
        switch dataSet {
        case nil:
            break
        case .buffer(let data)?:
            try await sendFragments(data, isCommand: false, context: context, maxFragment: maxFragment)
        case .file(let path, let offset)?:
            try await sendFile(path: path, offset: offset, context: context, maxFragment: maxFragment)
        }
    }

    private var maximumFragmentLength: Int {
        // PDV item: 4-byte length, context ID, control header. Unlimited peers get 1 MiB PDUs.
        let pdu = peerMaximumLength == 0 ? 1 << 20 : min(Int(peerMaximumLength), 1 << 24)
        return max(pdu - 6, 1)
    }

    private func sendFragments(_ data: ByteBuffer, isCommand: Bool, context: UInt8, maxFragment: Int) async throws {
        var data = data
        repeat {
            let count = min(maxFragment, data.readableBytes)
            guard let slice = data.readSlice(length: count) else { break }
            try await channel.send(
                .dataTF(
                    PDataTF(values: [
                        PresentationDataValue(
                            presentationContextID: context,
                            header: .init(isCommand: isCommand, isLast: data.readableBytes == 0), data: slice)
                    ])))
        } while data.readableBytes > 0
    }

    private func sendFile(path: String, offset: UInt64, context: UInt8, maxFragment: Int) async throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DICOMNetworkError(.io, "cannot open \(path)")
        }
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        guard size >= offset else { throw DICOMNetworkError(.io, "\(path) shorter than its meta header") }
        try handle.seek(toOffset: offset)
        var remaining = size - offset
        if remaining == 0 {
            try await sendFragments(ByteBuffer(), isCommand: false, context: context, maxFragment: maxFragment)
            return
        }
        while remaining > 0 {
            let count = Int(min(UInt64(maxFragment), remaining))
            guard let chunk = try handle.read(upToCount: count), !chunk.isEmpty else {
                throw DICOMNetworkError(.io, "\(path) ended early while sending")
            }
            remaining -= UInt64(chunk.count)
            try await channel.send(
                .dataTF(
                    PDataTF(values: [
                        PresentationDataValue(
                            presentationContextID: context, header: .init(isCommand: false, isLast: remaining == 0),
                            data: ByteBuffer(bytes: chunk))
                    ])))
        }
    }

    // MARK: Receiving

    /// What arrives next on the association.
    public enum Incoming {
        /// A command; if `command.hasDataSet`, read the data set next (``nextDataSetFragment()``).
        case command(CommandSet, context: PresentationContext)
        /// The peer asked to release (A-RELEASE-RQ); answer with ``acceptRelease()``.
        case releaseRequested
        /// The transport closed.
        case closed
    }

    private enum Unit {
        case pdv(PresentationDataValue)
        case releaseRQ
        case releaseRP
        case closed
    }

    private func nextUnit(insideMessage: Bool = false) async throws -> Unit {
        if let unit = stashed {
            stashed = nil
            return unit
        }
        if pendingIndex < pending.count {
            let pdv = pending[pendingIndex]
            pendingIndex += 1
            return .pdv(pdv)
        }
        // Drop the consumed values before waiting, so an idle association does not keep its
        // last PDU's buffer alive.
        pending = []
        pendingIndex = 0
        guard let pdu = try await nextPDU(insideMessage: insideMessage) else { return .closed }
        switch pdu {
        case .dataTF(let tf):
            pending = tf.values
            pendingIndex = 1
            return .pdv(tf.values[0])
        case .releaseRQ:
            return .releaseRQ
        case .releaseRP:
            return .releaseRP
        case .abort(let abort):
            throw DICOMNetworkError(
                .associationAborted, "peer aborted (source \(abort.source.rawValue), reason \(abort.reason.rawValue))")
        case .associateRQ, .associateAC, .associateRJ:
            throw DICOMNetworkError(.unexpectedPDU, "\(pdu.type) on an established association")
        }
    }

    private func nextPDU(insideMessage: Bool) async throws -> PDU? {
        guard insideMessage, let watchdog else { return try await channel.next() }
        watchdog.arm()
        defer { watchdog.disarm() }
        let pdu: PDU?
        do {
            pdu = try await channel.next()
        } catch {
            if watchdog.fired { throw dimseTimeoutError(watchdog) }
            throw error
        }
        if watchdog.fired { throw dimseTimeoutError(watchdog) }
        return pdu
    }

    private func dimseTimeoutError(_ watchdog: DIMSEWatchdog) -> DICOMNetworkError {
        DICOMNetworkError(
            .timeout, "DIMSE timeout: the rest of a message did not arrive within \(watchdog.milliseconds) ms; aborted")
    }

    /// Reads the next command (after draining any data set the caller left unread).
    public func receive() async throws -> Incoming {
        try await receive(bypassingSetAside: false)
    }

    private func receive(bypassingSetAside: Bool) async throws -> Incoming {
        if !bypassingSetAside, !setAside.isEmpty {
            let request = setAside.removeFirst()
            switch request.dataSet {
            case .none:
                dataSetOpen = false
            case .inStream:
                // Its data set is the next thing in the stream (dataSetOpen still says so).
                break
            case .readAhead(let data):
                readAheadDataSet = data
                dataSetOpen = true
            }
            dataSetContext = request.context.id
            return .command(request.command, context: request.context)
        }
        if dataSetOpen { try await drainDataSet() }
        var bytes = ByteBuffer()
        var contextID: UInt8?
        while true {
            switch try await nextUnit(insideMessage: contextID != nil) {
            case .pdv(let pdv):
                guard pdv.header.isCommand else {
                    throw DICOMNetworkError(.unexpectedMessage, "data set fragment where a command was expected")
                }
                if let contextID, contextID != pdv.presentationContextID {
                    throw DICOMNetworkError(.unexpectedMessage, "command fragments on two presentation contexts")
                }
                contextID = pdv.presentationContextID
                guard bytes.readableBytes + pdv.data.readableBytes <= 1 << 20 else {
                    throw DICOMNetworkError(.malformedCommand, "command set larger than 1 MiB")
                }
                // A command in one fragment (nearly all) is decoded where it lies; only a split one is
                // gathered into a buffer of its own.
                let whole: ByteBuffer
                if bytes.readableBytes == 0, pdv.header.isLast {
                    whole = pdv.data
                } else {
                    var data = pdv.data
                    bytes.writeBuffer(&data)
                    whole = bytes
                }
                if pdv.header.isLast {
                    guard let pc = contexts[pdv.presentationContextID] else {
                        throw DICOMNetworkError(
                            .noPresentationContext,
                            "command on presentation context \(pdv.presentationContextID), not accepted")
                    }
                    let command = try CommandSet.decode(whole)
                    if command.commandField == .cCancelRQ, let id = command.messageIDBeingRespondedTo {
                        // Read from the stream: the observer's note of it has served its purpose.
                        channel.cancels.remove(id)
                    }
                    dataSetOpen = command.hasDataSet
                    dataSetContext = pc.id
                    return .command(command, context: pc)
                }
            case .releaseRQ:
                guard contextID == nil else {
                    throw DICOMNetworkError(.unexpectedMessage, "A-RELEASE-RQ in the middle of a command")
                }
                return .releaseRequested
            case .releaseRP:
                throw DICOMNetworkError(.unexpectedPDU, "A-RELEASE-RP without a release request")
            case .closed:
                return .closed
            }
        }
    }

    /// The next fragment of the current data set, nil after the last one.
    public func nextDataSetFragment() async throws -> ByteBuffer? {
        guard dataSetOpen else { return nil }
        if let data = readAheadDataSet {
            readAheadDataSet = nil
            dataSetOpen = false
            return data
        }
        switch try await nextUnit(insideMessage: true) {
        case .pdv(let pdv):
            guard !pdv.header.isCommand else {
                throw DICOMNetworkError(.unexpectedMessage, "command fragment inside a data set")
            }
            guard pdv.presentationContextID == dataSetContext else {
                throw DICOMNetworkError(.unexpectedMessage, "data set fragment on another presentation context")
            }
            if pdv.header.isLast { dataSetOpen = false }
            return pdv.data
        case .releaseRQ, .releaseRP:
            throw DICOMNetworkError(.unexpectedMessage, "release in the middle of a data set")
        case .closed:
            throw DICOMNetworkError(.connectionClosed, "connection closed in the middle of a data set")
        }
    }

    /// Whether the peer has sent C-CANCEL-RQ for `messageID` (checked without waiting, between
    /// the responses of a C-FIND/C-MOVE/C-GET, PS3.7 §9.3.2.3). Anything else arriving meanwhile
    /// is a protocol error since we negotiate an operations window of 1.
    public func cancelRequested(for messageID: UInt16) async throws -> Bool {
        if cancelArrived(for: messageID) { return true }
        // Behind a pipelined request a C-CANCEL can only be seen by reading through its data set;
        // the operation then runs to its end, which PS3.7 §9.3.2.3 allows.
        guard setAside.isEmpty else { return false }
        guard pendingIndex >= pending.count, let pdu = try await channel.poll() else {
            guard pendingIndex < pending.count else { return false }
            return try await readCancel(for: messageID)
        }
        switch pdu {
        case .dataTF(let tf):
            pending = tf.values
            pendingIndex = 0
            return try await readCancel(for: messageID)
        case .abort(let abort):
            throw DICOMNetworkError(.associationAborted, "peer aborted (reason \(abort.reason.rawValue))")
        default:
            throw DICOMNetworkError(.unexpectedPDU, "\(pdu.type) while responses were being sent")
        }
    }

    /// Whether a C-CANCEL-RQ for `messageID` has reached the pipeline (PS3.7 §9.3.2.3), seen as it
    /// arrived whatever is queued before it; checked without waiting and without a hop to the
    /// event loop, so from any thread between the responses of an operation.
    public func cancelArrived(for messageID: UInt16) -> Bool {
        channel.cancels.contains(messageID)
    }

    /// Whether the peer has already sent something (a request, a release) that is waiting to be
    /// read; checked without waiting.
    func hasIncoming() async throws -> Bool {
        if stashed != nil || pendingIndex < pending.count || !setAside.isEmpty { return true }
        guard let pdu = try await channel.poll() else { return false }
        switch pdu {
        case .dataTF(let tf):
            pending = tf.values
            pendingIndex = 0
        case .releaseRQ:
            stashed = .releaseRQ
        case .releaseRP:
            stashed = .releaseRP
        case .abort(let abort):
            throw DICOMNetworkError(
                .associationAborted, "peer aborted (source \(abort.source.rawValue), reason \(abort.reason.rawValue))")
        case .associateRQ, .associateAC, .associateRJ:
            throw DICOMNetworkError(.unexpectedPDU, "\(pdu.type) on an established association")
        }
        return true
    }

    private func readCancel(for messageID: UInt16) async throws -> Bool {
        guard case .command(let command, let context) = try await receive() else {
            throw DICOMNetworkError(.unexpectedMessage, "release requested during an operation")
        }
        if command.commandField == .cCancelRQ {
            // A cancel for another message ID names an operation already finished: ignored.
            return command.messageIDBeingRespondedTo == messageID
        }
        try setAsidePipelined(command, context: context)
        setAside.append(.init(command: command, context: context, dataSet: command.hasDataSet ? .inStream : .none))
        return false
    }

    /// Checks that a request arriving during an operation is allowed there: only within an
    /// asynchronous operations window above 1, and within the window.
    private func setAsidePipelined(_ command: CommandSet, context: PresentationContext) throws {
        guard let field = command.commandField, !field.isResponse, operationsWindow > 1 else {
            throw DICOMNetworkError(
                .unexpectedMessage, "\(command.commandField.map { "\($0)" } ?? "?") during an operation")
        }
        // The running operation counts as one.
        guard operationsWindow == 0 || setAside.count + 1 < operationsWindow else {
            throw DICOMNetworkError(
                .unexpectedMessage,
                "more than \(operationsWindow) operations outstanding (asynchronous operations window)")
        }
    }

    /// The next message during an operation we invoke sub-operations for (C-GET): requests the
    /// peer pipelines meanwhile are set aside, their data sets read ahead into memory (bounded by
    /// ``setAsideLimit``), so the responses behind them can be read.
    func receiveSettingRequestsAside() async throws -> Incoming {
        if let last = setAside.indices.last, case .inStream = setAside[last].dataSet {
            setAside[last].dataSet = .readAhead(try await readAhead())
        }
        while true {
            let incoming = try await receive(bypassingSetAside: true)
            guard case .command(let command, let context) = incoming, let field = command.commandField,
                !field.isResponse, field != .cCancelRQ
            else { return incoming }
            try setAsidePipelined(command, context: context)
            setAside.append(
                .init(
                    command: command, context: context,
                    dataSet: command.hasDataSet ? .readAhead(try await readAhead()) : .none))
        }
    }

    private func readAhead() async throws -> ByteBuffer {
        var used = 0
        for request in setAside {
            if case .readAhead(let data) = request.dataSet { used += data.readableBytes }
        }
        var all = ByteBuffer()
        while var fragment = try await nextDataSetFragment() {
            guard used + all.readableBytes + fragment.readableBytes <= setAsideLimit else {
                throw DICOMNetworkError(
                    .unexpectedMessage, "pipelined data sets beyond \(setAsideLimit) bytes during an operation")
            }
            all.writeBuffer(&fragment)
        }
        return all
    }

    /// The rest of the current data set, gathered in memory (bounded by ``inMemoryLimit``).
    public func receiveDataSet() async throws -> ByteBuffer {
        var all = ByteBuffer()
        while var fragment = try await nextDataSetFragment() {
            guard all.readableBytes + fragment.readableBytes <= inMemoryLimit else {
                throw DICOMNetworkError(.invalidDataSet, "data set larger than \(inMemoryLimit) bytes")
            }
            all.writeBuffer(&fragment)
        }
        return all
    }

    /// Skips the rest of the current data set.
    public func drainDataSet() async throws {
        while try await nextDataSetFragment() != nil {}
    }

    /// The current data set as an async sequence of fragments (for streaming to storage).
    public func dataSetFragments() -> DataSetFragments { DataSetFragments(association: self) }

    /// The next command that answers `messageID`; other traffic is refused.
    func receiveResponse(to messageID: UInt16) async throws -> (CommandSet, PresentationContext) {
        switch try await receive() {
        case .command(let command, let context):
            guard let field = command.commandField, field.isResponse,
                command.messageIDBeingRespondedTo == messageID
            else {
                throw DICOMNetworkError(
                    .unexpectedMessage,
                    "expected the response to message \(messageID), got \(command.commandField.map { "\($0)" } ?? "?")")
            }
            return (command, context)
        case .releaseRequested:
            throw DICOMNetworkError(.unexpectedMessage, "peer asked to release while a response was awaited")
        case .closed:
            throw DICOMNetworkError(.connectionClosed, "connection closed while a response was awaited")
        }
    }

    // MARK: Release and abort

    /// A-RELEASE as requestor: sends A-RELEASE-RQ and waits for A-RELEASE-RP (PS3.8 §7.2),
    /// handling a release collision, then closes.
    public func release() async throws {
        defer { Task { [channel] in await channel.close() } }
        try await channel.send(.releaseRQ)
        while true {
            switch try await nextUnit() {
            case .releaseRP, .closed:
                return
            case .releaseRQ:
                // Release collision (AR-8): the requestor answers first (AR-9), then waits (AR-3).
                try await channel.send(.releaseRP)
            case .pdv:
                continue  // AR-6: data still in flight is delivered, and here dropped
            }
        }
    }

    /// Answers the peer's A-RELEASE-RQ with A-RELEASE-RP; the peer then closes (ARTIM guards it).
    public func acceptRelease() async throws {
        try await channel.send(.releaseRP)
    }

    /// A-ABORT (service-user) and close.
    public func abort() async {
        try? await channel.send(.abort(AAbort(source: .serviceUser)))
        await channel.close()
    }
}

/// The fragments of the data set currently being received, in order; finishing early leaves the
/// rest to be skipped by the next ``Association/receive()``.
public struct DataSetFragments: AsyncSequence {
    public typealias Element = ByteBuffer
    let association: Association

    public struct AsyncIterator: AsyncIteratorProtocol {
        let association: Association
        public mutating func next() async throws -> ByteBuffer? {
            try await association.nextDataSetFragment()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(association: association) }
}
