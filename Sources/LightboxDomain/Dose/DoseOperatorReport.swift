import Foundation

/// Per operator and exam type, the median dose and how many exams, against the DRLs (for managers: who may need
/// technique support). The local level is the exam type's level for every room, since operators move between rooms.
public struct DoseOperatorReport: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public var examCode: String
        public var examName: String
        public var operatorStaffID: UUID?
        public var operatorName: String
        public var metric: DoseMetric
        public var exams: Int
        public var median: Double
        public var national: Double?
        public var local: Double?
        public var ratio: Double?

        public var aboveReferenceLevel: Bool { (ratio ?? 0) > 1 }

        public init(
            examCode: String, examName: String, operatorStaffID: UUID?, operatorName: String, metric: DoseMetric,
            exams: Int, median: Double, national: Double?, local: Double?
        ) {
            self.examCode = examCode
            self.examName = examName
            self.operatorStaffID = operatorStaffID
            self.operatorName = operatorName
            self.metric = metric
            self.exams = exams
            self.median = median
            self.national = national
            self.local = local
            let level = local ?? national
            ratio = level.flatMap { $0 > 0 ? median / $0 : nil }
        }
    }

    public var from: Date
    public var before: Date
    public var rows: [Row]

    public init(from: Date, before: Date, rows: [Row]) {
        self.from = from
        self.before = before
        self.rows = rows
    }
}
