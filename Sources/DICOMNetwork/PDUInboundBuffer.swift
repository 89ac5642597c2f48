import NIOCore

/// The last inbound handler: hands PDUs to async code one at a time with backpressure. The channel
/// runs with autoRead off and this handler asks the socket for more only while fewer than
/// `highWatermark` PDUs wait, so a fast sender cannot fill our memory (at most `highWatermark`
/// PDUs are buffered, plus the one being assembled; a P-DATA-TF above the decoder's streaming
/// threshold arrives here in pieces of about that size, whatever the negotiated maximum length).
/// One is enough: the kernel's socket buffer already reads ahead, and with many associations
/// storing at once every PDU held here per association (up to 256 KiB each) adds up.
final class PDUInboundBuffer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = PDU

    /// Whoever waits for the next PDU: a task on the event loop (resumed directly), or a future
    /// handed to code on another thread.
    private enum Waiter {
        case task(UnsafeContinuation<PDU?, any Error>)
        case promise(EventLoopPromise<PDU?>)

        func resume(with result: Result<PDU?, any Error>) {
            switch self {
            case .task(let continuation): continuation.resume(with: result)
            case .promise(let promise): promise.completeWith(result)
            }
        }
    }

    private var buffered: [PDU] = []
    private var bufferedStart = 0
    private var waiter: Waiter?
    private var failure: (any Error)?
    private var closed = false
    private var readPending = false
    private var context: ChannelHandlerContext?
    private let highWatermark: Int

    init(highWatermark: Int = 1) {
        self.highWatermark = highWatermark
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func channelActive(context: ChannelHandlerContext) {
        // A read requested before activation may have been dropped; ask again unconditionally.
        readPending = true
        context.read()
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let pdu = unwrapInboundIn(data)
        if let waiter {
            self.waiter = nil
            waiter.resume(with: .success(pdu))
        } else {
            buffered.append(pdu)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        readPending = false
        requestReadBelowWatermark()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // The first error is the meaningful one (a later "connection reset" adds nothing).
        if failure == nil { failure = error }
        if let waiter {
            self.waiter = nil
            waiter.resume(with: .failure(error))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        if let waiter {
            self.waiter = nil
            waiter.resume(with: failure.map { .failure($0) } ?? .success(nil))
        }
        context.fireChannelInactive()
    }

    /// The next PDU for a task running on the event loop (an association task whose executor is
    /// the loop); nil once the connection closed cleanly. The task is resumed straight from
    /// `channelRead`, without a promise and its callback in between: this is on every PDU's path.
    func next() async throws -> PDU? {
        switch ready() {
        case .some(let result): return try result.get()
        case .none: return try await withUnsafeThrowingContinuation { wait(.task($0)) }
        }
    }

    /// The next PDU as a future, for callers on other threads. Must run on the event loop.
    func next(eventLoop: EventLoop) -> EventLoopFuture<PDU?> {
        switch ready() {
        case .some(let result): return eventLoop.makeCompletedFuture(result)
        case .none:
            let promise = eventLoop.makePromise(of: PDU?.self)
            wait(.promise(promise))
            return promise.futureResult
        }
    }

    /// What `next` answers without waiting: a buffered PDU, the failure, or nil for a clean close;
    /// `.none` when it has to wait.
    private func ready() -> Result<PDU?, any Error>? {
        if let pdu = poll() { return .success(pdu) }
        if let failure { return .failure(failure) }
        if closed { return .success(nil) }
        return nil
    }

    private func wait(_ waiter: Waiter) {
        guard self.waiter == nil else {
            waiter.resume(with: .failure(DICOMNetworkError(.unexpectedMessage, "two readers on one association")))
            return
        }
        self.waiter = waiter
        requestRead()
    }

    /// A PDU already received, without waiting; nil when none is buffered.
    func poll() -> PDU? {
        guard bufferedStart < buffered.count else { return nil }
        let pdu = buffered[bufferedStart]
        bufferedStart += 1
        if bufferedStart == buffered.count {
            buffered.removeAll(keepingCapacity: true)
            bufferedStart = 0
        }
        requestReadBelowWatermark()
        return pdu
    }

    /// Asks for more only while fewer than `highWatermark` PDUs wait. One socket read can carry
    /// several PDUs (NIO reads up to four receive buffers per read), so asking again after every
    /// consumed PDU would let the queue grow by several PDUs per PDU consumed whenever the
    /// consumer (the disk) is slower than the network: with 64 KiB PDUs that queued nearly whole
    /// instances per association.
    private func requestReadBelowWatermark() {
        if buffered.count - bufferedStart < highWatermark { requestRead() }
    }

    private func requestRead() {
        guard let context, !readPending, !closed else { return }
        readPending = true
        context.read()
    }
}
