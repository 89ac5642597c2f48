import Foundation

/// Merges a duplicate patient record into the surviving one (HL7 ADT^A40): the duplicate's exams move to
/// the survivor, its hospital numbers (and NHS number, when the survivor has none) pass to the survivor,
/// and it is marked merged-into so that nothing is requested against it again. Audited on both records.
public struct MergePatients: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var survivorID: UUID
        public var mergedID: UUID

        public init(survivorID: UUID, mergedID: UUID) {
            self.survivorID = survivorID
            self.mergedID = mergedID
        }
    }

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<Patient> {
        try environment.policy.require(actor, .managePatients)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            guard command.survivorID != command.mergedID else {
                throw DomainError(
                    .validationFailed, "A patient record cannot be merged into itself.",
                    fields: [FieldProblem("mergedID", "is the surviving record")])
            }
            var survivor = try await unit.patient(command.survivorID)
            var merged = try await unit.patient(command.mergedID)
            if let already = merged.mergedInto {
                if already == survivor.id { return Outcome(survivor, events: []) }
                throw DomainError(
                    .patientMerged, "\(merged.name.display) was already merged into another record (\(already)).",
                    fields: [FieldProblem("mergedID", "already merged", code: .patientMerged)])
            }
            if survivor.mergedInto != nil {
                throw DomainError(
                    .patientMerged, "The surviving record \(survivor.name.display) has itself been merged.",
                    fields: [FieldProblem("survivorID", "already merged", code: .patientMerged)])
            }
            var moved: [UUID] = []
            while true {
                let batch = try await unit.exams.list(
                    ExamQuery(patientID: merged.id, limit: ListExams.maximumLimit))
                if batch.isEmpty { break }
                for var exam in batch {
                    exam.patientID = survivor.id
                    try await unit.exams.update(exam)
                    moved.append(exam.id)
                    try await unit.record(
                        actor, "exam.patient-merged", patientID: survivor.id, examID: exam.id, at: now,
                        "Exam moved from merged record \(merged.id) to \(survivor.id)")
                }
            }
            // Identifiers pass to the survivor so later messages quoting them find the surviving record.
            let numbers = merged.hospitalNumbers.filter { !survivor.hospitalNumbers.contains($0) }
            let nhsNumber = merged.nhsNumber
            merged.hospitalNumbers = []
            merged.nhsNumber = nil
            merged.mergedInto = survivor.id
            merged.updatedAt = now
            try await unit.patients.update(merged)
            survivor.hospitalNumbers += numbers
            if survivor.nhsNumber == nil { survivor.nhsNumber = nhsNumber }
            survivor.previousContrastReaction = survivor.previousContrastReaction || merged.previousContrastReaction
            survivor.alerts += merged.alerts.filter { !survivor.alerts.contains($0) }
            survivor.updatedAt = now
            try await unit.patients.update(survivor)
            let detail =
                "Merged \(merged.name.display) (\(merged.id)) into \(survivor.name.display) (\(survivor.id)); "
                + "\(moved.count) exam(s) moved"
            try await unit.record(actor, "patient.merged", patientID: merged.id, examID: nil, at: now, detail)
            try await unit.record(actor, "patient.merge-survivor", patientID: survivor.id, examID: nil, at: now, detail)
            return Outcome(
                survivor,
                events: [
                    DomainEvent(name: "patient.merged", patientID: merged.id, at: now),
                    DomainEvent(name: "patient.updated", patientID: survivor.id, at: now),
                ])
        }
    }
}
