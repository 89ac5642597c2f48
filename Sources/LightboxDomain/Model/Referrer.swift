import Foundation

/// Someone who may request exams (IR(ME)R referrer): a doctor, ED practitioner, GP or
/// non-medical referrer, identified by their professional registration.
public struct Referrer: Sendable, Codable, Equatable, Identifiable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case doctor, generalPractitioner, edPractitioner, nonMedicalReferrer, dentist
    }

    public var id: UUID
    public var name: PersonName
    public var kind: Kind
    /// GMC, NMC, HCPC or GDC number.
    public var registrationNumber: String
    /// Referring organisation (ODS code), reported in the Diagnostic Imaging Dataset.
    public var organisationCode: String?
    public var scope: ReferralScope
    public var active: Bool
    /// A non-medical referrer's scope is granted for a period.
    public var scopeExpires: Date?

    public init(
        id: UUID, name: PersonName, kind: Kind, registrationNumber: String, organisationCode: String? = nil,
        scope: ReferralScope, active: Bool = true, scopeExpires: Date? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.registrationNumber = registrationNumber
        self.organisationCode = organisationCode
        self.scope = scope
        self.active = active
        self.scopeExpires = scopeExpires
    }
}
