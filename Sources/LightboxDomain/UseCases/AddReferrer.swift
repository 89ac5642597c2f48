import Foundation

/// Adds a referrer with their referral scope.
public struct AddReferrer: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var name: PersonName
        public var kind: Referrer.Kind
        public var registrationNumber: String
        public var organisationCode: String?
        public var scope: ReferralScope
        public var scopeExpires: Date?

        public init(
            name: PersonName, kind: Referrer.Kind, registrationNumber: String, organisationCode: String? = nil,
            scope: ReferralScope, scopeExpires: Date? = nil
        ) {
            self.name = name
            self.kind = kind
            self.registrationNumber = registrationNumber
            self.organisationCode = organisationCode
            self.scope = scope
            self.scopeExpires = scopeExpires
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Referrer> {
        try environment.policy.require(actor, .manageReferrers)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            var problems: [FieldProblem] = []
            if command.name.family.trimmed.isEmpty { problems.append(FieldProblem("name.family", "is empty")) }
            if command.registrationNumber.trimmed.isEmpty {
                problems.append(
                    FieldProblem("registrationNumber", "the professional registration number identifies the referrer"))
            }
            if !command.scope.unrestricted && command.scope.rules.isEmpty {
                problems.append(FieldProblem("scope", "say what the referrer may request"))
            }
            if command.scope.rules.contains(where: \.isEmpty) {
                problems.append(FieldProblem("scope.rules", "each rule needs a modality, exam code or body region"))
            }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The referrer's details are incomplete.", fields: problems)
            }
            let registration = command.registrationNumber.trimmed
            if try await unit.referrers.find(registrationNumber: registration) != nil {
                throw DomainError(
                    .duplicate, "A referrer with registration number \(registration) already exists.",
                    fields: [FieldProblem("registrationNumber", "already registered", code: .duplicate)])
            }
            let referrer = Referrer(
                id: id, name: command.name, kind: command.kind, registrationNumber: registration,
                organisationCode: command.organisationCode, scope: command.scope, scopeExpires: command.scopeExpires)
            try await unit.referrers.insert(referrer)
            try await unit.record(
                actor, "referrer.added", patientID: nil, examID: nil, at: now,
                "Added referrer \(referrer.name.display) (\(registration))")
            return Outcome(referrer, events: [DomainEvent(name: "referrer.added", subjectID: id.uuidString, at: now)])
        }
    }
}
