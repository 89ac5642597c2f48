import Foundation

/// The SAUE cases, newest first, optionally only those in one status (the physicist's queue is those awaiting
/// review). Reading it is audited (`saue.read`): cases link to patients' records.
public struct ListSAUECases: Sendable {
    /// The most cases one read returns.
    public static let limit = 500

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    public func callAsFunction(status: SAUECase.Status? = nil, by actor: Actor) async throws -> [SAUECase] {
        try environment.policy.require(actor, .reportSAUE)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            let cases = try await unit.saueCases.list(status: status, limit: Self.limit)
            try await unit.record(
                actor, "saue.read", patientID: nil, examID: nil, at: now,
                "Read \(cases.count) SAUE cases" + (status.map { " (\($0.rawValue))" } ?? ""))
            return cases
        }
    }

    /// One case, audited against its patient.
    public func one(_ id: UUID, by actor: Actor) async throws -> SAUECase {
        try environment.policy.require(actor, .reportSAUE)
        let now = environment.clock.now()
        return try await environment.store.transaction { unit in
            guard let saueCase = try await unit.saueCases.get(id) else { throw DomainError.notFound("SAUE case", id) }
            try await unit.record(
                actor, "saue.read", patientID: saueCase.patientID, examID: saueCase.examID, at: now,
                "Read SAUE case \(saueCase.reference)")
            return saueCase
        }
    }
}
