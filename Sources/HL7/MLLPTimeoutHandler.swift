import NIOCore

/// Closes a connection that stalls: `frameTimeout` limits how long a started frame may take to complete
/// (a peer that sends half a message and stops), `idleTimeout` how long the connection may stay silent.
/// Sits before the frame decoder and only watches bytes go by.
final class MLLPTimeoutHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let frameTimeout: TimeAmount?
    private let idleTimeout: TimeAmount?
    private var insideFrame = false
    private var frameDeadline: Scheduled<Void>?
    private var idleDeadline: Scheduled<Void>?
    private let onTimeout: @Sendable (HL7Error) -> Void

    init(
        frameTimeout: TimeAmount?, idleTimeout: TimeAmount?,
        onTimeout: @escaping @Sendable (HL7Error) -> Void = { _ in }
    ) {
        self.frameTimeout = frameTimeout
        self.idleTimeout = idleTimeout
        self.onTimeout = onTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { armIdle(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        armIdle(context: context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        frameDeadline?.cancel()
        idleDeadline?.cancel()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        frameDeadline?.cancel()
        idleDeadline?.cancel()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        let view = buffer.readableBytesView
        let lastStart = view.lastIndex(of: MLLP.startBlock)
        let lastEnd = view.lastIndex(of: MLLP.endBlock)
        switch (lastStart, lastEnd) {
        case (let s?, let e?): insideFrame = s > e
        case (.some, nil): insideFrame = true
        case (nil, .some): insideFrame = false
        case (nil, nil): break
        }
        if insideFrame {
            if frameDeadline == nil, let frameTimeout {
                let loopContext = NIOLoopBound(context, eventLoop: context.eventLoop)
                let loopSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
                frameDeadline = context.eventLoop.scheduleTask(in: frameTimeout) {
                    loopSelf.value.fire(
                        HL7Error(.timeout, "frame not completed within \(frameTimeout.nanoseconds / 1_000_000) ms"),
                        loopContext.value)
                }
            }
        } else {
            frameDeadline?.cancel()
            frameDeadline = nil
        }
        armIdle(context: context)
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        armIdle(context: context)
        context.write(data, promise: promise)
    }

    private func armIdle(context: ChannelHandlerContext) {
        guard let idleTimeout else { return }
        idleDeadline?.cancel()
        let loopContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        let loopSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
        idleDeadline = context.eventLoop.scheduleTask(in: idleTimeout) {
            loopSelf.value.fire(
                HL7Error(.timeout, "connection idle for \(idleTimeout.nanoseconds / 1_000_000) ms"), loopContext.value)
        }
    }

    private func fire(_ error: HL7Error, _ context: ChannelHandlerContext) {
        onTimeout(error)
        context.fireErrorCaught(error)
        context.close(promise: nil)
    }
}
