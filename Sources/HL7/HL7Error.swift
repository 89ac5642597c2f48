/// The one error type of the HL7 module. Every case has a stable `code` (never renumbered) and maps to
/// an HL7 table 0357 "Message error condition code" (HL7 v2.5.1 §2.15.5.3) so that it can be reported
/// in an ERR segment of a negative acknowledgement.
public struct HL7Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable identifiers of the problems the module can report.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The input is empty or contains no segment at all.
        case emptyMessage = "HL7-001"
        /// The message does not start with an MSH segment (HL7 v2.5.1 §2.5.1).
        case missingMSH = "HL7-002"
        /// MSH-1/MSH-2 do not hold a valid set of distinct encoding characters (§2.5.4).
        case badEncodingCharacters = "HL7-003"
        /// A segment is cut short: an MSH shorter than its encoding characters, a segment id of the wrong length.
        case truncatedSegment = "HL7-004"
        /// A segment id is not three upper-case letters or digits (§2.5.2).
        case badSegmentID = "HL7-005"
        /// An escape sequence is not closed or is not one §2.7 defines.
        case badEscape = "HL7-006"
        /// The message or frame exceeds the configured maximum size.
        case oversized = "HL7-007"
        /// A second MSH was found where a single message was expected.
        case multipleMessages = "HL7-008"
        /// Batch/file envelope (FHS/BHS/BTS/FTS) out of order (§2.10.3).
        case batchStructure = "HL7-009"
        /// A segment the message structure requires is absent, or segments are out of order.
        case segmentSequence = "HL7-010"
        /// A required field is empty.
        case requiredFieldMissing = "HL7-011"
        /// A value does not conform to its data type (a date, a number).
        case dataType = "HL7-012"
        /// A coded value is not in its table.
        case tableValueNotFound = "HL7-013"
        /// MSH-9.1 message type is not supported by the receiver.
        case unsupportedMessageType = "HL7-014"
        /// MSH-9.2 trigger event is not supported by the receiver.
        case unsupportedEventCode = "HL7-015"
        /// MSH-11 processing id is not supported by the receiver.
        case unsupportedProcessingID = "HL7-016"
        /// MSH-12 version is not supported by the receiver.
        case unsupportedVersion = "HL7-017"
        /// MSH-18 names a character set the module cannot decode.
        case unsupportedCharacterSet = "HL7-018"
        /// The receiving application failed.
        case applicationInternal = "HL7-019"
        /// MLLP framing violated (HL7 MLLP release 2).
        case framing = "HL7-020"
        /// A read, connect or acknowledgement wait exceeded its time limit.
        case timeout = "HL7-021"
        /// The connection closed before the exchange completed.
        case connectionClosed = "HL7-022"
        /// The server refused the connection because its connection limit was reached.
        case connectionLimit = "HL7-023"
        /// A path expression such as `PID-3[2].4` is not well formed.
        case badPath = "HL7-024"
        /// A reply could not be understood as an acknowledgement (no MSA, wrong control id).
        case badAcknowledgment = "HL7-025"
    }

    public let code: Code
    /// Human-readable explanation naming the problem.
    public let message: String
    /// Where in the message the problem is, when known.
    public let location: ErrorLocation?

    public init(_ code: Code, _ message: String, location: ErrorLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// HL7 table 0357 code for an ERR-3 (HL7 v2.5.1 §2.15.5.3).
    public var table0357: HL7ErrorCondition {
        switch code {
        case .emptyMessage, .missingMSH, .truncatedSegment, .badSegmentID, .multipleMessages, .batchStructure,
            .segmentSequence, .framing:
            return .segmentSequenceError
        case .requiredFieldMissing: return .requiredFieldMissing
        case .badEncodingCharacters, .badEscape, .dataType, .unsupportedCharacterSet: return .dataTypeError
        case .tableValueNotFound: return .tableValueNotFound
        case .unsupportedMessageType: return .unsupportedMessageType
        case .unsupportedEventCode: return .unsupportedEventCode
        case .unsupportedProcessingID: return .unsupportedProcessingID
        case .unsupportedVersion: return .unsupportedVersionID
        case .oversized, .applicationInternal, .timeout, .connectionClosed, .connectionLimit, .badPath,
            .badAcknowledgment:
            return .applicationInternalError
        }
    }

    public var description: String {
        if let location { return "\(code.rawValue) at \(location): \(message)" }
        return "\(code.rawValue): \(message)"
    }
}
