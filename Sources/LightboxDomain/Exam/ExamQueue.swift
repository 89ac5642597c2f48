import Foundation

/// The front of one queue of exams and its length: the first exams a query finds in its order (at most its
/// limit, after its offset) and how many the whole query finds, counted by the store without reading them.
public struct ExamQueue: Sendable, Equatable {
    public var exams: [Exam]
    public var total: Int

    public init(exams: [Exam], total: Int) {
        self.exams = exams
        self.total = total
    }

    /// Exams of the queue not in `exams` (the "and N more" of a bounded list), after `offset` skipped ones.
    public func remaining(after offset: Int = 0) -> Int {
        max(0, total - offset - exams.count)
    }
}
