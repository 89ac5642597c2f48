import Foundation

/// The scheduled staff expiry job (DOMAIN.md, Staff: "expiry removes the matching entitlement automatically").
/// Lapsed mandatory training removes the entitlements to the duties it underpins
/// (`MandatoryTraining.underpinnedDuties`) unless the course was renewed; a lapsed competency removes the
/// entitlements granted on it; an expired professional registration removes every entitlement. Each lapse is
/// applied once, in its own transaction, with an audit entry per removed entitlement and a notice to the person
/// and to the managers. Running it again changes nothing.
public struct ApplyStaffExpiries: Sendable {
    /// At most this many lapses of each kind per run; the next run takes the rest.
    public static let batchSize = 200

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(by actor: Actor) async throws -> Outcome<StaffExpiryReport> {
        try environment.policy.require(actor, .manageEntitlements)
        let now = environment.clock.now()
        var report = StaffExpiryReport()
        var events: [DomainEvent] = []

        let training = try await environment.store.transaction { unit in
            try await unit.staffRecords.lapsing(TrainingRecord.self, atOrBefore: now, limit: Self.batchSize)
        }
        for record in training {
            try await apply(record.id, actor: actor, at: now, into: &report, events: &events) { unit in
                guard var current = try await unit.staffRecords.get(TrainingRecord.self, record.id),
                    current.lapsedAt == nil
                else { return nil }
                current.lapsedAt = now
                try await unit.staffRecords.update(current)
                let others = try await unit.staffRecords.list(
                    TrainingRecord.self, staffID: current.staffID, limit: StaffRecordAccess.maximumListed)
                // Renewed in time: the old record lapses quietly, nothing rested on it alone.
                if others.contains(where: {
                    $0.id != current.id && $0.course == current.course && $0.isCurrent(at: now)
                }) {
                    return nil
                }
                let duties = current.course.underpinnedDuties
                return Lapse(
                    staffID: current.staffID, what: "\(current.course.label) training",
                    matches: { duties.contains($0.duty) })
            }
        }

        let competencies = try await environment.store.transaction { unit in
            try await unit.staffRecords.lapsing(Competency.self, atOrBefore: now, limit: Self.batchSize)
        }
        for competency in competencies {
            try await apply(competency.id, actor: actor, at: now, into: &report, events: &events) { unit in
                guard var current = try await unit.staffRecords.get(Competency.self, competency.id),
                    current.lapsedAt == nil
                else { return nil }
                current.lapsedAt = now
                try await unit.staffRecords.update(current)
                let lapsed = current
                return Lapse(
                    staffID: current.staffID,
                    what: "competency to \(current.duty.label) \(current.scope.summary)",
                    matches: { lapsed.underpins($0) })
            }
        }

        let registrations = try await environment.store.transaction { unit in
            try await unit.staff.list().filter { member in
                guard let registration = member.registration else { return false }
                return registration.expires <= now
            }
        }
        for member in registrations.prefix(Self.batchSize) {
            try await apply(member.id, actor: actor, at: now, into: &report, events: &events) { unit in
                // Idempotent without a marker: once removed, no entitlement is in force to remove again.
                let inForce = try await unit.entitlements.list(staffID: member.id).filter { $0.isInForce(at: now) }
                guard !inForce.isEmpty, let registration = member.registration else { return nil }
                return Lapse(
                    staffID: member.id, what: "\(registration.body) registration \(registration.number)",
                    matches: { _ in true })
            }
        }
        return Outcome(report, events: events)
    }

    /// What lapsed, for whom, and which of their entitlements rested on it.
    struct Lapse: Sendable {
        var staffID: UUID
        var what: String
        var matches: @Sendable (Entitlement) -> Bool
    }

    private func apply(
        _ subject: UUID, actor: Actor, at now: Date, into report: inout StaffExpiryReport,
        events: inout [DomainEvent], _ lapse: @escaping @Sendable (any UnitOfWork) async throws -> Lapse?
    ) async throws {
        let ids = environment.ids
        let outcome: (String, [UUID], Int)? = try await environment.store.transaction { unit in
            guard let lapse = try await lapse(unit) else { return nil }
            let member = try await StaffRecordAccess.member(lapse.staffID, in: unit)
            let reason = "\(lapse.what) expired"
            var revoked: [Entitlement] = []
            for var entitlement in try await unit.entitlements.list(staffID: lapse.staffID)
            where entitlement.isInForce(at: now) && lapse.matches(entitlement) {
                entitlement.revokedAt = now
                entitlement.revokedBy = actor.username
                entitlement.revocationReason = reason
                try await unit.entitlements.update(entitlement)
                try await unit.record(
                    actor, "entitlement.revoked", patientID: nil, examID: nil, at: now,
                    "Revoked \(entitlement.duty.rawValue) \(entitlement.scope.summary) of \(member.displayName) "
                        + "(staff \(member.id)): \(reason)")
                revoked.append(entitlement)
            }
            let removed =
                revoked.isEmpty
                ? "No entitlement rested on it."
                : "Entitlements removed: "
                    + revoked.map { "\($0.duty.label) \($0.scope.summary)" }.joined(separator: "; ") + "."
            let message = "\(member.displayName)'s \(reason) on \(now.formatted(.iso8601)). \(removed)"
            for audience in [StaffNotice.Audience.person, .managers] {
                try await unit.staffRecords.insert(
                    StaffNotice(
                        id: ids.next(), staffID: member.id, audience: audience, message: message, createdAt: now))
            }
            try await unit.record(actor, "staff.expiry-applied", patientID: nil, examID: nil, at: now, message)
            return (lapse.what + " of " + member.displayName, revoked.map(\.id), 2)
        }
        guard let (what, revoked, notices) = outcome else { return }
        report.lapses.append(what)
        report.revokedEntitlements += revoked
        report.notices += notices
        events.append(DomainEvent(name: "staff.expiry-applied", subjectID: subject.uuidString, at: now))
        events += revoked.map { DomainEvent(name: "entitlement.revoked", subjectID: $0.uuidString, at: now) }
    }
}
