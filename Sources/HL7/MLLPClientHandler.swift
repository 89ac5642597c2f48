import NIOCore

/// Matches replies to requests in order; fails every waiting request on timeout or disconnect.
final class MLLPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = MLLPFrame
    typealias OutboundIn = Request
    typealias OutboundOut = ByteBuffer

    struct Request {
        var payload: ByteBuffer
        var promise: EventLoopPromise<ByteBuffer>
        var timeout: TimeAmount
    }

    private var waiting: [(id: Int, promise: EventLoopPromise<ByteBuffer>, deadline: Scheduled<Void>)] = []
    private var nextID = 0

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        let id = nextID
        nextID += 1
        let loopSelf = NIOLoopBound(self, eventLoop: context.eventLoop)
        let loopContext = NIOLoopBound(context, eventLoop: context.eventLoop)
        let timeout = request.timeout
        let deadline = context.eventLoop.scheduleTask(in: timeout) {
            let me = loopSelf.value
            guard me.waiting.contains(where: { $0.id == id }) else { return }
            me.failAll(HL7Error(.timeout, "no acknowledgement within \(timeout.nanoseconds / 1_000_000) ms"))
            loopContext.value.close(promise: nil)
        }
        waiting.append((id, request.promise, deadline))
        context.writeAndFlush(wrapOutboundOut(request.payload)).whenFailure { error in
            loopSelf.value.failAll(HL7Error(.connectionClosed, "write failed: \(error)"))
        }
        promise?.succeed()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        guard !waiting.isEmpty else { return }
        let head = waiting.removeFirst()
        head.deadline.cancel()
        switch frame {
        case .message(let buffer): head.promise.succeed(buffer)
        case .oversized(_, let size):
            head.promise.fail(HL7Error(.oversized, "acknowledgement of more than \(size) bytes exceeds the limit"))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(HL7Error(.connectionClosed, "connection closed before the acknowledgement arrived"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(error as? HL7Error ?? HL7Error(.connectionClosed, "connection error: \(error)"))
        context.close(promise: nil)
    }

    private func failAll(_ error: HL7Error) {
        let all = waiting
        waiting.removeAll()
        for w in all {
            w.deadline.cancel()
            w.promise.fail(error)
        }
    }
}
