import Foundation

/// Exams of one modality on the waiting list at a census, and how many of them were requested before each of
/// the census's boundaries (the same order as the boundaries asked for).
public struct WaitingTally: Sendable, Equatable {
    public var modality: Modality
    public var waiting: Int
    public var requestedBefore: [Int]

    public init(modality: Modality, waiting: Int, requestedBefore: [Int]) {
        self.modality = modality
        self.waiting = waiting
        self.requestedBefore = requestedBefore
    }
}
