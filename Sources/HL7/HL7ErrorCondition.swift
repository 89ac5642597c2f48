/// HL7 table 0357 "Message error condition codes" (HL7 v2.5.1 §2.15.5.3, ERR-3).
public enum HL7ErrorCondition: Int, Sendable, Hashable, CaseIterable {
    case messageAccepted = 0
    case segmentSequenceError = 100
    case requiredFieldMissing = 101
    case dataTypeError = 102
    case tableValueNotFound = 103
    case unsupportedMessageType = 200
    case unsupportedEventCode = 201
    case unsupportedProcessingID = 202
    case unsupportedVersionID = 203
    case unknownKeyIdentifier = 204
    case duplicateKeyIdentifier = 205
    case applicationRecordLocked = 206
    case applicationInternalError = 207

    /// The table's text for the code, used as ERR-3.2.
    public var text: String {
        switch self {
        case .messageAccepted: return "Message accepted"
        case .segmentSequenceError: return "Segment sequence error"
        case .requiredFieldMissing: return "Required field missing"
        case .dataTypeError: return "Data type error"
        case .tableValueNotFound: return "Table value not found"
        case .unsupportedMessageType: return "Unsupported message type"
        case .unsupportedEventCode: return "Unsupported event code"
        case .unsupportedProcessingID: return "Unsupported processing id"
        case .unsupportedVersionID: return "Unsupported version id"
        case .unknownKeyIdentifier: return "Unknown key identifier"
        case .duplicateKeyIdentifier: return "Duplicate key identifier"
        case .applicationRecordLocked: return "Application record locked"
        case .applicationInternalError: return "Application internal error"
        }
    }
}
