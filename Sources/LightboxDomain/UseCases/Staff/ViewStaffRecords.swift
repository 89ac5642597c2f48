import Foundation

/// Reads staff records: one's own always, anyone's with `viewStaffRecords`; the supervised practice awaiting
/// one's sign-off; the notices shown on one's home page. Reading staff records touches no patient's record and
/// is not audited (writes are).
public struct ViewStaffRecords: Sendable {
    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    /// Records of one kind: of `staffID`, of the actor when nil and the actor lacks `viewStaffRecords`, else
    /// of everyone.
    public func list<R: StaffRecord>(_ type: R.Type, staffID: UUID?, by actor: Actor) async throws -> [R] {
        let subject: UUID?
        if staffID == nil && environment.policy.allows(actor.role, .viewStaffRecords) {
            subject = nil
        } else {
            subject = try StaffRecordAccess.subject(
                staffID, actor: actor, policy: environment.policy, otherwise: .viewStaffRecords)
        }
        return try await environment.store.transaction { unit in
            try await unit.staffRecords.list(type, staffID: subject, limit: StaffRecordAccess.maximumListed)
        }
    }

    /// One record, if the actor may see it.
    public func get<R: StaffRecord>(_ type: R.Type, _ id: UUID, by actor: Actor) async throws -> R {
        let record = try await environment.store.transaction { unit in
            try await unit.staffRecords.get(type, id)
        }
        guard let record else { throw DomainError.notFound("staff record", id) }
        if record.staffID != actor.staffID {
            if let entry = record as? SupervisedPracticeEntry, entry.supervisorID == actor.staffID { return record }
            try environment.policy.require(actor, .viewStaffRecords)
        }
        return record
    }

    /// Supervised practice entries naming the actor as supervisor and not yet signed off, oldest first (none for an
    /// account that is not a member of staff: no entry can name it).
    public func awaitingSignOff(by actor: Actor) async throws -> [SupervisedPracticeEntry] {
        guard let staffID = actor.staffID else { return [] }
        let all = try await environment.store.transaction { unit in
            try await unit.staffRecords.list(
                SupervisedPracticeEntry.self, staffID: nil, limit: StaffRecordAccess.maximumListed)
        }
        return all.filter { $0.supervisorID == staffID && $0.signedOffAt == nil }.reversed()
    }

    /// The notices for the actor's home page, newest first.
    public func notices(by actor: Actor, limit: Int = 20) async throws -> [StaffNotice] {
        let all = try await environment.store.transaction { unit in
            try await unit.staffRecords.list(StaffNotice.self, staffID: nil, limit: StaffRecordAccess.maximumListed)
        }
        return Array(all.filter { $0.isFor(actor) }.prefix(max(1, min(limit, StaffRecordAccess.maximumListed))))
    }
}
