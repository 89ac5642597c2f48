/// MSA: message acknowledgment (HL7 v2.5.1 §2.15.8).
public struct MSA: Sendable, Hashable {
    public let segment: Segment
    /// MSA-1 acknowledgment code (table 0008).
    public var acknowledgmentCode: AcknowledgmentCode?
    /// MSA-1 as sent, when it is not a table 0008 value.
    public var acknowledgmentCodeText: String?
    /// MSA-2 message control id of the message being acknowledged.
    public var messageControlID: String?
    /// MSA-3 text message (deprecated in v2.5.1 in favour of ERR, still sent by many systems).
    public var textMessage: String?
    /// MSA-4 expected sequence number.
    public var expectedSequenceNumber: Int?

    public init(_ segment: Segment, strict: Bool = false) throws(HL7Error) {
        let r = try SegmentReader(segment, expecting: "MSA", strict: strict)
        self.segment = segment
        acknowledgmentCodeText = r.text(1)
        acknowledgmentCode = acknowledgmentCodeText.flatMap(AcknowledgmentCode.init(rawValue:))
        messageControlID = r.text(2)
        textMessage = r.text(3)
        expectedSequenceNumber = try r.int(4)
    }
}
