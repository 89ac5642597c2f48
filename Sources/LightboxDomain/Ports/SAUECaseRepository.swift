import Foundation

/// Significant accidental and unintended exposure cases.
public protocol SAUECaseRepository: Sendable {
    func get(_ id: UUID) async throws -> SAUECase?
    /// Newest reported first, at most `limit`; only those in `status` when given.
    func list(status: SAUECase.Status?, limit: Int) async throws -> [SAUECase]
    func insert(_ saueCase: SAUECase) async throws
    func update(_ saueCase: SAUECase) async throws
}
