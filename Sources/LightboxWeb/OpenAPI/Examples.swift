import Foundation
import LightboxDomain

/// Fixed values for the OpenAPI examples.
enum Examples {
    static func id(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-4000-8000-%012d", n)) ?? UUID()
    }
    static let now = Date(timeIntervalSince1970: 1_772_442_000)
    static let name = PersonName(family: "Jones", given: ["Mary"], prefix: "Mrs")
    static let dateOfBirth = try? CalendarDate(year: 1961, month: 4, day: 12)
    static let hospitalNumber = HospitalNumber(value: "RXH1234567", issuingAuthority: "RXH")
    static let address = PostalAddress(lines: ["1 High Street", "Bristol"], postcode: "BS1 4DJ")
    static let identifiers = RequestIdentifiers(
        name: name, dateOfBirth: dateOfBirth, nhsNumber: "9434765919", hospitalNumber: hospitalNumber,
        address: address)
}
