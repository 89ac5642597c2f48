import Foundation

/// The median dose per exam type and group over a period, against the national and the local DRL, where the group
/// is a room (``DoseOverviewReport``; DOMAIN.md "Numbers the department is judged on": dose, median per exam type
/// and room against the local and national DRL) or an operator (``DoseOperatorReport``; for managers: who may need
/// technique support). A median above the level it is judged against (the local one when set, else the national)
/// is flagged.
public struct DoseMedianReport: Sendable, Codable, Equatable {
    public struct Row: Sendable, Codable, Equatable {
        public var examCode: String
        public var examName: String
        /// The room or the operator whose exams the median is of (nil: exams with none recorded), and its name.
        public var groupID: UUID?
        public var groupName: String
        public var metric: DoseMetric
        public var exams: Int
        public var median: Double
        public var national: Double?
        /// The local DRL in force now for this exam type (in the row's room; for an operator, in every room).
        public var local: Double?
        /// median / (local, else national).
        public var ratio: Double?

        public var aboveReferenceLevel: Bool { (ratio ?? 0) > 1 }

        public init(
            examCode: String, examName: String, groupID: UUID?, groupName: String, metric: DoseMetric, exams: Int,
            median: Double, national: Double?, local: Double?
        ) {
            self.examCode = examCode
            self.examName = examName
            self.groupID = groupID
            self.groupName = groupName
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

/// The median dose per exam type and room against the DRLs (the DRL statistics page); a row's group is its room.
public typealias DoseOverviewReport = DoseMedianReport

/// The median dose per exam type and operator against the exam type's DRLs; a row's group is its operator, and the
/// local level is the exam type's for every room, since operators move between rooms.
public typealias DoseOperatorReport = DoseMedianReport
