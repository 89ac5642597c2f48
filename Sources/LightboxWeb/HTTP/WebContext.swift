import Foundation
import Hummingbird
import HummingbirdAuth
import NIOCore

/// The request context of every Lightbox HTTP request: who is signed in (set by
/// `AuthenticationMiddleware`) and the peer address recorded in the audit log.
public struct WebContext: AuthRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user, or nil before authentication.
    public var identity: SignedInUser?
    /// The remote peer as "ip:port", recorded as the audit entry's address.
    public var remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.remoteAddress = source.channel.remoteAddress.map(Self.describe)
    }

    private static func describe(_ address: SocketAddress) -> String {
        if let ip = address.ipAddress, let port = address.port { return "\(ip):\(port)" }
        return address.description
    }
}
