import Foundation

/// Filters for finding patients; every filter set must match.
public struct PatientQuery: Sendable, Codable, Equatable {
    public var nhsNumber: NHSNumber?
    public var hospitalNumber: String?
    /// Matches the start of the family name, ignoring case.
    public var familyName: String?
    public var dateOfBirth: CalendarDate?
    public var limit: Int

    public init(
        nhsNumber: NHSNumber? = nil, hospitalNumber: String? = nil, familyName: String? = nil,
        dateOfBirth: CalendarDate? = nil, limit: Int = 50
    ) {
        self.nhsNumber = nhsNumber
        self.hospitalNumber = hospitalNumber
        self.familyName = familyName
        self.dateOfBirth = dateOfBirth
        self.limit = limit
    }

    /// The reference meaning of the query, for stores that filter in memory.
    public func matches(_ patient: Patient) -> Bool {
        if let nhsNumber, patient.nhsNumber != nhsNumber { return false }
        if let hospitalNumber, !patient.hospitalNumbers.contains(where: { $0.value == hospitalNumber }) {
            return false
        }
        if let familyName,
            !patient.name.family.normalisedForMatching.hasPrefix(familyName.normalisedForMatching)
        {
            return false
        }
        if let dateOfBirth, patient.dateOfBirth != dateOfBirth { return false }
        return true
    }
}
