import Foundation

/// The median of one figure over a group of exams (see `DoseStatisticsGrouping`), with how many exams gave it.
/// Medians of an even count are the mean of the middle two (as `ProposedReferenceLevel.median`).
public struct DoseMedian: Sendable, Codable, Equatable {
    public var examCode: String
    public var roomID: UUID?
    public var operatorStaffID: UUID?
    /// The interval's index for `.interval` grouping.
    public var bucket: Int?
    public var metric: DoseMetric
    public var exams: Int
    public var median: Double

    public init(
        examCode: String, roomID: UUID? = nil, operatorStaffID: UUID? = nil, bucket: Int? = nil, metric: DoseMetric,
        exams: Int, median: Double
    ) {
        self.examCode = examCode
        self.roomID = roomID
        self.operatorStaffID = operatorStaffID
        self.bucket = bucket
        self.metric = metric
        self.exams = exams
        self.median = median
    }
}
