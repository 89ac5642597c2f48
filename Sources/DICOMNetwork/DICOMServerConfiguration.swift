import NIOCore
import NIOSSL

/// Settings of a ``DICOMServer``.
public struct DICOMServerConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port (see ``DICOMServer/run(onListening:)``).
    public var port: Int
    /// Our AE title (answered in A-ASSOCIATE-AC and used as calling AE for C-MOVE sub-operations).
    public var aeTitle: String
    /// Associations served at once; beyond it, A-ASSOCIATE-RJ transient (local limit exceeded).
    public var maximumAssociations: Int
    /// Our maximum length sub-item: the largest P-DATA-TF we accept; PDUs declaring more are aborted.
    public var maximumPDULength: UInt32
    public var timeouts: UpperLayerHandler.Timeouts
    /// DIMSE timeout: the longest wait for the rest of a message once it began (a command's next
    /// fragment or the data set it announced); the association is then aborted. nil leaves only
    /// the idle timeout.
    public var dimseTimeout: TimeAmount?
    /// Operations a requestor may have outstanding when it proposes an asynchronous operations
    /// window (PS3.7 D.3.3.3); its pipelined requests are performed in order of arrival.
    public var maximumOperationsPerformed: UInt16
    /// TLS server context (NIOSSL); nil for plain TCP (PS3.15 Annex B.1 for the secure profile).
    public var tls: NIOSSLContext?
    /// TLS client context for the associations the server opens itself: C-MOVE sub-operations and
    /// storage commitment results on a new association; nil for plain TCP.
    public var outboundTLS: NIOSSLContext?

    public init(
        host: String = "0.0.0.0", port: Int = 11112, aeTitle: String, maximumAssociations: Int = 50,
        maximumPDULength: UInt32 = 262_144, timeouts: UpperLayerHandler.Timeouts = .init(),
        dimseTimeout: TimeAmount? = .seconds(30), maximumOperationsPerformed: UInt16 = 8, tls: NIOSSLContext? = nil,
        outboundTLS: NIOSSLContext? = nil
    ) {
        self.host = host
        self.port = port
        self.aeTitle = aeTitle
        self.maximumAssociations = maximumAssociations
        self.maximumPDULength = maximumPDULength
        self.timeouts = timeouts
        self.dimseTimeout = dimseTimeout
        self.maximumOperationsPerformed = maximumOperationsPerformed
        self.tls = tls
        self.outboundTLS = outboundTLS
    }
}
