import Foundation

/// Adds or replaces catalogue entries (the department's own list, for example from a CSV import).
/// All entries are checked first; one bad entry refuses the whole batch with every problem named.
public struct UpsertCatalogueEntries: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var entries: [CatalogueEntry]

        public init(entries: [CatalogueEntry]) {
            self.entries = entries
        }
    }

    /// NICIP descriptions are at most 40 characters.
    public static let maximumNameLength = 40

    /// The longest fast a catalogue entry may ask of a patient (a day).
    public static let maximumFastingHours = 24

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<[CatalogueEntry]> {
        try environment.policy.require(actor, .manageCatalogue)
        let now = environment.clock.now()
        var problems: [FieldProblem] = []
        var seen: Set<String> = []
        let entries = command.entries.map { entry -> CatalogueEntry in
            var normalised = entry
            normalised.code = entry.code.trimmed.uppercased()
            normalised.name = entry.name.trimmed
            normalised.projections = entry.projections.map(\.trimmed).filter { !$0.isEmpty }
            return normalised
        }
        if entries.isEmpty { problems.append(FieldProblem("entries", "no entries given")) }
        for (index, entry) in entries.enumerated() {
            if entry.code.isEmpty || entry.code.count > 16
                || !entry.code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
            {
                problems.append(FieldProblem("entries[\(index)].code", "must be 1 to 16 letters or digits"))
            }
            if !seen.insert(entry.code).inserted {
                problems.append(FieldProblem("entries[\(index)].code", "\(entry.code) appears twice", code: .duplicate))
            }
            if entry.name.isEmpty || entry.name.count > Self.maximumNameLength {
                problems.append(
                    FieldProblem("entries[\(index)].name", "must be 1 to \(Self.maximumNameLength) characters"))
            }
            if let minutes = entry.slotMinutes, !(1...BookingRules.maximumSlotMinutes).contains(minutes) {
                problems.append(
                    FieldProblem(
                        "entries[\(index)].slotMinutes", "must be 1 to \(BookingRules.maximumSlotMinutes) minutes"))
            }
            if let hours = entry.fastingHours, !(1...Self.maximumFastingHours).contains(hours) {
                problems.append(
                    FieldProblem(
                        "entries[\(index)].fastingHours", "must be 1 to \(Self.maximumFastingHours) hours, or absent"))
            }
            if entry.modality.usesIonisingRadiation && entry.projections.isEmpty {
                problems.append(
                    FieldProblem("entries[\(index)].projections", "list the standard projections or series"))
            }
        }
        guard problems.isEmpty else {
            throw DomainError(.validationFailed, "The catalogue entries were not saved.", fields: problems)
        }
        return try await environment.store.transaction { unit in
            var events: [DomainEvent] = []
            for entry in entries {
                let existed = try await unit.catalogue.get(code: entry.code) != nil
                try await unit.catalogue.upsert(entry)
                try await unit.record(
                    actor, "catalogue.upserted", patientID: nil, examID: nil, at: now,
                    "\(existed ? "Updated" : "Added") \(entry.code) \(entry.name)")
                events.append(DomainEvent(name: "catalogue.upserted", subjectID: entry.code, at: now))
            }
            return Outcome(entries, events: events)
        }
    }
}
