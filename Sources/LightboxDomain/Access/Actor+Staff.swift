import Foundation

extension Actor {
    /// The acting staff member's id; pathway steps are done by a person, never an anonymous account.
    func requireStaffID() throws(DomainError) -> UUID {
        guard let staffID else {
            throw DomainError(
                .noStaffRecord,
                "The account \(username) is not linked to a member of staff, so it cannot perform clinical steps.")
        }
        return staffID
    }
}
