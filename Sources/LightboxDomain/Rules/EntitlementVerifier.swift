import Foundation

/// Checks, at the moment of acting, that a person holds an entitlement in force for a duty on an exam.
struct EntitlementVerifier {
    let unit: any UnitOfWork

    /// The staff member and the entitlement in force that lets them do `duty` for `entry` at `moment`.
    /// When several are in force, one that needs no supervision is preferred.
    func require(
        _ staffID: UUID, _ duty: Duty, for entry: CatalogueEntry, at moment: Date
    ) async throws -> (StaffMember, Entitlement) {
        guard let member = try await unit.staff.get(staffID) else {
            throw DomainError.notFound("staff member", staffID)
        }
        guard member.active else {
            throw DomainError(.staffInactive, "\(member.displayName) is not an active member of staff.")
        }
        if member.registration == nil && member.profession.isRegulated {
            throw DomainError(
                .registrationMissing,
                "\(member.displayName) has no professional registration recorded; a \(member.profession.rawValue) "
                    + "cannot act until it is.")
        }
        if let registration = member.registration, registration.expires <= moment {
            throw DomainError(
                .registrationExpired,
                "\(member.displayName)'s \(registration.body) registration expired; no duties can be performed until it is renewed."
            )
        }
        let matching = try await unit.entitlements.list(staffID: staffID).filter {
            $0.duty == duty && $0.scope.covers(entry)
        }
        let inForce = matching.filter { $0.isInForce(at: moment) }
        if let best = inForce.first(where: { !$0.supervisionRequired }) ?? inForce.first {
            return (member, best)
        }
        let what = "\(duty.label) \(entry.name) (\(entry.code))"
        if matching.contains(where: { $0.starts > moment && $0.revokedAt == nil }) {
            throw DomainError(
                .entitlementNotYetValid,
                "\(member.displayName)'s entitlement to \(what) has not started yet.")
        }
        if !matching.isEmpty {
            throw DomainError(
                .entitlementExpired,
                "\(member.displayName)'s entitlement to \(what) has expired or was revoked.")
        }
        throw DomainError(.entitlementMissing, "\(member.displayName) is not entitled to \(what).")
    }

    /// Like `require`, but answers with a reason instead of throwing (for overrides and supervisors
    /// named inside a checklist, whose problems are reported with the others).
    func problem(
        _ staffID: UUID, _ duty: Duty, for entry: CatalogueEntry, at moment: Date, allowSupervised: Bool = true
    ) async throws -> String? {
        do {
            let (member, entitlement) = try await require(staffID, duty, for: entry, at: moment)
            if !allowSupervised && entitlement.supervisionRequired {
                return "\(member.displayName) may only \(duty.label) \(entry.name) under supervision"
            }
            return nil
        } catch let error as DomainError {
            return error.message
        }
    }
}
