/// MSH: message header (HL7 v2.5.1 §2.15.9).
public struct MSH: Sendable, Hashable {
    public let segment: Segment
    /// MSH-1/MSH-2 encoding characters.
    public var encodingCharacters: EncodingCharacters { segment.encoding }
    /// MSH-3 sending application.
    public var sendingApplication: HD?
    /// MSH-4 sending facility.
    public var sendingFacility: HD?
    /// MSH-5 receiving application.
    public var receivingApplication: HD?
    /// MSH-6 receiving facility.
    public var receivingFacility: HD?
    /// MSH-7 date/time of message.
    public var dateTimeOfMessage: DTM?
    /// MSH-8 security.
    public var security: String?
    /// MSH-9.1 message code (table 0076), e.g. `ADT`.
    public var messageCode: String?
    /// MSH-9.2 trigger event (table 0003), e.g. `A01`.
    public var triggerEvent: String?
    /// MSH-9.3 message structure (table 0354), e.g. `ADT_A01`.
    public var messageStructure: String?
    /// MSH-10 message control id.
    public var messageControlID: String?
    /// MSH-11.1 processing id (table 0103): `P`, `D`, `T`.
    public var processingID: String?
    /// MSH-11.2 processing mode (table 0207).
    public var processingMode: String?
    /// MSH-12.1 version id (table 0104), e.g. `2.5.1`.
    public var versionID: String?
    /// MSH-13 sequence number.
    public var sequenceNumber: Int?
    /// MSH-15 accept acknowledgment type (table 0155): `AL`, `NE`, `ER`, `SU`.
    public var acceptAcknowledgmentType: String?
    /// MSH-16 application acknowledgment type (table 0155).
    public var applicationAcknowledgmentType: String?
    /// MSH-17 country code (ISO 3166).
    public var countryCode: String?
    /// MSH-18 character sets (table 0211); the first governs decoding.
    public var characterSets: [String]
    /// MSH-19 principal language of message.
    public var principalLanguage: CE?
    /// MSH-21 message profile identifiers.
    public var messageProfileIdentifiers: [EI]

    public init(_ segment: Segment, strict: Bool = false) throws(HL7Error) {
        let r = try SegmentReader(segment, expecting: "MSH", strict: strict)
        self.segment = segment
        sendingApplication = r.one(3, HD.init)
        sendingFacility = r.one(4, HD.init)
        receivingApplication = r.one(5, HD.init)
        receivingFacility = r.one(6, HD.init)
        dateTimeOfMessage = try r.dtm(7)
        security = r.text(8)
        messageCode = r.component(9, 1)
        triggerEvent = r.component(9, 2)
        messageStructure = r.component(9, 3)
        messageControlID = r.text(10)
        processingID = r.component(11, 1)
        processingMode = r.component(11, 2)
        versionID = r.component(12, 1)
        sequenceNumber = try r.int(13)
        acceptAcknowledgmentType = r.text(15)
        applicationAcknowledgmentType = r.text(16)
        countryCode = r.text(17)
        characterSets = r.texts(18)
        principalLanguage = r.one(19, CE.init)
        messageProfileIdentifiers = r.each(21, EI.init)
    }
}
