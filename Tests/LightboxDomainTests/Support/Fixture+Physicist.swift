import Foundation
import LightboxDomain

extension Fixture {
    /// A clinical scientist (the medical physics expert) with a physicist's account, registered for the next year:
    /// who reviews SAUE cases and staff dose investigations.
    func mpe() async throws -> Actor {
        let member = try await department.addStaffMember(
            .init(
                name: PersonName(family: "Nair", given: ["Priya"]), profession: .clinicalScientist,
                registration: ProfessionalRegistration(
                    body: "HCPC", number: "CS12345", expires: Fixture.start + 365 * 86_400)),
            by: manager
        ).value
        return Actor(staffID: member.id, username: "p.nair", role: .physicist, door: .api)
    }
}
