import Foundation

/// Changes a staff member's profession, title, registration (renewal) or active flag.
public struct UpdateStaffMember: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var staffID: UUID
        public var name: PersonName
        public var profession: Profession
        public var jobTitle: String?
        public var registration: ProfessionalRegistration?
        public var active: Bool

        public init(
            staffID: UUID, name: PersonName, profession: Profession, jobTitle: String?,
            registration: ProfessionalRegistration?, active: Bool
        ) {
            self.staffID = staffID
            self.name = name
            self.profession = profession
            self.jobTitle = jobTitle
            self.registration = registration
            self.active = active
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<StaffMember> {
        try environment.policy.require(actor, .manageStaff)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            guard var member = try await unit.staff.get(command.staffID) else {
                throw DomainError.notFound("staff member", command.staffID)
            }
            try AddStaffMember.validate(command.name, command.registration)
            member.name = command.name
            member.profession = command.profession
            member.jobTitle = command.jobTitle
            member.registration = command.registration
            member.active = command.active
            try await unit.staff.update(member)
            try await unit.record(
                actor, "staff.updated", patientID: nil, examID: nil, at: now,
                "Updated \(member.displayName) (\(member.profession.rawValue), \(member.active ? "active" : "inactive"))"
            )
            return Outcome(
                member, events: [DomainEvent(name: "staff.updated", subjectID: member.id.uuidString, at: now)])
        }
    }
}
