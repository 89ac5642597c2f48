import Foundation

/// A proposed local DRL: the median of a room's last N exams of a type (N is
/// `DoseThresholds.localLevelSampleSize`; UKHSA's guidance on local DRLs asks for the median of a
/// typical sample), shown beside the national level and the local level in force.
public struct ProposedReferenceLevel: Sendable, Codable, Equatable {
    public struct Figure: Sendable, Codable, Equatable {
        public var metric: DoseMetric
        /// The median of the exams that have this figure.
        public var median: Double
        /// How many exams gave it.
        public var exams: Int
        public var national: Double?
        public var localInForce: Double?

        public init(metric: DoseMetric, median: Double, exams: Int, national: Double?, localInForce: Double?) {
            self.metric = metric
            self.median = median
            self.exams = exams
            self.national = national
            self.localInForce = localInForce
        }
    }

    public var examCode: String
    public var roomID: UUID
    /// N asked for; fewer exams may exist (each figure says how many it used).
    public var sampleSize: Int
    public var examsFound: Int
    public var figures: [Figure]

    public init(examCode: String, roomID: UUID, sampleSize: Int, examsFound: Int, figures: [Figure]) {
        self.examCode = examCode
        self.roomID = roomID
        self.sampleSize = sampleSize
        self.examsFound = examsFound
        self.figures = figures
    }

    /// The median of `values` (the mean of the middle two for an even count); nil when empty.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
