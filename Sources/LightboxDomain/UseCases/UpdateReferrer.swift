import Foundation

/// Changes a referrer's scope, organisation, name or active flag (the registration number identifies them).
public struct UpdateReferrer: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var referrerID: UUID
        public var name: PersonName
        public var kind: Referrer.Kind
        public var organisationCode: String?
        public var scope: ReferralScope
        public var scopeExpires: Date?
        public var active: Bool

        public init(
            referrerID: UUID, name: PersonName, kind: Referrer.Kind, organisationCode: String?, scope: ReferralScope,
            scopeExpires: Date?, active: Bool
        ) {
            self.referrerID = referrerID
            self.name = name
            self.kind = kind
            self.organisationCode = organisationCode
            self.scope = scope
            self.scopeExpires = scopeExpires
            self.active = active
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Referrer> {
        try environment.policy.require(actor, .manageReferrers)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            guard var referrer = try await unit.referrers.get(command.referrerID) else {
                throw DomainError.notFound("referrer", command.referrerID)
            }
            var problems: [FieldProblem] = []
            if command.name.family.trimmed.isEmpty { problems.append(FieldProblem("name.family", "is empty")) }
            if !command.scope.unrestricted && command.scope.rules.isEmpty {
                problems.append(FieldProblem("scope", "say what the referrer may request"))
            }
            if command.scope.rules.contains(where: \.isEmpty) {
                problems.append(FieldProblem("scope.rules", "each rule needs a modality, exam code or body region"))
            }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The referrer's details are incomplete.", fields: problems)
            }
            referrer.name = command.name
            referrer.kind = command.kind
            referrer.organisationCode = command.organisationCode
            referrer.scope = command.scope
            referrer.scopeExpires = command.scopeExpires
            referrer.active = command.active
            try await unit.referrers.update(referrer)
            try await unit.record(
                actor, "referrer.updated", patientID: nil, examID: nil, at: now,
                "Updated referrer \(referrer.name.display) (\(referrer.registrationNumber))"
                    + (referrer.active ? "" : ", inactive"))
            return Outcome(
                referrer, events: [DomainEvent(name: "referrer.updated", subjectID: referrer.id.uuidString, at: now)])
        }
    }
}
