extension Message {
    /// The acknowledgement code of an ACK (MSA-1), nil when there is no MSA.
    public var acknowledgmentCode: AcknowledgmentCode? {
        segment("MSA").flatMap { try? MSA($0) }?.acknowledgmentCode
    }
}
