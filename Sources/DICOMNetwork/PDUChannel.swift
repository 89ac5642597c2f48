import NIOCore
import NIOPosix

/// A connected DICOM Upper Layer channel seen from async code: read the next PDU, write one.
/// Sendable: all handler state is touched on the channel's event loop only.
public struct PDUChannel: Sendable {
    /// The underlying NIO channel.
    public let channel: any Channel
    private let buffer: NIOLoopBound<PDUInboundBuffer>
    /// The C-CANCEL-RQs seen arriving, noted by the pipeline's ``CancelObserver``.
    let cancels: CancelRegister

    init(channel: any Channel, buffer: NIOLoopBound<PDUInboundBuffer>, cancels: CancelRegister) {
        self.channel = channel
        self.buffer = buffer
        self.cancels = cancels
    }

    /// Adds the upper-layer handlers to a pipeline: PDU codec, state machine, C-CANCEL observer,
    /// inbound buffer.
    /// Call on the channel's event loop (e.g. in a channel initializer); TLS, if any, goes first.
    public static func configure(
        _ channel: any Channel, role: AssociationStateMachine.Role, maximumPDULength: Int,
        timeouts: UpperLayerHandler.Timeouts
    ) throws -> PDUChannel {
        let sync = channel.pipeline.syncOperations
        let inbound = PDUInboundBuffer()
        let cancels = CancelRegister()
        try sync.addHandler(ByteToMessageHandler(PDUDecoder(maximumPDULength: maximumPDULength)))
        try sync.addHandler(MessageToByteHandler(PDUEncoder()))
        try sync.addHandler(UpperLayerHandler(role: role, timeouts: timeouts))
        try sync.addHandler(CancelObserver(register: cancels))
        try sync.addHandler(inbound)
        return PDUChannel(
            channel: channel, buffer: NIOLoopBound(inbound, eventLoop: channel.eventLoop), cancels: cancels)
    }

    /// The next PDU from the peer, or nil when the transport closed.
    public func next() async throws -> PDU? {
        let buffer = self.buffer
        let loop = channel.eventLoop
        // On the loop already (an association task with the loop as its executor): no hop.
        if loop.inEventLoop { return try await buffer.value.next() }
        return try await loop.flatSubmit { buffer.value.next(eventLoop: loop) }.get()
    }

    /// A PDU that has already arrived, without waiting (nil if none).
    public func poll() async throws -> PDU? {
        let buffer = self.buffer
        if channel.eventLoop.inEventLoop { return buffer.value.poll() }
        return try await channel.eventLoop.submit { buffer.value.poll() }.get()
    }

    /// Sends one PDU (one socket write); returns once it is written.
    public func send(_ pdu: PDU) async throws {
        let loop = channel.eventLoop
        guard loop.inEventLoop else { return try await channel.writeAndFlush(pdu) }
        // On the loop (an association task): a response that fits the socket buffer is written
        // before writeAndFlush returns, and then the task goes on without suspending and being
        // scheduled again, which is a good part of a C-ECHO's cost on our side.
        let (written, future) = writeOnLoop(pdu)
        if let written { return try written.get() }
        try await future.get()
    }

    /// Writes and flushes on the event loop; the result if the write already completed, and the
    /// future of its completion.
    private func writeOnLoop(_ pdu: PDU) -> (Result<Void, any Error>?, EventLoopFuture<Void>) {
        let promise = channel.eventLoop.makePromise(of: Void.self)
        channel.pipeline.syncOperations.writeAndFlush(NIOAny(pdu), promise: promise)
        let outcome = WriteOutcome()
        promise.futureResult.assumeIsolated().whenComplete { outcome.result = $0 }
        return (outcome.result, promise.futureResult)
    }

    /// The result of a write once known (touched on the event loop only).
    private final class WriteOutcome {
        var result: Result<Void, any Error>?
    }

    /// Closes the transport.
    public func close() async {
        try? await channel.close()
    }

    /// The remote address as text, for policy checks and logs.
    public var remoteAddress: String {
        channel.remoteAddress?.ipAddress ?? channel.remoteAddress?.description ?? "unknown"
    }
}
