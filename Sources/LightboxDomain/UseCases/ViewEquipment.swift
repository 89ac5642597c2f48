import Foundation

/// Reads of the equipment register, the QA catalogue and results and the faults. They hold no patient data, so they
/// are not audited (like `BrowseReferenceData`); every change is.
public struct ViewEquipment: Sendable {
    /// The most results or faults one read returns.
    public static let maximumLimit = 1000

    let environment: DepartmentEnvironment

    public init(_ environment: DepartmentEnvironment) {
        self.environment = environment
    }

    /// Every item, or one room's.
    public func items(roomID: UUID? = nil, by actor: Actor) async throws -> [EquipmentItem] {
        try environment.policy.require(actor, .viewEquipment)
        return try await environment.store.transaction { try await $0.equipment.list(roomID: roomID) }
    }

    public func item(_ id: UUID, by actor: Actor) async throws -> EquipmentItem {
        try environment.policy.require(actor, .viewEquipment)
        return try await environment.store.transaction { unit in
            guard let item = try await unit.equipment.get(id) else { throw DomainError.notFound("equipment item", id) }
            return item
        }
    }

    /// The QA catalogue in force, of one modality when given (CR and DX share their tests).
    public func qaTests(modality: Modality? = nil, by actor: Actor) async throws -> [QATest] {
        try environment.policy.require(actor, .viewEquipment)
        let now = environment.clock.now()
        let tests = try await environment.store.transaction { unit in
            try await environment.configuration(at: now, in: unit).qaTests
        }
        guard let modality else { return tests }
        return tests.filter { $0.applies(to: modality) }
    }

    /// QA results newest first.
    public func qaResults(
        roomID: UUID? = nil, testCode: String? = nil, limit: Int = 200, by actor: Actor
    ) async throws -> [QAResult] {
        try environment.policy.require(actor, .viewEquipment)
        let bounded = min(max(limit, 1), Self.maximumLimit)
        return try await environment.store.transaction {
            try await $0.qaResults.list(roomID: roomID, testCode: testCode, limit: bounded)
        }
    }

    public func qaResult(_ id: UUID, by actor: Actor) async throws -> QAResult {
        try environment.policy.require(actor, .viewEquipment)
        return try await environment.store.transaction { unit in
            guard let result = try await unit.qaResults.get(id) else { throw DomainError.notFound("QA result", id) }
            return result
        }
    }

    /// Faults newest first.
    public func faults(
        roomID: UUID? = nil, openOnly: Bool = false, limit: Int = 200, by actor: Actor
    ) async throws -> [Fault] {
        try environment.policy.require(actor, .viewEquipment)
        let bounded = min(max(limit, 1), Self.maximumLimit)
        return try await environment.store.transaction {
            try await $0.faults.list(roomID: roomID, openOnly: openOnly, limit: bounded)
        }
    }

    public func fault(_ id: UUID, by actor: Actor) async throws -> Fault {
        try environment.policy.require(actor, .viewEquipment)
        return try await environment.store.transaction { unit in
            guard let fault = try await unit.faults.get(id) else { throw DomainError.notFound("fault", id) }
            return fault
        }
    }

    /// The cleaning log newest first, of one room when given.
    public func cleaningLog(roomID: UUID? = nil, limit: Int = 200, by actor: Actor) async throws -> [CleaningRecord] {
        try environment.policy.require(actor, .viewEquipment)
        let bounded = min(max(limit, 1), Self.maximumLimit)
        return try await environment.store.transaction { try await $0.cleaningLog.list(roomID: roomID, limit: bounded) }
    }
}
