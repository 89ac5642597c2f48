import Foundation

/// A patient and their identifiers. Location (ward, bed) is deliberately not here: it is never an identifier.
public struct Patient: Sendable, Codable, Equatable, Identifiable {
    public var id: UUID
    public var nhsNumber: NHSNumber?
    public var hospitalNumbers: [HospitalNumber]
    public var name: PersonName
    public var dateOfBirth: CalendarDate?
    public var sex: AdministrativeSex
    /// Overrides the assumption drawn from `sex` for the pregnancy enquiry (for example `false`
    /// after hysterectomy, `true` for a trans man): `nil` means "assume from sex".
    public var childbearingPotential: Bool?
    public var address: PostalAddress?
    /// GP practice code (ODS), reported in the Diagnostic Imaging Dataset.
    public var gpPracticeCode: String?
    /// Set when the patient has had a reaction to iodinated or gadolinium contrast; screening
    /// cannot then record "no previous reaction".
    public var previousContrastReaction: Bool
    /// Free-text alerts shown at the desk (infection risk, interpreter, mobility).
    public var alerts: [String]
    /// Set when this record was merged into another (HL7 A40); the surviving record's id.
    public var mergedInto: UUID?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: UUID, nhsNumber: NHSNumber? = nil, hospitalNumbers: [HospitalNumber] = [], name: PersonName,
        dateOfBirth: CalendarDate? = nil, sex: AdministrativeSex = .unknown, childbearingPotential: Bool? = nil,
        address: PostalAddress? = nil, gpPracticeCode: String? = nil, previousContrastReaction: Bool = false,
        alerts: [String] = [], mergedInto: UUID? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.nhsNumber = nhsNumber
        self.hospitalNumbers = hospitalNumbers
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.childbearingPotential = childbearingPotential
        self.address = address
        self.gpPracticeCode = gpPracticeCode
        self.previousContrastReaction = previousContrastReaction
        self.alerts = alerts
        self.mergedInto = mergedInto
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Age in completed years on `day`, if the date of birth is known.
    public func age(on day: CalendarDate) -> Int? {
        dateOfBirth.map { $0.years(until: day) }
    }

    /// Whether the pregnancy enquiry applies to this person by sex: unknown or other sex is asked
    /// (the safe default) unless the record says otherwise.
    public var mayBePregnant: Bool {
        childbearingPotential ?? (sex != .male)
    }
}
