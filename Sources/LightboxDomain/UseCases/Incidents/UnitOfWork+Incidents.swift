import Foundation

extension UnitOfWork {
    func incident(_ id: UUID) async throws -> Incident {
        guard let incident = try await incidents.get(id) else { throw DomainError.notFound("incident", id) }
        return incident
    }

    /// The incident, refused when it is closed (a closed incident is not changed).
    func openIncident(_ id: UUID) async throws -> Incident {
        let incident = try await incident(id)
        guard incident.status != .closed else {
            throw DomainError(.transitionNotAllowed, "Incident \(incident.reference) is closed; it is not changed.")
        }
        return incident
    }

    /// An active member of staff, or a problem on `field`.
    func activeStaff(_ id: UUID?, field: String, missing: String) async throws -> (StaffMember?, FieldProblem?) {
        guard let id else { return (nil, FieldProblem(field, missing)) }
        guard let member = try await staff.get(id) else {
            return (nil, FieldProblem(field, "no member of staff has this id"))
        }
        guard member.active else { return (nil, FieldProblem(field, "\(member.displayName) is no longer active")) }
        return (member, nil)
    }
}
