/// OBR: observation request (HL7 v2.5.1 §4.5.3; results use in §7.4.1).
public struct OBR: Sendable, Hashable {
    public let segment: Segment
    /// OBR-1 set id.
    public var setID: Int?
    /// OBR-2 placer order number.
    public var placerOrderNumber: EI?
    /// OBR-3 filler order number.
    public var fillerOrderNumber: EI?
    /// OBR-4 universal service identifier (the requested procedure).
    public var universalServiceIdentifier: CE?
    /// OBR-5 priority (backward compatible).
    public var priority: String?
    /// OBR-6 requested date/time (backward compatible).
    public var requestedDateTime: DTM?
    /// OBR-7 observation date/time.
    public var observationDateTime: DTM?
    /// OBR-8 observation end date/time.
    public var observationEndDateTime: DTM?
    /// OBR-13 relevant clinical information.
    public var relevantClinicalInformation: String?
    /// OBR-16 ordering provider.
    public var orderingProviders: [XCN]
    /// OBR-18 placer field 1 (in radiology often the accession number).
    public var placerField1: String?
    /// OBR-19 placer field 2.
    public var placerField2: String?
    /// OBR-20 filler field 1.
    public var fillerField1: String?
    /// OBR-21 filler field 2.
    public var fillerField2: String?
    /// OBR-22 results report/status change date/time.
    public var resultsReportStatusChangeDateTime: DTM?
    /// OBR-24 diagnostic service section id (table 0074), e.g. `RAD`, `CT`, `US`.
    public var diagnosticServiceSectionID: String?
    /// OBR-25 result status (table 0123): `O`, `I`, `S`, `P`, `C`, `R`, `F`, `X`.
    public var resultStatus: String?
    /// OBR-27.6 quantity/timing priority (TQ, backward compatible).
    public var quantityTimingPriority: String?
    /// OBR-28 result copies to.
    public var resultCopiesTo: [XCN]
    /// OBR-31 reason for study.
    public var reasonsForStudy: [CE]
    /// OBR-32.1 principal result interpreter (NDL.1 as CNN: id^family^given).
    public var principalResultInterpreter: XCN?
    /// OBR-34.1 technician.
    public var technicians: [XCN]
    /// OBR-36 scheduled date/time.
    public var scheduledDateTime: DTM?
    /// OBR-44 procedure code.
    public var procedureCode: CE?

    public init(_ segment: Segment, strict: Bool = false) throws(HL7Error) {
        let r = try SegmentReader(segment, expecting: "OBR", strict: strict)
        self.segment = segment
        setID = try r.int(1)
        placerOrderNumber = r.one(2, EI.init)
        fillerOrderNumber = r.one(3, EI.init)
        universalServiceIdentifier = r.one(4, CE.init)
        priority = r.text(5)
        requestedDateTime = try r.dtm(6)
        observationDateTime = try r.dtm(7)
        observationEndDateTime = try r.dtm(8)
        relevantClinicalInformation = r.text(13)
        orderingProviders = r.each(16, XCN.init)
        placerField1 = r.text(18)
        placerField2 = r.text(19)
        fillerField1 = r.text(20)
        fillerField2 = r.text(21)
        resultsReportStatusChangeDateTime = try r.dtm(22)
        diagnosticServiceSectionID = r.text(24)
        resultStatus = r.text(25)
        quantityTimingPriority = r.component(27, 6)
        resultCopiesTo = r.each(28, XCN.init)
        reasonsForStudy = r.each(31, CE.init)
        principalResultInterpreter = r.one(32) { XCN.fromCNN($0.component(1)) }
        technicians = r.each(34) { XCN.fromCNN($0.component(1)) }
        scheduledDateTime = try r.dtm(36)
        procedureCode = r.one(44, CE.init)
    }
}
