/// The one error type of the `DICOMNetwork` module. Each case of ``Code`` is a stable machine code;
/// `message` names the problem in words.
public struct DICOMNetworkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable error codes (the raw value never changes between releases).
    public enum Code: String, Sendable, Equatable {
        /// A PDU type byte that PS3.8 §9.3 does not define.
        case unrecognizedPDU = "pdu.unrecognized"
        /// A PDU or item whose lengths or fields contradict PS3.8 §9.3.
        case malformedPDU = "pdu.malformed"
        /// A PDU declaring a length above the configured maximum.
        case pduTooLong = "pdu.too-long"
        /// A PDU that the state table (PS3.8 §9.2) does not allow in the current state.
        case unexpectedPDU = "pdu.unexpected"
        /// A local request that the state table does not allow in the current state.
        case invalidPrimitive = "association.invalid-primitive"
        /// The peer answered A-ASSOCIATE-RJ.
        case associationRejected = "association.rejected"
        /// The association was aborted (A-ABORT or A-P-ABORT).
        case associationAborted = "association.aborted"
        /// The transport closed before the exchange finished.
        case connectionClosed = "association.closed"
        /// ARTIM or an idle timeout expired.
        case timeout = "association.timeout"
        /// No accepted presentation context fits the request.
        case noPresentationContext = "association.no-presentation-context"
        /// A DIMSE command set that PS3.7 §9/§10 does not allow.
        case malformedCommand = "dimse.malformed-command"
        /// A DIMSE message arriving where the protocol does not expect it.
        case unexpectedMessage = "dimse.unexpected-message"
        /// The peer answered with a failure status.
        case failureStatus = "dimse.failure-status"
        /// A file that is not DICOM Part 10 (PS3.10 §7).
        case notPart10 = "file.not-part10"
        /// A data set that cannot be read or written.
        case invalidDataSet = "dataset.invalid"
        /// A query key that cannot be parsed (command line or query file).
        case invalidQueryKey = "query.invalid-key"
        /// An I/O problem (file system, sockets).
        case io = "io"
        /// Certificates, keys or trust anchors that cannot make a TLS context (PS3.15 Annex B).
        case invalidTLSConfiguration = "tls.invalid-configuration"
        /// The TLS handshake failed (untrusted or missing certificate, no common protocol).
        case tlsHandshakeFailed = "tls.handshake-failed"
    }

    /// The stable code.
    public var code: Code
    /// What went wrong, in words.
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
