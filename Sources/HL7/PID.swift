/// PID: patient identification (HL7 v2.5.1 §3.4.2).
public struct PID: Sendable, Hashable {
    public let segment: Segment
    /// PID-1 set id.
    public var setID: Int?
    /// PID-2 patient id (backward compatible; use PID-3).
    public var patientID: CX?
    /// PID-3 patient identifier list, each with its assigning authority.
    public var patientIdentifierList: [CX]
    /// PID-4 alternate patient id (backward compatible).
    public var alternatePatientIDs: [CX]
    /// PID-5 patient name(s).
    public var patientNames: [XPN]
    /// PID-6 mother's maiden name.
    public var mothersMaidenName: [XPN]
    /// PID-7 date/time of birth.
    public var dateTimeOfBirth: DTM?
    /// PID-8 administrative sex (table 0001): `F`, `M`, `O`, `U`, `A`, `N`.
    public var administrativeSex: String?
    /// PID-9 patient alias.
    public var patientAliases: [XPN]
    /// PID-10 race.
    public var race: [CE]
    /// PID-11 patient address.
    public var patientAddresses: [XAD]
    /// PID-13 phone number - home.
    public var phoneNumbersHome: [XTN]
    /// PID-14 phone number - business.
    public var phoneNumbersBusiness: [XTN]
    /// PID-15 primary language.
    public var primaryLanguage: CE?
    /// PID-16 marital status.
    public var maritalStatus: CE?
    /// PID-18 patient account number.
    public var patientAccountNumber: CX?
    /// PID-19 SSN number - patient (backward compatible).
    public var ssnNumber: String?
    /// PID-21 mother's identifier.
    public var mothersIdentifiers: [CX]
    /// PID-23 birth place.
    public var birthPlace: String?
    /// PID-24 multiple birth indicator (Y/N).
    public var multipleBirthIndicator: String?
    /// PID-25 birth order.
    public var birthOrder: Int?
    /// PID-28 nationality.
    public var nationality: CE?
    /// PID-29 patient death date and time.
    public var patientDeathDateTime: DTM?
    /// PID-30 patient death indicator (Y/N).
    public var patientDeathIndicator: String?
    /// PID-33 last update date/time.
    public var lastUpdateDateTime: DTM?

    public init(_ segment: Segment, strict: Bool = false) throws(HL7Error) {
        let r = try SegmentReader(segment, expecting: "PID", strict: strict)
        self.segment = segment
        setID = try r.int(1)
        patientID = r.one(2, CX.init)
        patientIdentifierList = r.each(3, CX.init)
        alternatePatientIDs = r.each(4, CX.init)
        patientNames = r.each(5, XPN.init)
        mothersMaidenName = r.each(6, XPN.init)
        dateTimeOfBirth = try r.dtm(7)
        administrativeSex = r.text(8)
        patientAliases = r.each(9, XPN.init)
        race = r.each(10, CE.init)
        patientAddresses = r.each(11, XAD.init)
        phoneNumbersHome = r.each(13, XTN.init)
        phoneNumbersBusiness = r.each(14, XTN.init)
        primaryLanguage = r.one(15, CE.init)
        maritalStatus = r.one(16, CE.init)
        patientAccountNumber = r.one(18, CX.init)
        ssnNumber = r.text(19)
        mothersIdentifiers = r.each(21, CX.init)
        birthPlace = r.text(23)
        multipleBirthIndicator = r.text(24)
        birthOrder = try r.int(25)
        nationality = r.one(28, CE.init)
        patientDeathDateTime = try r.dtm(29)
        patientDeathIndicator = r.text(30)
        lastUpdateDateTime = try r.dtm(33)
    }
}
