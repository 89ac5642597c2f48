import Logging
import NIOCore
import NIOPosix
import Synchronization

/// An MLLP listener on SwiftNIO (HL7 MLLP release 2 over TCP).
///
/// Each connection's frames are handled one after another, in order; the replies are written after the
/// handler returns. Connections beyond `maximumConnections` are closed at once. A connection that sends
/// garbage, stalls or breaks only ends itself; the listener keeps accepting.
public final class MLLPServer: Sendable {
    /// Listener settings.
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port (see `localAddress`).
        public var port: Int
        /// Largest accepted frame payload.
        public var maximumMessageSize: Int
        /// Connections served at once; more are refused.
        public var maximumConnections: Int
        /// Time allowed from the start block of a frame to its end block.
        public var frameTimeout: TimeAmount?
        /// Time a connection may stay silent before it is closed.
        public var idleTimeout: TimeAmount?

        public init(
            host: String = "0.0.0.0", port: Int = 2575, maximumMessageSize: Int = 1 << 20,
            maximumConnections: Int = 64, frameTimeout: TimeAmount? = .seconds(30),
            idleTimeout: TimeAmount? = .seconds(600)
        ) {
            self.host = host
            self.port = port
            self.maximumMessageSize = maximumMessageSize
            self.maximumConnections = maximumConnections
            self.frameTimeout = frameTimeout
            self.idleTimeout = idleTimeout
        }
    }

    typealias Connection = NIOAsyncChannel<MLLPFrame, ByteBuffer>

    private let channel: NIOAsyncChannel<Connection, Never>
    private let configuration: Configuration
    private let handler: any MLLPHandler
    private let logger: Logger
    private let active = Mutex<Int>(0)

    /// The bound address (with the real port when `port` was 0).
    public let localAddress: SocketAddress?

    private init(
        channel: NIOAsyncChannel<Connection, Never>, configuration: Configuration, handler: any MLLPHandler,
        logger: Logger
    ) {
        self.channel = channel
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
        self.localAddress = channel.channel.localAddress
    }

    /// Binds the listener. Call `run()` to serve.
    public static func bind(
        configuration: Configuration, handler: any MLLPHandler, group: any EventLoopGroup, logger: Logger
    ) async throws -> MLLPServer {
        let config = configuration
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.so_keepalive), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .bind(host: config.host, port: config.port) { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandlers([
                        MLLPTimeoutHandler(frameTimeout: config.frameTimeout, idleTimeout: config.idleTimeout),
                        ByteToMessageHandler(MLLPFrameDecoder(maximumMessageSize: config.maximumMessageSize)),
                        MessageToByteHandler(MLLPFrameEncoder()),
                    ])
                    return try Connection(wrappingChannelSynchronously: child)
                }
            }
        return MLLPServer(channel: channel, configuration: config, handler: handler, logger: logger)
    }

    /// The bound port.
    public var port: Int? { localAddress?.port }

    /// Number of connections being served now.
    public var activeConnections: Int { active.withLock { $0 } }

    /// Serves until `close()` is called or the task is cancelled; returns after open connections end.
    public func run() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            try await channel.executeThenClose { inbound in
                for try await connection in inbound {
                    let admitted = active.withLock { count -> Bool in
                        guard count < configuration.maximumConnections else { return false }
                        count += 1
                        return true
                    }
                    guard admitted else {
                        logger.debug(
                            "MLLP connection refused: limit reached",
                            metadata: ["peer": "\(connection.channel.remoteAddress?.description ?? "?")"])
                        // Closing through the async wrapper finishes its writer, as NIOAsyncChannel requires.
                        group.addTask { try? await connection.executeThenClose { _, _ in } }
                        continue
                    }
                    group.addTask {
                        await self.serve(connection)
                        self.active.withLock { $0 -= 1 }
                    }
                }
            }
        }
    }

    /// Stops accepting new connections. Open connections go on until their peers close them or time out;
    /// cancel the task running `run()` to end them too (a handler running then sees the cancellation).
    public func close() async {
        try? await channel.channel.close()
    }

    private func serve(_ connection: Connection) async {
        let peer = connection.channel.remoteAddress
        var log = logger
        log[metadataKey: "peer"] = "\(peer?.description ?? "?")"
        log.debug("MLLP connection opened")
        do {
            try await connection.executeThenClose { inbound, outbound in
                for try await frame in inbound {
                    let request = makeRequest(frame, peer: peer)
                    if case .failure(let error) = request.message {
                        log.debug("MLLP frame not parsed", metadata: ["error": "\(error)"])
                    }
                    for reply in await handler.replies(to: request) {
                        try await outbound.write(ByteBuffer(bytes: reply))
                    }
                }
            }
        } catch {
            log.debug("MLLP connection ended", metadata: ["error": "\(error)"])
            return
        }
        log.debug("MLLP connection closed")
    }

    private func makeRequest(_ frame: MLLPFrame, peer: SocketAddress?) -> MLLPRequest {
        switch frame {
        case .message(let buffer):
            let raw = Array(buffer.readableBytesView)
            let parsed: Result<Message, HL7Error>
            do {
                parsed = .success(
                    try Message(parsing: raw, options: .init(maximumSize: configuration.maximumMessageSize)))
            } catch {
                parsed = .failure(error)
            }
            return MLLPRequest(raw: raw, message: parsed, peer: peer)
        case .oversized(let prefix, let received):
            let error = HL7Error(
                .oversized,
                "frame of more than \(received) bytes exceeds the limit of \(configuration.maximumMessageSize) bytes")
            return MLLPRequest(raw: Array(prefix.readableBytesView), message: .failure(error), peer: peer)
        }
    }
}
