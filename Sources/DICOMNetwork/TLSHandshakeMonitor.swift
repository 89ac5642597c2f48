import NIOCore
import NIOSSL
import NIOTLS

/// Reports how the TLS handshake ended, so the requestor sends its A-ASSOCIATE-RQ only over an
/// established TLS session (PS3.15 §B.1: TLS first, then the association) and a refused handshake
/// is reported as one, whatever the timing between the event loop and the task that connects.
/// Sits right after `NIOSSLClientHandler`.
final class TLSHandshakeMonitor: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    private let promise: EventLoopPromise<Void>

    init(promise: EventLoopPromise<Void>) {
        self.promise = promise
    }

    /// Succeeds when the handshake completed, fails with the error that ended it.
    var outcome: EventLoopFuture<Void> { promise.futureResult }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            promise.succeed()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Only the first outcome counts; later completions of the promise are ignored.
        promise.fail(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(DICOMNetworkError(.connectionClosed, "the peer closed the connection during the TLS handshake"))
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        promise.fail(DICOMNetworkError(.connectionClosed, "the channel closed during the TLS handshake"))
    }
}
