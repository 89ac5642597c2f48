import DICOMNetwork
import LightboxDomain
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The DICOM listener of Lightbox (port 11112 by default): a ServiceLifecycle service running the
/// library's ``DICOMServer`` with the ``DICOMServices`` plugged in, refusing unknown peers and
/// offering each known peer only its allowed services (``PeerAssociationPolicy``). Beyond
/// `maximumAssociations` associations at once, A-ASSOCIATE-RJ transient (local limit exceeded).
public final class DICOMListener: Service {
    /// Listener settings.
    public struct Configuration: Sendable {
        public var host: String
        /// 0 picks a free port.
        public var port: Int
        /// Our AE title: the called AE title peers must use (PS3.8 §7.1.1.4).
        public var aeTitle: String
        public var maximumAssociations: Int
        /// DICOM over TLS (PS3.15 Annex B.1); nil for plain TCP.
        public var tls: DICOMTLSConfiguration?

        public init(
            host: String = "0.0.0.0", port: Int = 11112, aeTitle: String = "LIGHTBOX", maximumAssociations: Int = 50,
            tls: DICOMTLSConfiguration? = nil
        ) {
            self.host = host
            self.port = port
            self.aeTitle = aeTitle
            self.maximumAssociations = maximumAssociations
            self.tls = tls
        }

        /// The library server's settings for these (the library's defaults for PDU length,
        /// timeouts and operations window), without the TLS contexts, which are made at start-up.
        public var serverConfiguration: DICOMServerConfiguration {
            DICOMServerConfiguration(
                host: host, port: port, aeTitle: aeTitle, maximumAssociations: maximumAssociations)
        }
    }

    public let server: DICOMServer
    let onListening: @Sendable (Int) -> Void

    /// Builds the server (TLS contexts are made here, so a bad certificate stops start-up).
    /// `onListening` gets the bound port.
    public init(
        _ configuration: Configuration, services: DICOMServices, peers: FindDICOMPeer,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger,
        onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) throws {
        var serverConfiguration = configuration.serverConfiguration
        serverConfiguration.tls = try configuration.tls?.serverContext()
        serverConfiguration.outboundTLS = try configuration.tls.map {
            try DICOMTLSConfiguration(
                certificatePath: $0.certificatePath, privateKeyPath: $0.privateKeyPath,
                trustRootsPath: $0.trustRootsPath
            ).clientContext()
        }
        let policy = PeerAssociationPolicy(
            aeTitle: configuration.aeTitle, findPeer: peers, services: services, logger: logger)
        server = DICOMServer(
            configuration: serverConfiguration, handlers: services.allHandlers, policy: policy, eventLoopGroup: group,
            logger: logger)
        self.onListening = onListening
    }

    /// Serves until graceful shutdown or cancellation.
    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await self.server.run(onListening: self.onListening)
        }
    }
}
