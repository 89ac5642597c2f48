/// A-ABORT PDU, PS3.8 §9.3.8 (Table 9-26).
public struct AAbort: Sendable, Equatable {
    /// Source field.
    public enum Source: UInt8, Sendable {
        /// DICOM UL service-user (initiated abort).
        case serviceUser = 0
        /// Reserved value; tolerated on receipt.
        case reserved = 1
        /// DICOM UL service-provider (initiated abort).
        case serviceProvider = 2
    }

    /// Reason/diagnostic field, significant only when `source` is `.serviceProvider`.
    public enum Reason: UInt8, Sendable {
        case notSpecified = 0
        case unrecognizedPDU = 1
        case unexpectedPDU = 2
        case reserved = 3
        case unrecognizedPDUParameter = 4
        case unexpectedPDUParameter = 5
        case invalidPDUParameterValue = 6
    }

    public var source: Source
    public var reason: Reason

    public init(source: Source, reason: Reason = .notSpecified) {
        self.source = source
        self.reason = reason
    }
}
