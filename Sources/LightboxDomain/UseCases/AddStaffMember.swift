import Foundation

/// Adds a member of staff with their profession and registration.
public struct AddStaffMember: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var name: PersonName
        public var profession: Profession
        public var jobTitle: String?
        public var registration: ProfessionalRegistration?

        public init(
            name: PersonName, profession: Profession, jobTitle: String? = nil,
            registration: ProfessionalRegistration? = nil
        ) {
            self.name = name
            self.profession = profession
            self.jobTitle = jobTitle
            self.registration = registration
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<StaffMember> {
        try environment.policy.require(actor, .manageStaff)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            try Self.validate(command.name, command.registration)
            let member = StaffMember(
                id: id, name: command.name, profession: command.profession, jobTitle: command.jobTitle,
                registration: command.registration, createdAt: now)
            try await unit.staff.insert(member)
            try await unit.record(
                actor, "staff.added", patientID: nil, examID: nil, at: now,
                "Added \(member.displayName) (\(member.profession.rawValue))")
            return Outcome(member, events: [DomainEvent(name: "staff.added", subjectID: id.uuidString, at: now)])
        }
    }

    static func validate(_ name: PersonName, _ registration: ProfessionalRegistration?) throws(DomainError) {
        var problems: [FieldProblem] = []
        if name.family.trimmed.isEmpty { problems.append(FieldProblem("name.family", "is empty")) }
        if let registration {
            if registration.body.trimmed.isEmpty { problems.append(FieldProblem("registration.body", "is empty")) }
            if registration.number.trimmed.isEmpty { problems.append(FieldProblem("registration.number", "is empty")) }
        }
        guard problems.isEmpty else {
            throw DomainError(.validationFailed, "The staff member's details are incomplete.", fields: problems)
        }
    }
}
