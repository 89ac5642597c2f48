/// PV1: patient visit (HL7 v2.5.1 §3.4.3).
public struct PV1: Sendable, Hashable {
    public let segment: Segment
    /// PV1-1 set id.
    public var setID: Int?
    /// PV1-2 patient class (table 0004): `I`, `O`, `E`, ...
    public var patientClass: String?
    /// PV1-3 assigned patient location.
    public var assignedPatientLocation: PL?
    /// PV1-4 admission type (table 0007).
    public var admissionType: String?
    /// PV1-6 prior patient location.
    public var priorPatientLocation: PL?
    /// PV1-7 attending doctor.
    public var attendingDoctors: [XCN]
    /// PV1-8 referring doctor.
    public var referringDoctors: [XCN]
    /// PV1-9 consulting doctor.
    public var consultingDoctors: [XCN]
    /// PV1-10 hospital service (table 0069).
    public var hospitalService: String?
    /// PV1-14 admit source (table 0023).
    public var admitSource: String?
    /// PV1-17 admitting doctor.
    public var admittingDoctors: [XCN]
    /// PV1-18 patient type (table 0018).
    public var patientType: String?
    /// PV1-19 visit number.
    public var visitNumber: CX?
    /// PV1-20 financial class (first repetition, component 1).
    public var financialClass: String?
    /// PV1-36 discharge disposition (table 0112).
    public var dischargeDisposition: String?
    /// PV1-39 servicing facility (table 0115).
    public var servicingFacility: String?
    /// PV1-41 account status (table 0117).
    public var accountStatus: String?
    /// PV1-44 admit date/time.
    public var admitDateTime: DTM?
    /// PV1-45 discharge date/time.
    public var dischargeDateTime: DTM?
    /// PV1-50 alternate visit id.
    public var alternateVisitID: CX?

    public init(_ segment: Segment, strict: Bool = false) throws(HL7Error) {
        let r = try SegmentReader(segment, expecting: "PV1", strict: strict)
        self.segment = segment
        setID = try r.int(1)
        patientClass = r.text(2)
        assignedPatientLocation = r.one(3, PL.init)
        admissionType = r.text(4)
        priorPatientLocation = r.one(6, PL.init)
        attendingDoctors = r.each(7, XCN.init)
        referringDoctors = r.each(8, XCN.init)
        consultingDoctors = r.each(9, XCN.init)
        hospitalService = r.text(10)
        admitSource = r.text(14)
        admittingDoctors = r.each(17, XCN.init)
        patientType = r.text(18)
        visitNumber = r.one(19, CX.init)
        financialClass = r.component(20, 1)
        dischargeDisposition = r.text(36)
        servicingFacility = r.text(39)
        accountStatus = r.text(41)
        admitDateTime = try r.dtm(44)
        dischargeDateTime = try r.dtm(45)
        alternateVisitID = r.one(50, CX.init)
    }
}
