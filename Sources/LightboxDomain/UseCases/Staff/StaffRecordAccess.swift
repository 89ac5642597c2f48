import Foundation

/// Whose staff records an actor may read or add to: their own always; anyone's with a permission.
enum StaffRecordAccess {
    /// The member of staff concerned: `staffID`, or the actor's own when not given. Someone else's needs
    /// `permission`.
    static func subject(
        _ staffID: UUID?, actor: Actor, policy: AccessPolicy, otherwise permission: Permission
    ) throws(DomainError) -> UUID {
        if let staffID, staffID != actor.staffID {
            try policy.require(actor, permission)
            return staffID
        }
        if let own = actor.staffID { return own }
        throw DomainError(
            .validationFailed, "Name the member of staff (the account \(actor.username) is not linked to one).",
            fields: [FieldProblem("staffID", "is missing")])
    }

    static func member(_ id: UUID, in unit: any UnitOfWork) async throws -> StaffMember {
        guard let member = try await unit.staff.get(id) else { throw DomainError.notFound("staff member", id) }
        return member
    }

    /// Every list of staff records is bounded.
    static let maximumListed = 500
}
