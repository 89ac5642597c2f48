import Logging
import NIOCore
import NIOPosix

/// An MLLP sender on SwiftNIO: sends a message, waits for its acknowledgement with a time limit, and
/// reconnects on the next send after the connection broke or an acknowledgement timed out.
public actor MLLPClient {
    /// Client settings.
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var connectTimeout: TimeAmount
        /// Time allowed for the acknowledgement of each message.
        public var acknowledgmentTimeout: TimeAmount
        /// Largest accepted acknowledgement.
        public var maximumMessageSize: Int

        public init(
            host: String, port: Int, connectTimeout: TimeAmount = .seconds(10),
            acknowledgmentTimeout: TimeAmount = .seconds(30), maximumMessageSize: Int = 1 << 20
        ) {
            self.host = host
            self.port = port
            self.connectTimeout = connectTimeout
            self.acknowledgmentTimeout = acknowledgmentTimeout
            self.maximumMessageSize = maximumMessageSize
        }
    }

    private let configuration: Configuration
    private let group: any EventLoopGroup
    private let logger: Logger
    private var channel: (any Channel)?

    public init(configuration: Configuration, group: any EventLoopGroup, logger: Logger) {
        self.configuration = configuration
        self.group = group
        self.logger = logger
    }

    /// Opens the connection now (sending opens it too when needed).
    public func connect() async throws {
        if let channel, channel.isActive { return }
        let config = configuration
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(config.connectTimeout)
                .channelOption(.tcpOption(.tcp_nodelay), value: 1)
                .channelInitializer { ch in
                    ch.eventLoop.makeCompletedFuture {
                        try ch.pipeline.syncOperations.addHandlers([
                            MessageToByteHandler(MLLPFrameEncoder()),
                            ByteToMessageHandler(MLLPFrameDecoder(maximumMessageSize: config.maximumMessageSize)),
                            MLLPClientHandler(),
                        ])
                    }
                }
                .connect(host: config.host, port: config.port)
                .get()
        } catch let error as HL7Error {
            throw error
        } catch {
            throw HL7Error(.connectionClosed, "cannot connect to \(config.host):\(config.port): \(error)")
        }
        logger.debug("MLLP client connected", metadata: ["peer": "\(config.host):\(config.port)"])
    }

    /// Sends one payload (ER7 bytes, unframed) and returns the acknowledgement payload.
    /// - Throws: `HL7Error` `.timeout` when no reply comes in time (the connection is then dropped, since a
    ///   late reply would be taken for the next message's), `.connectionClosed`, `.oversized`.
    public func send(_ payload: [UInt8]) async throws -> [UInt8] {
        let reused = channel?.isActive == true
        do {
            return try await sendOnce(payload)
        } catch let error as HL7Error where error.code == .connectionClosed && reused {
            // A kept-open connection the server has meanwhile closed (idle timeout) fails on first use;
            // sending once more on a fresh connection is what HL7 original mode expects of a sender, and
            // the receiver recognises a repeat by MSH-10.
            logger.debug("MLLP connection was stale; reconnecting", metadata: ["error": "\(error)"])
            return try await sendOnce(payload)
        }
    }

    private func sendOnce(_ payload: [UInt8]) async throws -> [UInt8] {
        try await connect()
        guard let channel else { throw HL7Error(.connectionClosed, "not connected") }
        let promise = channel.eventLoop.makePromise(of: ByteBuffer.self)
        let request = MLLPClientHandler.Request(
            payload: ByteBuffer(bytes: payload), promise: promise, timeout: configuration.acknowledgmentTimeout)
        channel.writeAndFlush(request, promise: nil)
        do {
            let reply = try await promise.futureResult.get()
            return Array(reply.readableBytesView)
        } catch {
            self.channel = nil
            channel.close(promise: nil)
            throw error
        }
    }

    /// Sends a message and returns its acknowledgement, checking that MSA-2 names the message's MSH-10.
    /// - Throws: as `send(_:)`, plus `.badAcknowledgment` when the reply is not an ACK of this message.
    public func send(_ message: Message) async throws -> Message {
        let reply = try await send(message.encode())
        let ack: Message
        do {
            ack = try Message(parsing: reply)
        } catch {
            throw HL7Error(.badAcknowledgment, "the reply is not an HL7 message: \(error.message)")
        }
        guard let msa = ack.segment("MSA") else {
            throw HL7Error(.badAcknowledgment, "the reply has no MSA segment")
        }
        let acknowledged = msa.field(2).value
        if let sent = message.controlID, acknowledged != sent {
            throw HL7Error(.badAcknowledgment, "the reply acknowledges control id '\(acknowledged)', not '\(sent)'")
        }
        return ack
    }

    /// Closes the connection.
    public func close() async {
        if let channel { try? await channel.close() }
        channel = nil
    }
}
