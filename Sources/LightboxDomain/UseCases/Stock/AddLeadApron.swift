import Foundation

/// Adds a lead apron to the inventory; its first integrity check is due at once unless a check date is given.
public struct AddLeadApron: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var identifier: String
        public var description: String
        public var leadEquivalenceMillimetres: Double
        public var location: String
        /// The last integrity check before it joined the inventory (the next is due a check interval after it).
        public var lastCheckedOn: Date?

        public init(
            identifier: String, description: String, leadEquivalenceMillimetres: Double, location: String,
            lastCheckedOn: Date? = nil
        ) {
            self.identifier = identifier
            self.description = description
            self.leadEquivalenceMillimetres = leadEquivalenceMillimetres
            self.location = location
            self.lastCheckedOn = lastCheckedOn
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<LeadApron> {
        try environment.policy.require(actor, .manageStock)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let configuration = try await environment.configuration(at: now, in: unit)
            var problems: [FieldProblem] = []
            if command.identifier.trimmed.isEmpty { problems.append(FieldProblem("identifier", "is empty")) }
            if command.location.trimmed.isEmpty { problems.append(FieldProblem("location", "is empty")) }
            if !(command.leadEquivalenceMillimetres > 0 && command.leadEquivalenceMillimetres <= 2) {
                problems.append(FieldProblem("leadEquivalenceMillimetres", "must be more than 0 and at most 2 mm Pb"))
            }
            if let last = command.lastCheckedOn, last > now {
                problems.append(FieldProblem("lastCheckedOn", "is in the future"))
            }
            let aprons = try await unit.stock.list(LeadApron.self, parentID: nil, limit: StockLedger.maximumListed)
            if aprons.contains(where: { $0.identifier.uppercased() == command.identifier.trimmed.uppercased() }) {
                problems.append(FieldProblem("identifier", "another apron has this label", code: .duplicate))
            }
            guard problems.isEmpty else {
                throw DomainError(.validationFailed, "The apron cannot be added.", fields: problems)
            }
            let interval = TimeInterval(configuration.leadApronCheckIntervalDays) * 86_400
            let apron = LeadApron(
                id: id, identifier: command.identifier.trimmed, description: command.description.trimmed,
                leadEquivalenceMillimetres: command.leadEquivalenceMillimetres, location: command.location.trimmed,
                lastCheckedOn: command.lastCheckedOn,
                nextCheckDue: command.lastCheckedOn.map { $0 + interval } ?? now, createdAt: now)
            try await unit.stock.insert(apron)
            try await unit.record(
                actor, "apron.added", patientID: nil, examID: nil, at: now,
                "Added lead apron \(apron.identifier) (\(apron.leadEquivalenceMillimetres.clean) mm Pb) at "
                    + apron.location)
            return Outcome(apron, events: [DomainEvent(name: "apron.added", subjectID: id.uuidString, at: now)])
        }
    }
}
