import NIOCore

/// Runs the PS3.8 §9.2 protocol machine in the channel pipeline, between the PDU codec and the
/// DIMSE layer. Every PDU in either direction is an event for ``AssociationStateMachine``; the
/// handler performs the resulting action: it forwards indications, refuses local requests the
/// table does not allow, answers protocol errors with A-ABORT, runs the ARTIM timer (PS3.8 §9.1.5)
/// and an idle timeout, and closes the transport where the table says so.
public final class UpperLayerHandler: ChannelDuplexHandler {
    public typealias InboundIn = PDU
    public typealias InboundOut = PDU
    public typealias OutboundIn = PDU
    public typealias OutboundOut = PDU

    /// Timer settings.
    public struct Timeouts: Sendable, Equatable {
        /// ARTIM: how long to wait for the A-ASSOCIATE-RQ after connect, and for the peer to close
        /// after we sent A-ASSOCIATE-RJ, A-RELEASE-RP or A-ABORT.
        public var artim: TimeAmount
        /// How long the association may stay silent (no PDU received) before we abort it.
        public var idle: TimeAmount

        public init(artim: TimeAmount = .seconds(30), idle: TimeAmount = .seconds(120)) {
            self.artim = artim
            self.idle = idle
        }
    }

    public private(set) var machine: AssociationStateMachine
    private let timeouts: Timeouts
    private var artimTask: Scheduled<Void>?
    private var idleTask: Scheduled<Void>?
    private var lastActivity = NIODeadline.now()
    /// Set once the transport is gone (Evt17), with the first error seen before that (a failed
    /// TLS handshake, a reset): a PDU written afterwards fails with that cause, not as a
    /// primitive the state table refuses.
    private var transportClosed = false
    private var firstError: (any Error)?

    public init(role: AssociationStateMachine.Role, timeouts: Timeouts = .init()) {
        self.machine = AssociationStateMachine(role: role)
        self.timeouts = timeouts
    }

    public func channelActive(context: ChannelHandlerContext) {
        switch machine.role {
        case .acceptor:
            // Evt5 → AE-5: accept the transport connection and start ARTIM.
            if machine.handle(.evt5) != nil { startARTIM(context: context) }
        case .requestor:
            // Evt1 → AE-1 then the connection is already up; Evt2 happens when the RQ is written.
            _ = machine.handle(.evt1)
            restartIdle(context: context)
        }
        context.fireChannelActive()
    }

    public func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let pdu = unwrapInboundIn(data)
        defer { restartIdle(context: context) }
        var acceptable = true
        var rejection: AAssociateRJ?
        if case .associateRQ(let rq) = pdu, rq.protocolVersion & 0x0001 == 0 {
            // AE-6's "acceptable" test that belongs to the upper layer itself.
            acceptable = false
            rejection = AAssociateRJ(
                result: .rejectedPermanent, source: .serviceProviderACSE, reason: .protocolVersionNotSupported)
        }
        guard let transition = machine.handle(.received(pdu), acceptable: acceptable) else { return }
        switch transition.action {
        case .ae6:
            stopARTIM()
            if let rejection {
                context.writeAndFlush(wrapOutboundOut(.associateRJ(rejection)), promise: nil)
                startARTIM(context: context)
                context.fireErrorCaught(
                    DICOMNetworkError(.associationRejected, "A-ASSOCIATE-RQ with unsupported protocol version"))
            } else {
                context.fireChannelRead(data)
            }
        case .ae3, .dt2, .ar2, .ar6, .ar8, .ar10:
            context.fireChannelRead(data)
        case .ae4, .ar3:
            context.fireChannelRead(data)
            cancelTimers()
            context.close(promise: nil)
        case .aa1, .aa8:
            sendAbort(context: context, AAbort(source: .serviceProvider, reason: .unexpectedPDU))
            context.fireErrorCaught(
                DICOMNetworkError(.unexpectedPDU, "\(pdu.type) PDU is not allowed in this association state"))
        case .aa7:
            context.writeAndFlush(
                wrapOutboundOut(.abort(AAbort(source: .serviceProvider, reason: .unexpectedPDU))), promise: nil)
        case .aa6:
            break
        case .aa2, .aa3:
            cancelTimers()
            context.fireChannelRead(data)
            context.close(promise: nil)
        default:
            break
        }
    }

    public func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if firstError == nil { firstError = error }
        guard let error = error as? DICOMNetworkError,
            [.unrecognizedPDU, .malformedPDU, .pduTooLong].contains(error.code)
        else {
            context.fireErrorCaught(error)
            return
        }
        // Evt19: unrecognized or invalid PDU.
        let reason: AAbort.Reason =
            switch error.code {
            case .unrecognizedPDU: .unrecognizedPDU
            default: .invalidPDUParameterValue
            }
        if let transition = machine.handle(.evt19) {
            switch transition.action {
            case .aa1, .aa7, .aa8:
                sendAbort(context: context, AAbort(source: .serviceProvider, reason: reason))
            default:
                break
            }
        } else {
            context.close(promise: nil)
        }
        context.fireErrorCaught(error)
    }

    public func channelInactive(context: ChannelHandlerContext) {
        _ = machine.handle(.evt17)
        transportClosed = true
        cancelTimers()
        context.fireChannelInactive()
    }

    public func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let pdu = unwrapOutboundIn(data)
        let before = machine.state
        guard let transition = machine.handle(.sending(pdu)) else {
            promise?.fail(refusal(of: pdu, in: before))
            return
        }
        switch transition.action {
        case .ae8, .ar4:
            context.write(data, promise: promise)
            startARTIM(context: context)
        case .aa1:
            context.write(data, promise: promise)
            startARTIM(context: context)
        case .aa2:
            promise?.succeed()
            cancelTimers()
            context.close(promise: nil)
        default:
            context.write(data, promise: promise)
        }
    }

    /// Why a PDU the table does not allow cannot be sent. After the transport closed (Sta1 again)
    /// the close is the reason: the async caller that asked to send (an A-ASSOCIATE-RQ right after
    /// connecting, a message on an association the peer just dropped) may run only after a reset
    /// or a TLS failure already closed the connection, and learns `.connectionClosed` with that
    /// cause, not "state Sta1".
    private func refusal(of pdu: PDU, in state: AssociationState) -> any Error {
        guard transportClosed else {
            return DICOMNetworkError(.invalidPrimitive, "cannot send \(pdu.type) PDU in state \(state)")
        }
        if let firstError = firstError as? DICOMNetworkError { return firstError }
        let cause = firstError.map { ": \($0)" } ?? ""
        return DICOMNetworkError(
            .connectionClosed, "the connection closed before the \(pdu.type) PDU could be sent\(cause)")
    }

    public func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimers()
    }

    private func sendAbort(context: ChannelHandlerContext, _ abort: AAbort) {
        context.writeAndFlush(wrapOutboundOut(.abort(abort)), promise: nil)
        startARTIM(context: context)
    }

    private func startARTIM(context: ChannelHandlerContext) {
        artimTask?.cancel()
        idleTask?.cancel()
        idleTask = nil
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        artimTask = context.eventLoop.scheduleTask(in: timeouts.artim) {
            let (handler, context) = loopBound.value
            handler.artimExpired(context: context)
        }
    }

    private func artimExpired(context: ChannelHandlerContext) {
        artimTask = nil
        // Evt18 → AA-2: close the transport.
        guard machine.handle(.evt18) != nil else { return }
        context.fireErrorCaught(DICOMNetworkError(.timeout, "ARTIM timer expired"))
        context.close(promise: nil)
    }

    private func stopARTIM() {
        artimTask?.cancel()
        artimTask = nil
    }

    private func restartIdle(context: ChannelHandlerContext) {
        guard artimTask == nil else { return }
        // Only the time of the last PDU is noted per PDU; the one scheduled timer moves itself
        // when it fires early (cancelling and scheduling a timer for every PDU cost an
        // allocation and two timer-heap updates on every DIMSE round trip).
        lastActivity = context.eventLoop.now
        guard idleTask == nil else { return }
        scheduleIdle(at: lastActivity + timeouts.idle, context: context)
    }

    private func scheduleIdle(at deadline: NIODeadline, context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        idleTask = context.eventLoop.scheduleTask(deadline: deadline) {
            let (handler, context) = loopBound.value
            handler.idleExpired(context: context)
        }
    }

    private func idleExpired(context: ChannelHandlerContext) {
        idleTask = nil
        let deadline = lastActivity + timeouts.idle
        if deadline > context.eventLoop.now {
            scheduleIdle(at: deadline, context: context)
            return
        }
        let error = DICOMNetworkError(.timeout, "no PDU received for \(timeouts.idle.nanoseconds / 1_000_000) ms")
        // A silent peer is aborted as a local A-ABORT request (Evt15) would be.
        if let transition = machine.handle(.evt15), transition.action == .aa1 {
            context.writeAndFlush(wrapOutboundOut(.abort(AAbort(source: .serviceUser))), promise: nil)
            startARTIM(context: context)
        } else {
            context.close(promise: nil)
        }
        context.fireErrorCaught(error)
    }

    private func cancelTimers() {
        artimTask?.cancel()
        artimTask = nil
        idleTask?.cancel()
        idleTask = nil
    }
}
