import NIOCore
import NIOPosix
import NIOSSL

/// Opens associations to a peer (the association requestor side, PS3.8 §7.1).
public struct DICOMClient: Sendable {
    private let group: any EventLoopGroup

    public init(eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.group = eventLoopGroup
    }

    /// Connects, negotiates and returns the established association.
    /// - Throws: `.associationRejected` with the A-ASSOCIATE-RJ fields, `.connectionClosed`,
    ///   `.timeout`, `.associationAborted`.
    public func connect(host: String, port: Int, parameters: AssociationParameters) async throws -> Association {
        let rq = try parameters.associateRQ()
        let maximum = Int(max(parameters.maximumLength, 65_536))
        let timeouts = parameters.timeouts
        let tls = parameters.tls
        let channel: PDUChannel
        let handshake: EventLoopFuture<Void>?
        do {
            (channel, handshake) = try await ClientBootstrap(group: group)
                .connectTimeout(parameters.connectTimeout)
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .channelOption(.autoRead, value: false)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture { () -> (PDUChannel, EventLoopFuture<Void>?) in
                        var handshake: EventLoopFuture<Void>?
                        if let tls {
                            let monitor = TLSHandshakeMonitor(promise: channel.eventLoop.makePromise())
                            try channel.pipeline.syncOperations.addHandler(
                                try NIOSSLClientHandler(context: tls, serverHostname: nil))
                            try channel.pipeline.syncOperations.addHandler(monitor)
                            handshake = monitor.outcome
                        }
                        let pdus = try PDUChannel.configure(
                            channel, role: .requestor, maximumPDULength: maximum, timeouts: timeouts)
                        return (pdus, handshake)
                    }
                }
        } catch let error as DICOMNetworkError {
            throw error
        } catch {
            throw DICOMNetworkError(.io, "cannot connect to \(host):\(port): \(error)")
        }
        if let handshake {
            do {
                try await handshake.get()
            } catch {
                await channel.close()
                throw DICOMNetworkError(.tlsHandshakeFailed, "TLS with \(host):\(port) failed: \(error)")
            }
        }
        do {
            try await channel.send(.associateRQ(rq))
            switch try await channel.next() {
            case .associateAC(let ac)?:
                return Association(
                    channel: channel, role: .requestor, request: rq, acceptance: ac,
                    dimseTimeout: parameters.dimseTimeout)
            case .associateRJ(let rj)?:
                await channel.close()
                throw DICOMNetworkError(
                    .associationRejected,
                    "rejected: result \(rj.result.rawValue), source \(rj.source.rawValue), reason \(rj.reason.rawValue)"
                )
            case .abort(let abort)?:
                await channel.close()
                throw DICOMNetworkError(
                    .associationAborted, "peer aborted during negotiation (reason \(abort.reason.rawValue))")
            case nil:
                throw DICOMNetworkError(.connectionClosed, "\(host):\(port) closed during association negotiation")
            case let other?:
                await channel.close()
                throw DICOMNetworkError(.unexpectedPDU, "\(other.type) in answer to A-ASSOCIATE-RQ")
            }
        } catch let error as DICOMNetworkError {
            await channel.close()
            throw error
        } catch {
            await channel.close()
            // Errors from below the upper layer on a TLS channel come from the handshake
            // (untrusted certificate, no client certificate, no common protocol version).
            if tls != nil {
                throw DICOMNetworkError(.tlsHandshakeFailed, "TLS with \(host):\(port) failed: \(error)")
            }
            // A plain transport that failed or closed before or during negotiation.
            throw DICOMNetworkError(
                .connectionClosed, "\(host):\(port) closed during association negotiation: \(error)")
        }
    }
}
