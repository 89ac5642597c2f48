import Foundation

/// Logs a room's clean (DOMAIN.md "Infection control": cleaning/turnover after each patient on isolation). When
/// the room was waiting for a clean after an isolation exam, this is that clean and the room takes its next exam
/// again. Audited ("room.cleaned").
public struct RecordCleaning: Sendable {
    public struct Command: Sendable, Codable, Equatable {
        public var roomID: UUID
        public var method: String

        public init(roomID: UUID, method: String) {
            self.roomID = roomID
            self.method = method
        }
    }

    /// The longest description of a clean.
    public static let maximumMethodLength = 1000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(_ command: Command, by actor: Actor) async throws -> Outcome<CleaningRecord> {
        try environment.policy.require(actor, .recordCleaning)
        let now = environment.clock.now()
        let id = environment.ids.next()
        return try await environment.store.transaction { unit in
            let record = try await Self.log(
                roomID: command.roomID, method: command.method, id: id, actor: actor, at: now, in: unit)
            // A clean logged here is the one the board asked for: its cleaning task is done by it.
            try await SupportTaskRules.closeCleaningTasks(
                roomID: record.roomID, by: record, except: nil, actor: actor, at: now, in: unit)
            return Outcome(
                record, events: [DomainEvent(name: "room.cleaned", subjectID: record.roomID.uuidString, at: now)])
        }
    }

    /// Logs the clean inside the caller's transaction (this use case, or the task board's "done" on a room clean):
    /// the method is required; a room waiting for its clean after an isolation exam takes its next exam again.
    static func log(
        roomID: UUID, method: String, id: UUID, actor: Actor, at now: Date, in unit: any UnitOfWork
    ) async throws -> CleaningRecord {
        var room = try await unit.room(roomID)
        let method = method.trimmed
        guard !method.isEmpty, method.count <= Self.maximumMethodLength else {
            throw DomainError(
                .validationFailed, "Say how the room was cleaned.",
                fields: [
                    FieldProblem(
                        "method",
                        method.isEmpty ? "is empty" : "is longer than \(Self.maximumMethodLength) characters")
                ])
        }
        let due = room.cleaningDue
        let record = CleaningRecord(
            id: id, roomID: room.id, afterExamID: due?.examID, precaution: due?.precaution, method: method,
            cleanedAt: now, cleanedBy: actor.username, cleanedByStaffID: actor.staffID)
        try await unit.cleaningLog.insert(record)
        if due != nil {
            room.cleaningDue = nil
            try await unit.rooms.update(room)
        }
        try await unit.record(
            actor, "room.cleaned", patientID: nil, examID: due?.examID, at: now,
            "\(room.name): \(method)"
                + (due.map { " (after isolation exam \($0.accessionNumber), \($0.precaution.label.lowercased()))" }
                    ?? ""))
        return record
    }
}
