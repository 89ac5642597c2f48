import Foundation

/// The identifiers that count towards the 3 a request and Pause and Check need. Location never counts.
public enum PatientIdentifierKind: String, Sendable, Codable, CaseIterable {
    case name, dateOfBirth, nhsNumber, hospitalNumber, address
}
