/// EVN: event type (HL7 v2.5.1 §3.4.1).
public struct EVN: Sendable, Hashable {
    public let segment: Segment
    /// EVN-1 event type code (backward compatible; MSH-9.2 is authoritative).
    public var eventTypeCode: String?
    /// EVN-2 recorded date/time.
    public var recordedDateTime: DTM?
    /// EVN-3 date/time planned event.
    public var dateTimePlannedEvent: DTM?
    /// EVN-4 event reason code (table 0062).
    public var eventReasonCode: String?
    /// EVN-5 operator id.
    public var operatorIDs: [XCN]
    /// EVN-6 event occurred.
    public var eventOccurred: DTM?
    /// EVN-7 event facility.
    public var eventFacility: HD?

    public init(_ segment: Segment, strict: Bool = false) throws(HL7Error) {
        let r = try SegmentReader(segment, expecting: "EVN", strict: strict)
        self.segment = segment
        eventTypeCode = r.text(1)
        recordedDateTime = try r.dtm(2)
        dateTimePlannedEvent = try r.dtm(3)
        eventReasonCode = r.text(4)
        operatorIDs = r.each(5, XCN.init)
        eventOccurred = try r.dtm(6)
        eventFacility = r.one(7, HD.init)
    }
}
