import Foundation

/// Threshold changes (append-only: the history of every threshold).
public protocol ThresholdRepository: Sendable {
    /// Every change, by `effectiveFrom` then `recordedAt` (bounded by `SetThreshold.maximumChanges`).
    func list() async throws -> [ThresholdChange]
    func insert(_ change: ThresholdChange) async throws
}
