import Foundation

/// A local patient identifier (hospital number / MRN) with the organisation that issued it
/// (an ODS code such as "RXH"): the same number from two trusts is two different identifiers.
public struct HospitalNumber: Sendable, Hashable, Codable {
    public var value: String
    public var issuingAuthority: String

    public init(value: String, issuingAuthority: String) {
        self.value = value
        self.issuingAuthority = issuingAuthority
    }
}
