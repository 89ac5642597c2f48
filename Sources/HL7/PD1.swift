/// PD1: patient additional demographic (HL7 v2.5.1 §3.4.10).
public struct PD1: Sendable, Hashable {
    public let segment: Segment
    /// PD1-3 patient primary facility.
    public var patientPrimaryFacility: [XON]
    /// PD1-4 patient primary care provider name and id.
    public var patientPrimaryCareProviders: [XCN]
    /// PD1-10 duplicate patient.
    public var duplicatePatients: [CX]
    /// PD1-11 publicity code (table 0215).
    public var publicityCode: CE?
    /// PD1-12 protection indicator (Y/N): whether access to the patient's information is restricted.
    public var protectionIndicator: String?
    /// PD1-13 protection indicator effective date (DT).
    public var protectionIndicatorEffectiveDate: DTM?

    public init(_ segment: Segment, strict: Bool = false) throws(HL7Error) {
        let r = try SegmentReader(segment, expecting: "PD1", strict: strict)
        self.segment = segment
        patientPrimaryFacility = r.each(3, XON.init)
        patientPrimaryCareProviders = r.each(4, XCN.init)
        duplicatePatients = r.each(10, CX.init)
        publicityCode = r.one(11, CE.init)
        protectionIndicator = r.text(12)
        protectionIndicatorEffectiveDate = try r.dtm(13)
    }
}
