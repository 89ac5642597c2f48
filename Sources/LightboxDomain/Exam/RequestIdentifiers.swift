import Foundation

/// The patient identifiers written on a request, as the referrer gave them. They are checked
/// against the registered patient: each one given must agree with the record.
public struct RequestIdentifiers: Sendable, Codable, Equatable {
    public var name: PersonName?
    public var dateOfBirth: CalendarDate?
    /// As typed; validated (modulus 11) by the request rules.
    public var nhsNumber: String?
    public var hospitalNumber: HospitalNumber?
    public var address: PostalAddress?

    public init(
        name: PersonName? = nil, dateOfBirth: CalendarDate? = nil, nhsNumber: String? = nil,
        hospitalNumber: HospitalNumber? = nil, address: PostalAddress? = nil
    ) {
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.nhsNumber = nhsNumber
        self.hospitalNumber = hospitalNumber
        self.address = address
    }

    /// The identifiers actually present (blank ones do not count).
    public var present: [PatientIdentifierKind] {
        var kinds: [PatientIdentifierKind] = []
        if let name, !name.isEmpty { kinds.append(.name) }
        if dateOfBirth != nil { kinds.append(.dateOfBirth) }
        if let nhsNumber, !nhsNumber.trimmed.isEmpty { kinds.append(.nhsNumber) }
        if let hospitalNumber, !hospitalNumber.value.trimmed.isEmpty { kinds.append(.hospitalNumber) }
        if let address, !address.isEmpty { kinds.append(.address) }
        return kinds
    }
}
