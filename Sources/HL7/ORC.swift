/// ORC: common order (HL7 v2.5.1 §4.5.1).
public struct ORC: Sendable, Hashable {
    public let segment: Segment
    /// ORC-1 order control (table 0119): `NW` new, `CA` cancel, `XO` change, `SC` status changed, `RE` results...
    public var orderControl: String?
    /// ORC-2 placer order number.
    public var placerOrderNumber: EI?
    /// ORC-3 filler order number.
    public var fillerOrderNumber: EI?
    /// ORC-4 placer group number.
    public var placerGroupNumber: EI?
    /// ORC-5 order status (table 0038): `SC`, `IP`, `CM`, `CA`...
    public var orderStatus: String?
    /// ORC-6 response flag (table 0121).
    public var responseFlag: String?
    /// ORC-7.4 quantity/timing start date/time (TQ, backward compatible).
    public var quantityTimingStart: DTM?
    /// ORC-7.6 quantity/timing priority (e.g. `S` stat, `R` routine).
    public var quantityTimingPriority: String?
    /// ORC-9 date/time of transaction.
    public var dateTimeOfTransaction: DTM?
    /// ORC-10 entered by.
    public var enteredBy: [XCN]
    /// ORC-11 verified by.
    public var verifiedBy: [XCN]
    /// ORC-12 ordering provider.
    public var orderingProviders: [XCN]
    /// ORC-13 enterer's location.
    public var enterersLocation: PL?
    /// ORC-15 order effective date/time.
    public var orderEffectiveDateTime: DTM?
    /// ORC-16 order control code reason.
    public var orderControlCodeReason: CE?
    /// ORC-17 entering organization.
    public var enteringOrganization: CE?
    /// ORC-21 ordering facility name.
    public var orderingFacilityNames: [XON]

    public init(_ segment: Segment, strict: Bool = false) throws(HL7Error) {
        let r = try SegmentReader(segment, expecting: "ORC", strict: strict)
        self.segment = segment
        orderControl = r.text(1)
        placerOrderNumber = r.one(2, EI.init)
        fillerOrderNumber = r.one(3, EI.init)
        placerGroupNumber = r.one(4, EI.init)
        orderStatus = r.text(5)
        responseFlag = r.text(6)
        do {
            quantityTimingStart = try r.field(7).component(4).text.map { t throws(HL7Error) in try DTM(t) }
        } catch {
            if strict {
                throw HL7Error(
                    .dataType, error.message, location: ErrorLocation(segmentID: "ORC", field: 7, component: 4))
            }
            quantityTimingStart = nil
        }
        quantityTimingPriority = r.component(7, 6)
        dateTimeOfTransaction = try r.dtm(9)
        enteredBy = r.each(10, XCN.init)
        verifiedBy = r.each(11, XCN.init)
        orderingProviders = r.each(12, XCN.init)
        enterersLocation = r.one(13, PL.init)
        orderEffectiveDateTime = try r.dtm(15)
        orderControlCodeReason = r.one(16, CE.init)
        enteringOrganization = r.one(17, CE.init)
        orderingFacilityNames = r.each(21, XON.init)
    }
}
