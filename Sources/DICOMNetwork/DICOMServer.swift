import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// The association acceptor: listens, negotiates (policy, limits, presentation contexts) and
/// serves each association in its own child task, so a misbehaving peer only ever ends its own
/// association (PS3.8 §7.1, PS3.7).
public final class DICOMServer: Sendable {
    public let configuration: DICOMServerConfiguration
    private let handlers: ServiceHandlers
    private let policy: any AssociationPolicy
    private let group: any EventLoopGroup
    private let logger: Logger
    private let active = Mutex(0)

    public init(
        configuration: DICOMServerConfiguration, handlers: ServiceHandlers, policy: (any AssociationPolicy)? = nil,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "DICOMNetwork.server")
    ) {
        self.configuration = configuration
        self.handlers = handlers
        self.policy = policy ?? AETitlePolicy(calledAETitle: configuration.aeTitle)
        self.group = eventLoopGroup
        self.logger = logger
    }

    /// Associations currently being served.
    public var activeAssociations: Int { active.withLock { $0 } }

    /// Listens and serves until the task is cancelled. `onListening` gets the bound port.
    public func run(onListening: @Sendable (Int) -> Void = { _ in }) async throws {
        let configuration = self.configuration
        let maximumPDU = Int(max(configuration.maximumPDULength, 65_536))
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.autoRead, value: false)
            .bind(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls = configuration.tls {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    return try PDUChannel.configure(
                        channel, role: .acceptor, maximumPDULength: maximumPDU, timeouts: configuration.timeouts)
                }
            }
        onListening(server.channel.localAddress?.port ?? configuration.port)
        try await withTaskCancellationHandler {
            try await server.executeThenClose { inbound in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in inbound {
                            // Each association runs on its channel's event loop (see EventLoopTaskExecutor).
                            let executor = EventLoopTaskExecutor(connection.channel.eventLoop)
                            group.addTask(executorPreference: executor) { await self.serve(connection) }
                        }
                    } catch {
                        self.logger.debug("listener stopped", metadata: ["error": "\(error)"])
                    }
                }
            }
        } onCancel: {
            server.channel.close(promise: nil)
        }
    }

    private func serve(_ connection: PDUChannel) async {
        await withTaskCancellationHandler {
            do {
                try await negotiateAndServe(connection)
            } catch {
                logger.debug(
                    "association ended with error",
                    metadata: ["peer": "\(connection.remoteAddress)", "error": "\(error)"])
                if let error = error as? DICOMNetworkError,
                    [.unexpectedMessage, .malformedCommand, .noPresentationContext].contains(error.code)
                {
                    try? await connection.send(.abort(AAbort(source: .serviceProvider, reason: .unexpectedPDU)))
                }
            }
            await connection.close()
        } onCancel: {
            connection.channel.close(promise: nil)
        }
    }

    private func negotiateAndServe(_ connection: PDUChannel) async throws {
        guard case .associateRQ(let rq)? = try await connection.next() else { return }
        let info = AssociationInfo(
            callingAETitle: rq.callingAETitle, calledAETitle: rq.calledAETitle, peerAddress: connection.remoteAddress,
            userIdentity: rq.userInformation.userIdentityRQ)
        let admitted = active.withLock { count in
            guard count < configuration.maximumAssociations else { return false }
            count += 1
            return true
        }
        guard admitted else {
            logger.debug("association refused: limit reached", metadata: ["peer": "\(info.callingAETitle)"])
            try await reject(
                connection,
                AAssociateRJ(
                    result: .rejectedTransient, source: .serviceProviderPresentation, reason: .localLimitExceeded))
            return
        }
        defer { active.withLock { $0 -= 1 } }
        if rq.applicationContextName != ApplicationContext.dicom {
            try await reject(
                connection,
                AAssociateRJ(
                    result: .rejectedPermanent, source: .serviceUser, reason: .applicationContextNameNotSupported))
            return
        }
        if let rejection = await policy.evaluate(info) {
            try await reject(connection, rejection)
            return
        }
        let handlers = await policy.services(for: info, offered: self.handlers)
        let (contexts, roles) = PresentationContextNegotiation.negotiate(rq, handlers: handlers)
        let operations = OperationsWindowNegotiation.negotiate(
            rq.userInformation.asynchronousOperationsWindow, maximumPerformed: configuration.maximumOperationsPerformed)
        let ac = AAssociateAC(
            calledAETitle: rq.calledAETitle, callingAETitle: rq.callingAETitle, presentationContexts: contexts,
            userInformation: UserInformation(
                maximumLength: configuration.maximumPDULength, implementationClassUID: Implementation.classUID,
                implementationVersionName: Implementation.versionName,
                asynchronousOperationsWindow: operations.reply,
                roleSelections: roles))
        try await connection.send(.associateAC(ac))
        let association = Association(
            channel: connection, role: .acceptor, request: rq, acceptance: ac, dimseTimeout: configuration.dimseTimeout)
        association.operationsWindow = operations.window
        try await ServiceDispatcher.serve(
            association, handlers: handlers, client: DICOMClient(eventLoopGroup: group), aeTitle: configuration.aeTitle,
            outboundTLS: configuration.outboundTLS, logger: logger)
    }

    private func reject(_ connection: PDUChannel, _ rejection: AAssociateRJ) async throws {
        try await connection.send(.associateRJ(rejection))
        // AE-8 then Sta13: the requestor closes; ARTIM closes for it otherwise.
        while (try? await connection.next()) != nil {}
    }
}
