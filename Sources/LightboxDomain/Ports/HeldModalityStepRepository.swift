import Foundation

/// Performed procedure steps held for an exam Lightbox does not know (``HeldModalityStep``).
public protocol HeldModalityStepRepository: Sendable {
    func get(_ id: UUID) async throws -> HeldModalityStep?
    /// The held step with this MPPS SOP Instance UID, whatever its decision.
    func find(sopInstanceUID: String) async throws -> HeldModalityStep?
    /// Oldest received first, at most `limit`, only those with `decision`.
    func list(decision: HeldModalityStep.Decision, limit: Int) async throws -> [HeldModalityStep]
    /// Throws a duplicate error when the SOP Instance UID is already held.
    func insert(_ step: HeldModalityStep) async throws
    func update(_ step: HeldModalityStep) async throws
}
