import HL7
import LightboxDomain
import Logging
import NIOCore
import ServiceLifecycle

/// The MLLP listener of Lightbox (port 2575 by default): a ServiceLifecycle service serving
/// `HL7MessageRouter` until shutdown. Bind first (`bind`), so the port is known and a bind failure stops
/// start-up, then run it in the service group.
public final class HL7Listener: Service {
    /// Listener settings (HL7 v2.5.1 Appendix C, MLLP release 2).
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var maximumMessageSize: Int
        public var maximumConnections: Int

        public init(
            host: String = "0.0.0.0", port: Int = 2575, maximumMessageSize: Int = 1 << 20, maximumConnections: Int = 64
        ) {
            self.host = host
            self.port = port
            self.maximumMessageSize = maximumMessageSize
            self.maximumConnections = maximumConnections
        }
    }

    let server: MLLPServer
    let logger: Logger

    init(server: MLLPServer, logger: Logger) {
        self.server = server
        self.logger = logger
    }

    /// Binds the listening socket with the department's use cases behind it.
    public static func bind(
        _ configuration: Configuration, environment: DepartmentEnvironment, group: any EventLoopGroup, logger: Logger
    ) async throws -> HL7Listener {
        let server = try await MLLPServer.bind(
            configuration: .init(
                host: configuration.host, port: configuration.port,
                maximumMessageSize: configuration.maximumMessageSize,
                maximumConnections: configuration.maximumConnections, frameTimeout: .seconds(30),
                idleTimeout: .seconds(600)),
            handler: HL7MessageRouter(environment: environment, logger: logger), group: group, logger: logger)
        logger.info("HL7 MLLP listener bound", metadata: ["port": "\(server.port ?? configuration.port)"])
        return HL7Listener(server: server, logger: logger)
    }

    /// The bound port (useful when bound to port 0).
    public var port: Int? { server.port }

    /// Serves until graceful shutdown or cancellation.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await server.run()
        } onGracefulShutdown: { [server] in
            Task { await server.close() }
        }
    }

    /// Stops accepting connections.
    public func close() async {
        await server.close()
    }
}
