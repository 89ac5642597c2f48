import Foundation

extension ViewAuditLog {
    /// Searches the audit log newest first (the audit page). Like every read of a patient's entries, a search by
    /// patient is itself audited ("audit.read").
    public func search(_ query: AuditQuery, by actor: Actor) async throws -> Outcome<[AuditEntry]> {
        try environment.policy.require(actor, .viewAudit)
        var problems: [FieldProblem] = []
        if !(1...Self.maximumLimit).contains(query.limit) {
            problems.append(FieldProblem("limit", "must be 1 to \(Self.maximumLimit)"))
        }
        if let from = query.from, let until = query.until, until <= from {
            problems.append(FieldProblem("to", "must be after the start of the range"))
        }
        guard problems.isEmpty else {
            throw DomainError(.validationFailed, "The audit log search is not right.", fields: problems)
        }
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let entries = try await unit.audit.search(query)
            if let patientID = query.patientID {
                try await unit.record(
                    actor, "audit.read", patientID: patientID, examID: nil, at: now,
                    "Searched the audit log: \(entries.count) entries")
            }
            return Outcome(entries, events: [])
        }
    }
}
