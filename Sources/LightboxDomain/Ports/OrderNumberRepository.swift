import Foundation

/// The order numbers an ordering system gave a request (HL7 ORC-2/ORC-3), so that a later message about
/// the same order (a cancellation) finds the exam.
public protocol OrderNumberRepository: Sendable {
    /// The exam ordered under this placer order number, if any.
    func examID(placerOrderNumber: String) async throws -> UUID?
    /// Throws `DomainError(.duplicate)` when the placer order number is already recorded.
    func insert(placerOrderNumber: String, examID: UUID) async throws
}
