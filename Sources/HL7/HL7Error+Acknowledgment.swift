extension HL7Error {
    /// The acknowledgment code a receiver answers this error with (HL7 v2.5.1 §2.9.2, §2.9.3): a reject
    /// (AR/CR) when the message as a whole cannot be taken — unreadable, too large, or of a type, event,
    /// processing id or version the receiver does not support — and an error (AE/CE) when it was read but
    /// its content is wrong.
    public func acknowledgmentCode(enhancedMode: Bool = false) -> AcknowledgmentCode {
        switch code {
        case .requiredFieldMissing, .dataType, .tableValueNotFound, .segmentSequence, .badEscape,
            .applicationInternal:
            return enhancedMode ? .CE : .AE
        default:
            return enhancedMode ? .CR : .AR
        }
    }
}

extension Message {
    /// True when MSH-15 or MSH-16 is valued, i.e. the sender asks for enhanced-mode acknowledgements
    /// (HL7 v2.5.1 §2.9.3) and a commit acknowledgement (CA/CE/CR) is due first.
    public var requestsEnhancedAcknowledgment: Bool {
        header.field(15).text != nil || header.field(16).text != nil
    }
}
